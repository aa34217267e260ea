from enum import Enum
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field


class Color(Enum):
    RED = "red"
    GREEN = "green"


class Level(Enum):
    LOW = 1
    HIGH = 2


class Address(BaseModel):
    """Where someone lives."""

    street: str
    zip_code: str = Field(alias="zipCode")
    model_config = ConfigDict(extra="forbid")


class Person(BaseModel):
    name: str
    address: Address
    previous: Optional[Address] = None
    color: Color = Color.RED
    level: Level
    kind: Literal["admin", "user"] = "user"
    flag: Literal[1, "one", True] = 1
    scores: dict[str, int] = {}
    by_id: dict[int, str] = {}
    ids: set[int] = set()
    pair: tuple[int, str] = (0, "")
    many: tuple[float, ...] = ()
    either: Union[int, str] = 0
    numbers: Union[int, list[int]] = 0


class Loose(BaseModel):
    model_config = ConfigDict(extra="allow")
    a: int


class Strict(BaseModel):
    model_config = ConfigDict(strict=True)
    a: int
    b: float = 0.0
