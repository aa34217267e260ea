# Data members: attributes, properties, ClassVar, values set in __init__.
from typing import ClassVar, Optional, Protocol, runtime_checkable


@runtime_checkable
class Named(Protocol):
    name: str


@runtime_checkable
class HasSize(Protocol):
    @property
    def size(self) -> int: ...


class Settable(Protocol):
    @property
    def value(self) -> float: ...
    @value.setter
    def value(self, v: float) -> None: ...


class NameAnnotatedOnly:
    name: str
class NameWithValue:
    name: str = "x"
class NameInInit:
    def __init__(self):
        self.name = "n"
class NameInInitArgs:
    def __init__(self, name: str) -> None:
        self.name: str = name
class NameProperty:
    @property
    def name(self) -> str: return "p"
class NameSettableProperty:
    @property
    def name(self) -> str: return "p"
    @name.setter
    def name(self, v: str) -> None: pass
class NameClassVar:
    name: ClassVar[str] = "c"
class NameOptional:
    name: Optional[str] = None
class NameInt:
    name = 3
class NameStrLiteral:
    name = "inferred"
class SizeAttr:
    size: int = 0
class SizeBool:
    size: bool = True
class SizeProperty:
    @property
    def size(self) -> int: return 1
class SizeFloatProperty:
    @property
    def size(self) -> float: return 1.0
class SizeMethod:
    def size(self) -> int: return 1
class SizeClassVar:
    size: ClassVar[int] = 2
class ValueAttr:
    value: float = 0.0
class ValueIntAttr:
    value: int = 0
class ValueReadOnly:
    @property
    def value(self) -> float: return 0.0
class ValueSettable:
    @property
    def value(self) -> float: return 0.0
    @value.setter
    def value(self, v: float) -> None: pass
class ValueSetterOtherName:
    @property
    def value(self) -> float: return 0.0
    @value.setter
    def set_value(self, v: float) -> None: pass
