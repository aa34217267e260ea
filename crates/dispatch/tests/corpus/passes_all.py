# The page's dispatcher edited to pass every key: `return handler(**payload)`, which the lab predicts.
import inspect


def dispatch(handler, payload: dict):
    """Calls handler with every payload key."""
    return handler(**payload)


def create_user(user_id: int, name: str, admin: bool = False):
    return f"created user {user_id} ({name}), admin={admin}"


class Mailer:
    def __init__(self, host: str, port: int = 25):
        self.address = f"{host}:{port}"


def echo(**values):
    return values


def reprs(a, s, f, n, t, d, u, e=0):
    return a
