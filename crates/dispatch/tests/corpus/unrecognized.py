# A dispatcher the lab does not predict: it is run, and nothing of it is judged.
import inspect


def dispatch(handler, payload: dict):
    """Passes every key but the private ones."""
    return handler(**{k: v for k, v in payload.items() if not k.startswith("_")})


def create_user(user_id: int, name: str, admin: bool = False):
    return f"created user {user_id} ({name}), admin={admin}"
