from dataclasses import dataclass
from typing import Annotated, get_type_hints


@dataclass(frozen=True)
class MinLen:
    n: int


@dataclass(frozen=True)
class Between:
    low: float
    high: float


class Secret:
    """Marks a value that must never be logged."""


Username = Annotated[str, MinLen(3)]
Age = Annotated[int, Between(0, 150)]
Password = Annotated[str, MinLen(8), Secret()]


def sign_up(name: Username, age: Age, password: Password) -> None:
    ...


def check(func, **values):
    """Reads the metadata that Python itself ignores, and enforces it."""
    hints = get_type_hints(func, include_extras=True)
    for field, value in values.items():
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


# Python runs this call happily: the metadata does nothing on its own.
sign_up("al", -4, "hunter2")

# Nothing is checked until some code reads the metadata.
check(sign_up, name="al", age=-4, password="hunter2")

# Without include_extras=True the metadata is stripped away.
print(get_type_hints(sign_up)["name"])
