# A TypedDict class is a dict at runtime: inspect.signature finds no signature for it, so a
# dispatcher fails before it looks at the payload.
import typing
from typing import TypedDict


class Movie(TypedDict):
    title: str
    year: int


class Rated(Movie, total=False):
    stars: int


class Book(typing.TypedDict):
    isbn: str


def review(movie: Movie, stars: int = 3):
    return (movie, stars)
