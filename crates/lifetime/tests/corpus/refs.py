import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name


class Watched:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, print, "finalized", name)


def gone(ref):
    print("callback: the object is gone", ref() is None)


def also_gone(ref):
    print("second callback")
