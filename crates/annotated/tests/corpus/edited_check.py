from dataclasses import dataclass
from typing import Annotated, Optional, get_type_hints


@dataclass(frozen=True)
class MinLen:
    n: int


@dataclass(frozen=True)
class Between:
    low: float
    high: float


class Secret:
    pass


class Doc:
    def __init__(self, text):
        self.text = text


class Loud:
    def __repr__(self):
        return "LOUD"


@dataclass(frozen=True)
class Limit:
    n: int
    unit: str = "chars"


class User:
    pass


Username = Annotated[str, MinLen(3)]
Age = Annotated[int, Between(0, 150)]
Password = Annotated[str, MinLen(8), Secret()]
Small = Annotated[int, Between(0, 10)]
THREE = MinLen(3)


def sign_up(name: Username, age: Age, password: Password) -> None:
    ...


def nested(x: Annotated[Small, Between(2, 4)], y: Annotated[Small, MinLen(2)] = 0):
    ...


def optional(x: Annotated[Optional[int], Between(1, 5)], y: Annotated[int | None, Between(0.5, 2)] = None):
    ...


def ratio(r: Annotated[float, Between(0, 1)]):
    ...


def lists(items: Annotated[list, MinLen(1)], typed: Annotated[list[int], MinLen(1)] = ()):
    ...


def documented(title: Annotated[str, Doc("The title"), "free text", 42, THREE], count: int = 0, label=None):
    ...


def spelled(code: "Annotated[str, MinLen(4)]", word: Annotated[str, Limit(2)], span: Annotated[int, Between(low=-1, high=1.5)]):
    ...


def owner(who: Annotated[User, Secret()], loud: Annotated[str, Loud()] = ""):
    ...


def mapping(options: Annotated[dict, MinLen(2), Secret()]):
    ...


def check(func, **values):
    """Reads the metadata that Python itself ignores, and enforces it."""
    hints = get_type_hints(func, include_extras=True)
    for field, value in values.items():
        print(f"{field} is {value!r}")
        hint = hints[field]
        base, extras = hint.__origin__, hint.__metadata__
        shown = "***" if any(isinstance(m, Secret) for m in extras) else repr(value)
        if not isinstance(value, base):
            print(f"{field}={shown}: expected {base.__name__}")
            continue
        for rule in extras:
            if isinstance(rule, MinLen) and len(value) < rule.n:
                print(f"{field}={shown}: shorter than {rule.n}")
            elif isinstance(rule, Between) and not rule.low <= value <= rule.high:
                print(f"{field}={shown}: outside {rule.low}..{rule.high}")
