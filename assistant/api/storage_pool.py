"""A bounded thread pool for session-store work, apart from the one that answers questions.

A held database lock then ties up at most these threads: /v1/ask, /v1/precheck and /healthz keep
answering, and once the pool and its queue are full a chat is refused at once with a 503 rather
than waiting behind the lock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from assistant.errors import StorageUnavailable

T = TypeVar("T")


class StoragePool:
    """Runs blocking session-store calls on `threads` threads, with at most `queue` more waiting."""

    def __init__(self, threads: int, queue: int):
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="session-store")
        self._limit = threads + queue
        self._in_flight = 0  # only touched on the event loop's thread

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Await `function(*args)` on the pool; StorageUnavailable when the pool and its queue are full."""
        if self._in_flight >= self._limit:
            raise StorageUnavailable("session store busy; retry shortly")
        self._in_flight += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, partial(function, *args))
        finally:
            self._in_flight -= 1

    def close(self) -> None:
        """Stop accepting work; threads finish what they hold."""
        self._executor.shutdown(wait=False, cancel_futures=True)
