# Keyword-only parameters, **kwargs and *args.
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Configurable(Protocol):
    def configure(self, *, verbose: bool, level: int = 0) -> None: ...


class Variadic(Protocol):
    def call(self, *args: int, **kwargs: str) -> None: ...


class KwExact:
    def configure(self, *, verbose: bool, level: int = 0) -> None: pass
class KwPositional:
    def configure(self, verbose: bool, level: int = 0) -> None: pass
class KwMissingDefault:
    def configure(self, *, verbose: bool, level: int) -> None: pass
class KwRenamed:
    def configure(self, *, loud: bool, level: int = 0) -> None: pass
class KwKwargs:
    def configure(self, **options: Any) -> None: pass
class KwKwargsInt:
    def configure(self, **options: int) -> None: pass
class KwKwargsStr:
    def configure(self, **options: str) -> None: pass
class KwPosOnly:
    def configure(self, verbose: bool, /, level: int = 0) -> None: pass
class KwExtraRequired:
    def configure(self, *, verbose: bool, level: int = 0, color: str) -> None: pass
class VarExact:
    def call(self, *args: int, **kwargs: str) -> None: pass
class VarNoKwargs:
    def call(self, *args: int) -> None: pass
class VarObject:
    def call(self, *args: object, **kwargs: object) -> None: pass
class VarNarrow:
    def call(self, *args: bool, **kwargs: str) -> None: pass
class VarExtraPositional:
    def call(self, first: int = 0, *args: int, **kwargs: str) -> None: pass
