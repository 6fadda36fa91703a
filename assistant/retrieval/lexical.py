"""The lexical index: jieba tokens scored with BM25 (bm25s)."""

from __future__ import annotations

import bm25s

from assistant.retrieval.documents import ClauseDocument
from assistant.retrieval.tokenize import tokenize


class LexicalIndex:
    """BM25 over the clause documents; ``search`` returns (key, bm25 score, higher is better)."""

    def __init__(self, documents: list[ClauseDocument]):
        self._keys = [document.key for document in documents]
        corpus_tokens = [tokenize(document.search_text) for document in documents]
        self._vocabulary = {token for tokens in corpus_tokens for token in tokens}
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus_tokens, show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        tokens = [token for token in tokenize(query) if token in self._vocabulary]
        if not tokens:
            return []
        results, scores = self._bm25.retrieve([tokens], k=min(k, len(self._keys)), show_progress=False)
        return [
            (self._keys[int(index)], float(score))
            for index, score in zip(results[0], scores[0], strict=True)
            if score > 0
        ]
