"""Bounds on the serving process, so its memory stays put under load (sizes from Settings)."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

import anyio.to_thread

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)


def limit_worker_threads(count: int) -> None:
    """Blocking routes run on anyio's thread pool: 40 threads by default, each with its own stack and
    malloc arena, all contending for the CPU. A few threads serve 2 cores as fast, with less memory."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = count


def limit_malloc_arenas(count: int) -> None:
    """glibc gives each new thread its own heap arena (up to 8 per core) and rarely returns their pages;
    fewer arenas keep the resident size flat under concurrent load. Call before threads start."""
    if count <= 0 or not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        if not libc.mallopt(M_ARENA_MAX, count):
            log.warning("mallopt(M_ARENA_MAX, %d) was refused", count)
    except (OSError, AttributeError):  # not glibc (musl has no arenas to bound)
        log.info("no glibc mallopt; malloc arenas left as they are")


def limit_blas_threads(count: int) -> None:
    """One BLAS thread per request thread: the products an answer makes are small, and OpenBLAS's own threads
    spin on the other core after each one (threadpoolctl, which scikit-learn already brings)."""
    if count <= 0:
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=count, user_api="blas")
