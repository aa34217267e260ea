# Code that reaches a function's shared default without calling the function: the lab declines
# every list or dict display default of a module that mentions such a way.
import sys


def reached(a, items=[]):
    return a


def framed(a, items=[], table={}):
    peek()
    return a


def peek():
    sys._getframe(1).f_locals["table"]["seen"] = True


reached.__defaults__[0].append("changed")
framed(0)
