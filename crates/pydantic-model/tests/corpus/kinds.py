import dataclasses
from typing import Annotated, Optional

from annotated_types import Gt, MinLen
from pydantic import Field, validate_call
from pydantic.dataclasses import dataclass
from typing_extensions import TypedDict


@dataclass
class Item:
    name: Annotated[str, MinLen(1)]
    price: float = Field(gt=0)
    quantity: int = 1


@dataclasses.dataclass
class Plain:
    x: int
    tags: list[str] = dataclasses.field(default_factory=list)


class Movie(TypedDict):
    title: str
    year: Annotated[int, Gt(1887)]


class Partial(TypedDict, total=False):
    title: str
    rating: Optional[float]


@validate_call
def transfer(amount: Annotated[int, Gt(0)], to: str, note: str = "") -> str:
    return f"{amount} to {to}"
