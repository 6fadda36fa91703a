"""The hybrid retriever: lexical and vector rankings fused, as a LangChain BaseRetriever."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.language.normalise import normalise_query
from assistant.retrieval.fusion import reciprocal_rank_fusion


@runtime_checkable
class Searcher(Protocol):
    def search(self, query: str, k: int, regulation: str | None = None) -> list[tuple[str, float]]: ...


def _unchanged(query: str) -> str:
    return query


@dataclass(frozen=True)
class Rankings:
    """What retrieval saw for one query: (key, score) lists, best first, each with its own score."""

    lexical: list[tuple[str, float]]  # BM25, higher is better
    vector: list[tuple[str, float]]  # cosine similarity, higher is better
    fused: list[tuple[str, float]]  # reciprocal rank fusion, higher is better


class HybridRetriever(BaseRetriever):
    """Documents carry metadata ``key``, ``label``, ``regulation`` and ``rrf_score`` (higher is better)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    lexical: Searcher
    vector: Searcher
    documents_by_key: dict[str, Any]
    fuse: Callable[..., list[tuple[str, float]]] = reciprocal_rank_fusion
    # Callers' words → the text's words, for the lexical side only (the embedding reads the question as asked).
    expand: Callable[[str], str] = _unchanged
    k: int = 5
    candidates: int = 12

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        return self.ranked(query, k or self.k)

    def rankings(self, query: str, regulation: str | None = None) -> Rankings:
        """The lexical, vector and fused rankings of the candidates for a normalised query."""
        lexical = self.lexical.search(self.expand(query), self.candidates, regulation) if query else []
        vector = self.vector.search(query, self.candidates, regulation) if query else []
        return Rankings(lexical, vector, self.fuse([lexical, vector]))

    def ranked(self, query: str, k: int, regulation: str | None = None) -> list[Document]:
        """The k best clause documents for a query, of one regulation when given (Traditional is searched as Simplified)."""
        return self.documents(self.rankings(normalise_query(query), regulation).fused[:k])

    def documents(self, fused: list[tuple[str, float]]) -> list[Document]:
        """LangChain documents for (key, rrf score) pairs."""
        return [
            Document(
                page_content=self.documents_by_key[key].search_text,
                metadata={
                    "key": key,
                    "clause_id": self.documents_by_key[key].clause_id,
                    "label": self.documents_by_key[key].label,
                    "regulation": self.documents_by_key[key].regulation_id,
                    "rrf_score": score,
                },
            )
            for key, score in fused
        ]
