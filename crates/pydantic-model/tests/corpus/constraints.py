from typing import Annotated

import annotated_types as at
from annotated_types import Gt, Interval, Len, MaxLen, MinLen, MultipleOf, Predicate
from pydantic import BaseModel, Field, StringConstraints

PositiveInt = Annotated[int, Gt(0)]
Username = Annotated[str, MinLen(3), MaxLen(8)]


class Order(BaseModel):
    quantity: PositiveInt
    price: Annotated[float, at.Ge(0.5), at.Le(1000)]
    discount: Annotated[int, Interval(ge=0, lt=100)] = 0
    batch: Annotated[int, MultipleOf(5)] = 5
    weight: Annotated[float, MultipleOf(0.25)] = 1.0
    buyer: Username = "anonymous"


class Form(BaseModel):
    code: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Z]{2}-[0-9]+$")]
    slug: Annotated[str, StringConstraints(to_lower=True, min_length=2, max_length=5)] = "ab"
    items: Annotated[list[int], Len(1, 3)] = [1]
    lower: Annotated[str, Predicate(str.islower)] = "a"
    digits: Annotated[str, Predicate(str.isdigit)] = "1"


class Fields(BaseModel):
    count: int = Field(gt=0, le=10)
    ratio: float = Field(default=0.5, ge=0, lt=1)
    title: str = Field(min_length=1, max_length=12, pattern="^[^ ]")
    tags: list[str] = Field(default_factory=list, max_length=2)
    step: int = Field(default=2, multiple_of=2)
    big: int = Field(default=0, le=1000, ge=-5)


class Huge(BaseModel):
    n: int = Field(default=0, le=10**30)
