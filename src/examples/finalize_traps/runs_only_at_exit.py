import weakref


class TempFile:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, print, "removed", name)


log = TempFile("log.txt")
cache = [log]
del log
print("del log: the list still holds it, so nothing is removed")
print("the program ends here; the finalizer runs at interpreter exit")
