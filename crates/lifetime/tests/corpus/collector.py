import gc
import weakref


class N:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print('del', self.name)


class Breaker:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print('del', self.name, 'lets go of', self.other.name)
        self.other = None


class Plain:
    def __init__(self, name):
        self.name = name
        self.other = None


def said(ref):
    print('callback of a weak reference')
