"""The vector index in Chroma: embedded PersistentClient by default, HttpClient by configuration.

The collection records the corpus hash and the model it was built with; a mismatch rebuilds it,
so a second start reuses the index and an edited corpus is re-embedded.
"""

from __future__ import annotations

import logging
import re

import chromadb
from chromadb.config import Settings as ChromaSettings

from assistant.retrieval.documents import ClauseDocument
from assistant.retrieval.embeddings import Embedder
from assistant.settings import Settings

log = logging.getLogger(__name__)


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_mode == "http":
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class VectorIndex:
    """Clause documents in one Chroma collection; ``search`` returns (key, cosine similarity)."""

    def __init__(self, client: chromadb.ClientAPI, embedder: Embedder, documents: list[ClauseDocument], corpus_hash: str):
        self._embedder = embedder
        name = "clauses-" + re.sub(r"[^a-zA-Z0-9-]", "-", embedder.model_name)[-40:].strip("-")
        self.rebuilt = False
        collection = client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"})
        if (collection.metadata or {}).get("corpus_hash") != corpus_hash or collection.count() != len(documents):
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

    def embed_query(self, query: str) -> list[float]:
        """The query's vector (cached by the embedder: search and the answering heads share one call)."""
        return self._embedder.embed_query(query)

    def search(self, query: str, k: int, regulation: str | None = None) -> list[tuple[str, float]]:
        """The k nearest documents (cosine similarity, higher is better), only ``regulation``'s when given."""
        result = self._collection.query(
            query_embeddings=[self._embedder.embed_query(query)],  # type: ignore[arg-type]
            n_results=min(k, self.size),
            include=["distances"],
            where={"regulation": regulation} if regulation else None,
        )
        distances = (result.get("distances") or [[]])[0]
        return [(key, 1.0 - float(distance)) for key, distance in zip(result["ids"][0], distances, strict=True)]
