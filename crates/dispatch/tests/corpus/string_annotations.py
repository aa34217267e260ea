# Dataclasses with string annotations. dataclasses tells ClassVar, InitVar and KW_ONLY in a string
# by a regex on its start (`name` or `module.name`) and a lookup in sys.modules[cls.__module__]:
# the runner's own __main__, not the namespace the code runs in. None of these strings is found
# there, so every one is a regular field.
import dataclasses
import typing
from dataclasses import KW_ONLY, InitVar, dataclass, field
from typing import ClassVar

CV = ClassVar


@dataclass
class Quoted:
    a: int = 1
    quoted: "ClassVar[str]" = "q"


@dataclass
class Qualified:
    a: int
    count: "typing.ClassVar[int]" = 0


@dataclass
class Spaced:
    a: int
    count: " typing . ClassVar[int]" = 0
    b: "int" = 2


@dataclass
class QuotedInitVar:
    a: int
    scale: "InitVar[int]" = 1
    other: "dataclasses.InitVar[int]" = 2


@dataclass
class QuotedSentinel:
    a: int
    _: "KW_ONLY"
    b: int = 0


@dataclass
class Aliased:
    a: int
    b: "CV[int]" = 0


@dataclass
class Required:
    count: "ClassVar[int]"
    a: int = 0


@dataclass
class Mixed:
    a: int
    real: ClassVar[int] = 5
    quoted: "ClassVar[int]" = 6
    not_a_type: "[ClassVar]" = 7


@dataclass
class Inherits(Quoted):
    b: "ClassVar" = 3


@dataclass(kw_only=True)
class KwQuoted:
    a: "ClassVar[int]" = 0
    b: int = field(default=1, kw_only=False)
