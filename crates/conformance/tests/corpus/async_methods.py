# async def as mypy types it: calling it returns Coroutine[Any, Any, R], which is awaitable,
# and which a Protocol's def returning R does not accept.
import asyncio
from typing import Any, Awaitable, Coroutine, Protocol, runtime_checkable


@runtime_checkable
class AsyncFetcher(Protocol):
    async def fetch(self, key: str) -> bytes: ...


@runtime_checkable
class SyncFetcher(Protocol):
    def fetch(self, key: str) -> bytes: ...


@runtime_checkable
class AwaitableFetcher(Protocol):
    def fetch(self, key: str) -> Awaitable[bytes]: ...


class AnyResultFetcher(Protocol):
    def fetch(self, key: str) -> object: ...


class CoroutineFetcher(Protocol):
    def fetch(self, key: str) -> Coroutine[Any, Any, bytes]: ...


class AsyncBytes:
    async def fetch(self, key: str) -> bytes:
        return key.encode()


class AsyncText:
    async def fetch(self, key: str) -> str:
        return key


class AsyncWide:
    async def fetch(self, key: object) -> bytes:
        return b""


class SyncBytes:
    def fetch(self, key: str) -> bytes:
        return key.encode()


class ReturnsAwaitable:
    def fetch(self, key: str) -> Awaitable[bytes]:
        return asyncio.sleep(0, b"")


class ReturnsCoroutine:
    def fetch(self, key: str) -> Coroutine[Any, Any, bytes]:
        return AsyncBytes().fetch(key)
