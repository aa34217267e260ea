# Under `from __future__ import annotations` every annotation is a string, and dataclasses reads
# ClassVar, InitVar and KW_ONLY through sys.modules[cls.__module__], the runner's own __main__:
# none is recognised, each is a regular field (a ClassVar with a default becomes a parameter).
from __future__ import annotations

import dataclasses
import typing
from dataclasses import KW_ONLY, InitVar, dataclass, field
from typing import ClassVar


@dataclass
class Counter:
    a: int = 1
    count: ClassVar[int] = 0


@dataclass
class Sentinel:
    a: int
    _: KW_ONLY
    b: int = 0


@dataclass
class WithInitVar:
    a: int
    scale: InitVar[int] = 2


@dataclass
class Qualified:
    a: typing.ClassVar[int]
    b: dataclasses.InitVar[int]
    c: str = "c"


@dataclass(frozen=True)
class Frozen:
    a: int
    b: list[int] = field(default_factory=list)
    limit: ClassVar[int] = 3


def plain(a: int, b: ClassVar[int] = 0):
    return a, b
