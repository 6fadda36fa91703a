"""The threads that answer questions: the embedding model and retrieval run here, off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class AnswerPool:
    """Runs `function(*args)` on one of `threads` threads; more requests wait in line.

    A plain executor rather than anyio's thread pool (what a sync route uses): one hop of
    ``run_in_executor`` costs less than anyio's ``to_thread`` with its limiter and cancel scope,
    and the hop is paid on every /v1/ask (bench/ask_vs_embedding.py).
    """

    def __init__(self, threads: int):
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="answer")

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Await `function(*args)` on the pool."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def close(self) -> None:
        """Stop accepting work; threads finish what they hold."""
        self._executor.shutdown(wait=False, cancel_futures=True)
