import gc
import weakref


class Connection:
    def __init__(self, name):
        self.name = name
        # Trap: the bound method self.close holds self, and the finalizer holds the
        # callback, so the object can never be collected: the cleanup waits for exit.
        self._finalizer = weakref.finalize(self, self.close)

    def close(self):
        print("closed", self.name)


conn = Connection("db")
del conn
gc.collect()
print("after del and gc.collect(): nothing was closed")
print("the program ends here")
