# The page's dispatcher, as the example writes it, with handlers for every kind of value.
import inspect


def dispatch(handler, payload: dict):
    """Calls handler with the payload keys its signature names."""
    wanted = inspect.signature(handler).parameters
    return handler(**{key: value for key, value in payload.items() if key in wanted})


def create_user(user_id: int, name: str, admin: bool = False):
    return f"created user {user_id} ({name}), admin={admin}"


def record_event(kind, /, **details):
    return f"{kind}: {details}"


class Mailer:
    def __init__(self, host: str, port: int = 25):
        self.address = f"{host}:{port}"


def literal_defaults(a, b=-1.5, c="it's", d=None, e=True, f=0x10, g=1e16, h=..., i='say "hi"\n'):
    return a


def computed_default(a, b=[], c=len("ab")):
    return a


def echo(**values):
    return values


def reprs(a, s, f, n, t, d, u, e=0):
    return a


def raises(a):
    raise ValueError(a)


def gen(a):
    yield a
