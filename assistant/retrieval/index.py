"""Assemble the search stack once at start-up: corpus → documents → lexical + vector → retriever."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from assistant.regulation import Regulation
from assistant.retrieval.clause_search import ClauseSearch
from assistant.retrieval.documents import clause_documents
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.index_opening import open_vector_index
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.retriever import HybridRetriever
from assistant.retrieval.thesaurus import Thesaurus
from assistant.retrieval.tokenize import DomainTokenizer
from assistant.retrieval.vector_store import IndexMode, VectorIndex
from assistant.settings import Settings


@dataclass
class SearchStack:
    regulations: list[Regulation]
    retriever: HybridRetriever
    vector_index: VectorIndex
    lexical_index: LexicalIndex
    amount_words: tuple[str, ...] = ()  # the packages' words for asking how much, for staff search

    @cached_property
    def clause_search(self) -> ClauseSearch:
        """Staff search over every loaded regulation, built on first use."""
        return ClauseSearch(self.regulations, self.retriever, self.lexical_index.tokenizer, self.amount_words)


def build_search_stack(
    settings: Settings,
    regulations: list[Regulation],
    corpus_hash: str,
    *,
    tokenizer: DomainTokenizer,
    thesaurus: Thesaurus,
    embedder: Embedder | None = None,
    index_mode: IndexMode | None = None,
) -> SearchStack:
    """Open (or build) the indexes of the regulations' clauses; workers set ASSISTANT_INDEX_READ_ONLY."""
    documents = clause_documents(regulations)
    embedder = embedder or Embedder(settings.embedding_model, settings.embedding_backend,
                                    query_cache_size=settings.query_cache_size, model_cache_dir=settings.model_cache_dir)
    mode = index_mode or ("read_only" if settings.index_read_only else "auto")
    vector_index = open_vector_index(settings, embedder, documents, corpus_hash, mode)
    lexical_index = LexicalIndex(documents, tokenizer)
    retriever = HybridRetriever(
        lexical=lexical_index,
        vector=vector_index,
        documents_by_key={document.key: document for document in documents},
        k=settings.retrieval_k,
        expand=thesaurus,
    )
    return SearchStack(regulations, retriever, vector_index, lexical_index)
