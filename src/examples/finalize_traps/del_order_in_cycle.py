import gc

# CPython also collects on its own, whenever allocations pass a threshold, and
# a collection moves the objects it keeps to an older list: one between making
# a and b would flip the order below. Off, only gc.collect() collects, and the
# cycle's objects are finalized in the order they were made.
gc.disable()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


a = Node("a")
b = Node("b")
a.partner = b
b.partner = a
del a, b
gc.collect()
print("the cycle went in the order it was made")
gc.enable()
