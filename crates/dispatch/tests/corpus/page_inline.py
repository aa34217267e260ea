# The page's dispatcher renamed and written inline: still the naive filter.
import json
import inspect


def dispatch(fn, data) -> object:
    return fn(**{name: val for (name, val) in data.items() if name in inspect.signature(fn).parameters})


def create_user(user_id: int, name: str, admin: bool = False):
    return json.dumps([user_id, name, admin])


class Mailer:
    def __init__(self, host: str, port: int = 25):
        self.address = f"{host}:{port}"


def echo(**values):
    return values
