# Module conditions the runner decides alike on every run: `__name__` is '__main__' (the runner's
# namespace, as `python main.py` has it), `__debug__` is True (no -O), and len() of a literal.
import sys

WIDTH = len("abc")


def main_only(a):
    return a


if __name__ == "__main__":
    def main_only(b, a=0):
        return a, b


if __name__ != "__main__":
    def imported_only(a):
        return a
else:
    def imported_only(*, b=1, **rest):
        return b, rest


if __debug__ and WIDTH == 3:
    class Checked:
        def __init__(self, a, b=3):
            self.a = a
elif sys.version_info >= (3, 12):
    class Checked:
        def __init__(self, b):
            self.b = b


if not __debug__ or len((1, 2)) < 2:
    def sized(a):
        return a
else:
    def sized(a, b=len("xy")):
        return a, b


class Main:
    if __name__ == "__main__":
        def run(self, a, *args):
            return a, args
    else:
        def run(self, b):
            return b
