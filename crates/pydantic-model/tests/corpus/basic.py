from typing import Optional

from pydantic import BaseModel


class User(BaseModel):
    name: str
    age: int
    email: Optional[str] = None
    tags: list[str] = []
    score: float = 0.0
    active: bool = True
    nickname: str | None = None


class Point(BaseModel):
    x: int
    y: int
    label: str = "origin"
