import contextlib
import gc
import weakref
from contextlib import contextmanager


class Resource:
    def __init__(self, name):
        self.name = name
        weakref.finalize(self, print, "  freed", name)


class Managed:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, *args):
        print("exit", self.name)
        return False
