"""The vector index in Chroma: embedded PersistentClient by default, HttpClient by configuration.

The collection is named after the model and backend (their vectors differ) and records the corpus hash; a mismatch rebuilds it,
so a second start reuses the index and an edited corpus is re-embedded.
"""

from __future__ import annotations

import logging
import re
from typing import Literal

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from assistant.errors import IndexNotReady
from assistant.retrieval.documents import ClauseDocument
from assistant.retrieval.embeddings import Embedder
from assistant.settings import Settings

log = logging.getLogger(__name__)

# auto: build when missing or stale (one process); read_only: a worker that must find it built;
# rebuild: the one-time job (`assistant index --rebuild`) re-embeds whatever is there.
IndexMode = Literal["auto", "read_only", "rebuild"]


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_mode == "http":
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class VectorIndex:
    """Clause documents in one Chroma collection; ``search`` returns (key, cosine similarity)."""

    def __init__(self, client: chromadb.ClientAPI, embedder: Embedder, documents: list[ClauseDocument], corpus_hash: str,
                 mode: IndexMode = "auto", memory_limit: int = 20_000):
        self._embedder = embedder
        name = "clauses-" + re.sub(r"[^a-zA-Z0-9-]", "-", embedder.index_key)[-40:].strip("-")
        self.rebuilt = False
        if mode == "read_only":
            collection = _built_collection(client, name, corpus_hash, len(documents))
        else:
            collection = client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"})
        if (mode == "rebuild" or (collection.metadata or {}).get("corpus_hash") != corpus_hash
                or collection.count() != len(documents)):
            log.info("building vector index %s for corpus %s", name, corpus_hash)
            client.delete_collection(name)
            collection = client.create_collection(
                name, metadata={"hnsw:space": "cosine", "corpus_hash": corpus_hash}
            )
            collection.add(
                ids=[document.key for document in documents],
                embeddings=embedder.embed_documents([document.search_text for document in documents]),  # type: ignore[arg-type]
                metadatas=[{"label": document.label, "regulation": document.regulation_id} for document in documents],
                documents=[document.search_text for document in documents],
            )
            self.rebuilt = True
        self._collection = collection
        self.size = len(documents)
        # A copy of the vectors in memory (2 KiB each, up to memory_limit of them): an exact cosine search
        # over a few hundred clauses takes microseconds, a Chroma query ~2–5 ms of a 2-core server's CPU.
        self._matrix: np.ndarray | None = None
        if self.size <= memory_limit:
            stored = collection.get(include=["embeddings", "metadatas"])
            self._keys = np.array(stored["ids"], dtype=object)
            self._regulations = np.array([(meta or {}).get("regulation") for meta in stored["metadatas"] or []], dtype=object)
            self._matrix = np.asarray(stored["embeddings"], dtype=np.float32)

    @property
    def embedding_key(self) -> str:
        """The model and backend the vectors come from (what anything fitted on them must be keyed by)."""
        return self._embedder.index_key

    def check(self) -> dict[str, int]:
        """Raise unless the collection answers; its size otherwise (readiness probe)."""
        return {"clauses": self._collection.count()}

    def embed_query(self, query: str) -> list[float]:
        """The query's vector (cached by the embedder: search and the answering heads share one call)."""
        return self._embedder.embed_query(query)

    def search(self, query: str, k: int, regulation: str | None = None) -> list[tuple[str, float]]:
        """The k nearest documents (cosine similarity, higher is better), only ``regulation``'s when given."""
        if self._matrix is not None:
            return self._search_in_memory(np.asarray(self._embedder.embed_query(query), dtype=np.float32), k, regulation)
        result = self._collection.query(
            query_embeddings=[self._embedder.embed_query(query)],  # type: ignore[arg-type]
            n_results=min(k, self.size),
            include=["distances"],
            where={"regulation": regulation} if regulation else None,
        )
        distances = (result.get("distances") or [[]])[0]
        return [(key, 1.0 - float(distance)) for key, distance in zip(result["ids"][0], distances, strict=True)]

    def _search_in_memory(self, vector: np.ndarray, k: int, regulation: str | None) -> list[tuple[str, float]]:
        assert self._matrix is not None
        rows = np.flatnonzero(self._regulations == regulation) if regulation else np.arange(len(self._keys))
        similarities = self._matrix[rows] @ vector
        best = np.argsort(-similarities, kind="stable")[:k]
        return [(str(self._keys[rows[index]]), float(similarities[index])) for index in best]

def _built_collection(client: chromadb.ClientAPI, name: str, corpus_hash: str, size: int) -> chromadb.Collection:
    """The collection a read-only worker needs, or IndexNotReady saying which one-time job to run."""
    hint = "run `assistant index --rebuild` once (with the workers' settings) before starting workers"
    try:
        collection = client.get_collection(name)
    except NotFoundError as error:
        raise IndexNotReady(f"no vector index {name!r} in Chroma; {hint}") from error
    built_for = (collection.metadata or {}).get("corpus_hash")
    if built_for != corpus_hash or collection.count() != size:
        raise IndexNotReady(f"vector index {name!r} was built for corpus {built_for} ({collection.count()} clauses), "
                            f"this worker reads corpus {corpus_hash} ({size} clauses); {hint}")
    return collection
