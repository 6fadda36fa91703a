"""The lexical index: jieba tokens scored with BM25 (bm25s)."""

from __future__ import annotations

import bm25s

from assistant.retrieval.documents import ClauseDocument
from assistant.retrieval.tokenize import DomainTokenizer


class LexicalIndex:
    """BM25 over the clause documents; ``search`` returns (key, bm25 score, higher is better)."""

    def __init__(self, documents: list[ClauseDocument], tokenizer: DomainTokenizer):
        self.tokenizer = tokenizer
        self._tokenize = tokenizer.tokenize
        self._keys = [document.key for document in documents]
        self._regulations = [document.regulation_id for document in documents]
        corpus_tokens = [self._tokenize(document.search_text) for document in documents]
        self._vocabulary = {token for tokens in corpus_tokens for token in tokens}
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus_tokens, show_progress=False)

    def search(self, query: str, k: int, regulation: str | None = None) -> list[tuple[str, float]]:
        """The k best documents, only those of ``regulation`` when given."""
        tokens = [token for token in self._tokenize(query) if token in self._vocabulary]
        if not tokens:
            return []
        results, scores = self._bm25.retrieve([tokens], k=len(self._keys), show_progress=False)
        ranked = [
            (self._keys[int(index)], float(score))
            for index, score in zip(results[0], scores[0], strict=True)
            if score > 0 and (regulation is None or self._regulations[int(index)] == regulation)
        ]
        return ranked[:k]
