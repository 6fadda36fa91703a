"""The lexical index: jieba tokens scored with BM25 (bm25s)."""

from __future__ import annotations

import bm25s
import numpy as np

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
        # Scores of every document, sorted here: retrieve() would add top-k selection and progress-bar
        # wrappers that cost more than the scoring on a corpus of clauses.
        scores = self._bm25.get_scores(tokens)
        ranked = [
            (self._keys[index], float(scores[index]))
            for index in np.argsort(-scores, kind="stable").tolist()
            if scores[index] > 0 and (regulation is None or self._regulations[index] == regulation)
        ]
        return ranked[:k]
