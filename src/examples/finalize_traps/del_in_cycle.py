import gc


class Node:
    def __init__(self, name):
        self.name = name


class Resource(Node):
    def __del__(self):
        print("__del__", self.name)


a = Resource("a")
b = Node("b")
a.partner = b
b.partner = a
del a
del b
print("after del: the cycle keeps both alive")
gc.collect()
print("after gc.collect(): the collector ran __del__ (PEP 442)")
