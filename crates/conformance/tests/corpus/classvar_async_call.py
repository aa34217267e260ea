# ClassVar members, async def against async def (modelled like def: the coroutine's result is what
# is compared), and __call__ protocols, which are ordinary members for classes.
from typing import ClassVar, Optional, Protocol, runtime_checkable


@runtime_checkable
class HasKind(Protocol):
    kind: ClassVar[str]


@runtime_checkable
class HasLabel(Protocol):
    label: str


@runtime_checkable
class AsyncRunner(Protocol):
    async def run(self, x: int) -> int: ...


@runtime_checkable
class Handler(Protocol):
    def __call__(self, event: str) -> None: ...


class KindInstance:
    kind: str = "a"
class KindPlain:
    kind = "a"
class KindClassVar:
    kind: ClassVar[str] = "a"
class KindClassVarInt:
    kind: ClassVar[int] = 1
class KindInit:
    def __init__(self) -> None:
        self.kind: str = "a"
class KindAnnotated:
    kind: ClassVar[str]
class LabelClassVar:
    label: ClassVar[str] = "l"
class LabelBoth:
    label: str = "l"
    kind: ClassVar[str] = "k"
class Runner:
    async def run(self, x: int) -> int: return x
class RunnerBool:
    async def run(self, x: int) -> bool: return True
class RunnerStr:
    async def run(self, x: str) -> int: return 1
class RunnerObject:
    async def run(self, x: object) -> int: return 1
class RunnerExtra:
    async def run(self, x: int, y: int) -> int: return x
class RunnerOptional:
    async def run(self, x: int, y: Optional[int] = None) -> int: return x
class GoodHandler:
    def __call__(self, event: str) -> None: pass
class ObjectHandler:
    def __call__(self, event: object) -> None: pass
class IntHandler:
    def __call__(self, event: int) -> None: pass
class NoArgsHandler:
    def __call__(self) -> None: pass
class KeywordHandler:
    def __call__(self, *, event: str) -> None: pass
class AsyncHandler:
    async def __call__(self, event: str) -> None: pass
class NotCallable:
    pass
