from typing import Annotated, Literal, Optional, Union

from annotated_types import Ge, Le, MaxLen
from pydantic import BaseModel, Field
from typing_extensions import TypedDict


class Tag(BaseModel):
    name: Annotated[str, MaxLen(5)]


class Cat(BaseModel):
    meow: bool


class Dog(BaseModel):
    bark: int


class Post(BaseModel):
    """A post."""

    tags: list[Tag] = []
    by_name: dict[str, Tag] = {}
    main: Optional[Tag] = None
    pet: Union[Cat, Dog, None] = None
    scores: Annotated[list[Annotated[int, Ge(0), Le(10)]], MaxLen(3)] = []
    state: Literal["draft", "live"] = "draft"
    flag: bool = False
    count: int = 0
    ratio: float = Field(default=0.0, multiple_of=0.5)
    title: str = Field(default="", title="Headline", description="Shown on top")


class Reply(Post):
    parent: int


class Meta(TypedDict):
    views: int
    post: Post


class Renamed(BaseModel):
    user_name: str = Field(validation_alias="userName")
    note: Annotated[str, Field(alias="Note", max_length=3)] = ""
