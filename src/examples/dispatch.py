import inspect
from dataclasses import dataclass, field


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


@dataclass
class Invite:
    # The dataclass's generated __init__ is what inspect.signature reads:
    # (email: str, role: str = 'viewer'); `sent` is left out by init=False.
    email: str
    role: str = "viewer"
    sent: bool = field(default=False, init=False)


print(dispatch(create_user, {"user_id": 7, "name": "ada", "source": "web"}))
print(dispatch(Mailer, {"host": "smtp.local", "retries": 3}).address)
print(dispatch(Invite, {"email": "ada@example.com", "sent": True, "team": "core"}))

# Two traps at once: "ip" is dropped, because **details has no name to match,
# and "kind" is passed by keyword, so it lands in **details and the
# positional-only parameter kind is left missing.
try:
    print(dispatch(record_event, {"kind": "login", "ip": "10.0.0.1"}))
except TypeError as error:
    print("TypeError:", error)
