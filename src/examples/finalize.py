import gc
import weakref


class TempResource:
    def __init__(self, name: str):
        self.name = name
        # The callback must not refer to self, or self can never be collected.
        self._finalizer = weakref.finalize(self, print, f"  finalizer: released {name}")

    def release(self) -> None:
        self._finalizer()  # runs the callback now; it never runs twice

    @property
    def alive(self) -> bool:
        return self._finalizer.alive


print("1. the last reference goes away")
a = TempResource("a")
del a
print("   after del a")

print("2. an object in a reference cycle")
b = TempResource("b")
b.self_ref = b
del b
print("   after del b: the cycle keeps it alive")
gc.collect()
print("   after gc.collect()")

print("3. released explicitly")
c = TempResource("c")
c.release()
c.release()
print("   alive:", c.alive)

print("4. still alive at exit")
d = TempResource("d")
print("   the finalizer runs at interpreter exit (atexit=True by default)")
