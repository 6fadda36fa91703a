"""Helpers the bench scripts share: dev questions, percentiles, machine line, query-cache reset, server ports."""

from __future__ import annotations

import os
import platform
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # the subprocess benches must not pay for importing the app
    from assistant.services import Services

REPO = Path(__file__).resolve().parent.parent


def dev_questions() -> list[str]:
    """The questions of the labelled dev set, in file order."""
    data = yaml.safe_load((REPO / "eval/data/qa_dev.yaml").read_text(encoding="utf-8"))
    return [entry["question"] for entry in data["questions"]]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def machine() -> str:
    """One line naming the processor, cores, Python version and OPENBLAS_CORETYPE, for the report header."""
    blas = os.environ.get("OPENBLAS_CORETYPE") or "unset"
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, " \
           f"OPENBLAS_CORETYPE={blas}"


def query_cache_clearer(services: Services) -> Callable[[], None]:
    """Empties the embedder's query-vector cache, so a timed call pays for the embedding like a new question."""
    # Private on purpose in the app (the cache is an implementation detail); the bench needs both figures.
    embedder = services.search.vector_index._embedder  # noqa: SLF001
    return embedder._cached_query.cache_clear  # type: ignore[attr-defined]  # noqa: SLF001


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Terminate a server process, killing it if it has not exited within 20 s."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
