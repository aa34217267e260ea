# Callable types in members, nested: mypy reads a Callable's parameters contravariantly and its
# return covariantly, so a callback parameter of a method (itself contravariant) flips twice.
import typing
from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class Register(Protocol):
    def register(self, callback: Callable[[int], str]) -> None: ...


@runtime_checkable
class Apply(Protocol):
    def apply(self, f: Callable[[Callable[[int], str]], None]) -> None: ...


@runtime_checkable
class Factory(Protocol):
    def make(self) -> Callable[[str], typing.Callable[[int], bool]]: ...


@runtime_checkable
class Hook(Protocol):
    def hook(self) -> Callable[..., int]: ...


class Listener(Protocol):
    on_event: Callable[[str], None]


class IntCallback(Protocol):
    def __call__(self, x: int) -> str: ...


@runtime_checkable
class Provides(Protocol):
    def provide(self) -> IntCallback: ...


@runtime_checkable
class TakesCallback(Protocol):
    def take(self, cb: IntCallback) -> None: ...


class Doubler:
    def __call__(self, x: int) -> str: return str(2 * x)
class Ticker:
    def __call__(self) -> int: return 0


class Wide:
    def register(self, callback: Callable[[int], object]) -> None: pass
    def apply(self, f: Callable[[Callable[[object], str]], None]) -> None: pass
    def make(self) -> Callable[[str], Callable[[object], bool]]: return lambda s: lambda x: True
    def hook(self) -> Callable[[int, str], int]: return lambda a, b: 0
    on_event: Callable[[str], None]
class Narrow:
    def register(self, callback: Callable[[bool], str]) -> None: pass
    def apply(self, f: Callable[[Callable[[bool], str]], None]) -> None: pass
    def make(self) -> Callable[[str], Callable[[int], int]]: return lambda s: lambda x: x
    def hook(self) -> Callable[..., bool]: return lambda: True
    on_event: Callable[[object], None]
class Mismatched:
    def register(self, callback: Callable[[object], str]) -> None: pass
    def apply(self, f: Callable[[Callable[[int], object]], None]) -> None: pass
    def make(self) -> Callable[[bytes], Callable[[int], bool]]: return lambda s: lambda x: True
    def hook(self) -> Callable[..., str]: return lambda: ""
    def provide(self) -> Callable[[int], str]: return str
class Arity:
    def register(self, callback: Callable[[int, int], str]) -> None: pass
    def apply(self, f: Callable[[], None]) -> None: pass
    def make(self) -> Callable[[], Callable[[int], bool]]: return lambda: lambda x: True
    def hook(self) -> Callable[[], int]: return lambda: 0
    def provide(self) -> Doubler: return Doubler()
class Loose:
    def register(self, callback: Callable[..., str]) -> None: pass
    def apply(self, f: Callable[..., None]) -> None: pass
    def make(self) -> Callable[..., Callable[..., bool]]: return lambda s: lambda x: True
    def hook(self) -> int: return 0
    on_event: Callable[..., None]
class CallableFields:
    register: Callable[[Callable[[int], object]], None]
    hook: Callable[[], bool]
    make: Callable[..., Callable[[int], bool]]
class WrongFields:
    register: Callable[[Callable[[bool], str]], None]
    hook: Callable[[str], int]
    make: Callable[[], Callable[[int], bool]]
    apply: Callable[..., str]
class Takers:
    def take(self, cb: Callable[[bool], str]) -> None: pass
    def provide(self) -> Callable[..., str]: return str
    def hook(self) -> Ticker: return Ticker()
class WrongTakers:
    def take(self, cb: Callable[[int], int]) -> None: pass
    def provide(self) -> Callable[[str], str]: return str
    def hook(self) -> Doubler: return Doubler()
class ExactTakers:
    def take(self, cb: Callable[[int], str]) -> None: pass
    def provide(self) -> Callable[[object], str]: return str


def logged(f: Callable[..., int]) -> Callable[..., int]:
    return f


class LoggedTicker:
    @logged
    def __call__(self) -> int: return 0
class GivesLogged:
    def hook(self) -> LoggedTicker: return LoggedTicker()
