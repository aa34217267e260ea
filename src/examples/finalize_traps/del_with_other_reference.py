import weakref


class Lock:
    def __init__(self, name):
        self.name = name
        weakref.finalize(self, print, "released", name)


lock = Lock("db")
current = lock
del lock
print("del lock: `current` still refers to it, so it is not released")
current = None
print("current = None: the last reference went")
