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


# pydantic is such code, with a shared vocabulary: the constraints of
# annotated_types and Field(...). It acts on the metadata it knows, ignores
# the rest (such as plain strings), and reports every failing field at once.
import annotated_types as at
from pydantic import BaseModel, Field, ValidationError


class Account(BaseModel):
    name: Annotated[str, at.MinLen(3), "min_len:3"]
    age: Annotated[int, at.Ge(0), at.Le(150)]
    password: Annotated[str, Field(min_length=8), "sensitive_data"]


print()
try:
    Account(name="al", age=-4, password="hunter2")
except ValidationError as error:
    print(error)

# The string tags decide nothing: "min_len:3" alone lets "al" through.
class Comment(BaseModel):
    author: Annotated[str, "min_len:3"]


print(Comment(author="al"))


# A string tag is for code that looks for it, such as this masking step,
# which hides the fields tagged "sensitive_data".
def masked(model):
    hints = get_type_hints(type(model), include_extras=True)
    return {
        field: "***" if "sensitive_data" in getattr(hints[field], "__metadata__", ()) else value
        for field, value in model.model_dump().items()
    }


account = Account(name="ada", age="36", password="correct horse")
print(account.age + 1)  # "36" became the int 36: lax mode converts it
print(masked(account))
