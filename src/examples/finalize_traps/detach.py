import weakref


class Upload:
    def __init__(self, name):
        self.name = name
        self._cleanup = weakref.finalize(self, print, "deleted partial", name)

    def commit(self):
        # Committed: the partial file must stay, so the cleanup is cancelled.
        self._cleanup.detach()
        print("committed", self.name)


done = Upload("report.pdf")
failed = Upload("photo.jpg")
done.commit()
print("alive:", done._cleanup.alive, failed._cleanup.alive)
del done
print("after del done: its cleanup was detached, nothing runs")
del failed
print("after del failed")
