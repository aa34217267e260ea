import gc
import weakref


class TempResource:
    def __init__(self, name: str):
        self.name = name
        self._finalizer = weakref.finalize(self, print, f"  finalizer: released {name}")

    def release(self) -> None:
        self._finalizer()

    @property
    def alive(self) -> bool:
        return self._finalizer.alive
