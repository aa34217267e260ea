# Handlers bound by a top-level assignment: lambdas, methods of instances and classes, callable
# instances.
class Api:
    def __init__(self, prefix="/"):
        self.prefix = prefix

    def get(self, path: str, *, limit: int = 10):
        return self.prefix + path, limit

    @classmethod
    def make(cls, name, /, debug=False):
        return cls(name), debug

    @staticmethod
    def ping(host, port: int = 80):
        return host, port

    def __call__(self, event, **data):
        return event, data


class Child(Api):
    def get(self, path, verbose=False):
        return path, verbose


api = Api("/v1")
child = Child()

get = Api().get
get_via_name = api.get
child_get = child.get
inherited_call = Child("/c")
make = api.make
make_from_class = Api.make
ping = Api.ping
unbound = Api.get
callable_instance = Api()
callable_named = api
double = lambda a, b=1: (a, b)
star = lambda *args, key=None, **kw: (args, key, kw)
empty = lambda: None
positional = lambda a, /, b=2.5: (a, b)
