from dataclasses import dataclass
from typing import Annotated

import annotated_types as at
from pydantic import BaseModel, Field


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


class SignUp(BaseModel):
    name: Annotated[str, at.MinLen(3), "min_len:3"]
    age: Annotated[int, at.Ge(0), at.Le(150)]
    password: Annotated[str, Field(min_length=8), "sensitive_data"]
