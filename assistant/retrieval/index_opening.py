"""Open the vector index safely at start-up: one builder at a time, a damaged index rebuilt, a
read-only data dir served from memory.

Several workers started at once on an empty data dir take turns under a file lock: the first builds,
the others find the index built and reuse it. An index that cannot be opened or queried is moved
aside (never deleted: it may be evidence) and rebuilt, with a log line saying where it went.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from assistant.retrieval.documents import ClauseDocument
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.vector_store import IndexMode, VectorIndex, chroma_client
from assistant.settings import Settings

log = logging.getLogger(__name__)

LOCK_NAME = "index.lock"


def open_vector_index(settings: Settings, embedder: Embedder, documents: list[ClauseDocument],
                      corpus_hash: str, mode: IndexMode = "auto") -> VectorIndex:
    """The vector index for these documents, reused when it matches, else built (see module doc)."""
    if not _writable(settings.data_dir):
        log.warning("data dir %s is not writable: building the vector index in memory; "
                    "sessions will answer 503 storage_unavailable until it is", settings.data_dir)
        memory = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        return VectorIndex(memory, embedder, documents, corpus_hash, "auto", memory_limit=settings.vector_memory_limit)
    with build_lock(settings.data_dir / LOCK_NAME):
        if settings.chroma_mode == "http":
            return VectorIndex(chroma_client(settings), embedder, documents, corpus_hash, mode,
                               memory_limit=settings.vector_memory_limit)
        if mode == "read_only":
            return VectorIndex(chroma_client(settings), embedder, documents, corpus_hash, mode,
                               memory_limit=settings.vector_memory_limit)  # a worker: find it built, or say which job to run
        try:
            return _open_and_probe(settings, embedder, documents, corpus_hash, mode)
        except Exception as error:  # any failure to open or query a local index means it is unusable
            path = settings.data_dir / "chroma"
            aside = path.with_name(f"chroma.corrupt-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}")
            _forget_client(path)
            if path.exists():
                path.rename(aside)
            log.warning("vector index at %s is unreadable (%s: %s); moved to %s and rebuilt",
                        path, type(error).__name__, str(error)[:200], aside)
            return _open_and_probe(settings, embedder, documents, corpus_hash, mode)


@contextmanager
def build_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created if needed) across processes on this machine."""
    with open(lock_path, "a+b") as handle:
        started = time.perf_counter()
        fcntl.flock(handle, fcntl.LOCK_EX)
        waited = time.perf_counter() - started
        if waited > 0.5:
            log.info("waited %.1fs for another process holding %s", waited, lock_path.name)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_and_probe(settings: Settings, embedder: Embedder, documents: list[ClauseDocument],
                    corpus_hash: str, mode: IndexMode = "auto") -> VectorIndex:
    index = VectorIndex(chroma_client(settings), embedder, documents, corpus_hash, mode,
                        memory_limit=settings.vector_memory_limit)
    index.search(documents[0].search_text, 1)  # a damaged segment shows up on the first query
    return index


def _forget_client(path: Path) -> None:
    """Drop Chroma's per-process cached system for `path`, so the next client opens files afresh."""
    from chromadb.api.shared_system_client import SharedSystemClient

    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        try:
            system.stop()
        except Exception as error:  # stopping a broken system may fail too; it is dropped either way
            log.debug("stopping the damaged index's client: %s", error)


def _writable(directory: Path) -> bool:
    """Whether files can be created in `directory` (creating it if missing); root ignores modes, so try."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".write-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True
