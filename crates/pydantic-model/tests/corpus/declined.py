from typing import Annotated, Any

from annotated_types import Predicate
from pydantic import AfterValidator, AliasPath, BaseModel, Field, field_validator


class WithValidator(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def shout(cls, value):
        return value.upper()


class WithAfter(BaseModel):
    name: Annotated[str, AfterValidator(str.strip)]


class WithLambda(BaseModel):
    name: Annotated[str, Predicate(lambda s: s.startswith("a"))]


class Recursive(BaseModel):
    name: str
    children: list["Recursive"] = []


class Anything(BaseModel):
    value: Any
    ratio: Annotated[float, Predicate(str.islower)] = 0.0


class Pathed(BaseModel):
    city: str = Field(validation_alias=AliasPath("address", "city"))
