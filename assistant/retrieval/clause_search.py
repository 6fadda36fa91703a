"""Staff search by meaning: the hybrid retriever, typo-tolerant terms and the spans to highlight.

Hotline staff type what a caller says ("多少钱"), a typo ("弄虚做假") or a number ("补助 200万").
The retriever ranks clauses by meaning; this module adds what a search box needs on top of it:
each query word is matched to the regulation's own words — as written, as a homophone typo
(same pinyin, e.g. 做假 → 作假), or through the thesaurus — and the words the text never uses are
reported, so the page can say "原文没有规定" instead of showing near misses as answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assistant.language.markers import STOP_WORDS
from assistant.language.normalise import normalise_query
from assistant.language.pinyin import word_reading
from assistant.regulation import Regulation, find_clause
from assistant.retrieval.retriever import HybridRetriever
from assistant.retrieval.tokenize import DomainTokenizer

# A number with an optional magnitude (200万, 1.5亿, 300): matched as written in the text.
NUMBER = re.compile(r"\d+(?:\.\d+)?\s*[万亿千百]?")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A question about a sum of money (多少钱, 金额, 几万): clauses that state an amount answer it.
AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*[万亿]?元")
CANDIDATES = 24  # clauses taken from the retriever before re-ordering
LONGEST_TYPO = 8  # characters: longer runs are not looked up as one word


@dataclass(frozen=True)
class Correction:
    """A query word read as a word of the text that sounds the same (a typing slip)."""

    typed: str
    meant: str


@dataclass
class SearchHit:
    regulation: str
    clause_id: str
    label: str
    text: str
    rrf_score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "regulation": self.regulation,
            "id": self.clause_id,
            "label": self.label,
            "text": self.text,
            "rrf_score": self.rrf_score,
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    corrections: list[Correction]
    missing: list[str]
    hits: list[SearchHit]

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "terms": self.terms,
            "corrections": [{"typed": c.typed, "meant": c.meant} for c in self.corrections],
            "missing": self.missing,
            "results": [hit.to_dict() for hit in self.hits],
        }


def numbers_in(query: str) -> list[str]:
    """The numbers of a query as the text would write them: "补助 200 万" → ["200万"]."""
    return [match.group().replace(" ", "") for match in NUMBER.finditer(query)]


def _pinyin_key(word: str) -> str:
    return word_reading(word)


def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of the terms in the text, longest term first where they overlap."""
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        start = text.find(term)
        while term and start >= 0:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = [True] * len(term)
            start = text.find(term, end)
    return sorted(spans)


class ClauseSearch:
    """Search the clauses of the loaded regulations; ``search`` is what ``GET /v1/search`` returns."""

    def __init__(self, regulations: list[Regulation], retriever: HybridRetriever, tokenizer: DomainTokenizer,
                 amount_words: Sequence[str] = ()):
        self._regulations = {regulation.id: regulation for regulation in regulations}
        self._amount_words = tuple(amount_words)  # the packages' words for asking how much (多少钱, 额度 …)
        self._retriever = retriever
        self._tokenize = tokenizer.tokenize
        # The packages' thesaurus (callers' words → the text's words), as the retriever expands with it.
        self._thesaurus: Mapping[str, str] = getattr(retriever.expand, "entries", {})

    @cached_property
    def _vocabulary(self) -> set[str]:
        words: set[str] = set()
        for document in self._retriever.documents_by_key.values():
            words.update(token for token in self._tokenize(document.search_text) if len(token) >= 2)
        return words

    @cached_property
    def _by_sound(self) -> dict[str, str]:
        """Pinyin (no tones) → a word of the text; where two words sound alike, the longer one wins."""
        sounds: dict[str, str] = {}
        for word in sorted(self._vocabulary, key=lambda w: (len(w), w)):
            if CJK_RUN.fullmatch(word):
                sounds.setdefault(_pinyin_key(word), word)
        return sounds

    def _corrections(self, query: str) -> list[Correction]:
        """Runs of the query that are not words of the text but sound exactly like one."""
        found: list[Correction] = []
        for run in CJK_RUN.findall(query):
            covered = [False] * len(run)
            for size in range(min(len(run), LONGEST_TYPO), 1, -1):
                for start in range(len(run) - size + 1):
                    piece = run[start:start + size]
                    if any(covered[start:start + size]) or piece in self._vocabulary or piece in STOP_WORDS:
                        continue
                    meant = self._by_sound.get(_pinyin_key(piece))
                    if meant and meant != piece:
                        found.append(Correction(piece, meant))
                        covered[start:start + size] = [True] * size
        return found

    def _analyse(self, query: str) -> tuple[list[str], list[Correction], list[str]]:
        """(terms to highlight, typo corrections, query words the text never uses)."""
        corrections = self._corrections(query)
        corrected = {c.typed: c.meant for c in corrections}
        numbers = numbers_in(query)
        words = [token for token in self._tokenize(NUMBER.sub(" ", query))
                 if len(token) >= 2 or token in self._vocabulary or token in self._thesaurus]
        terms: list[str] = list(numbers)
        missing: list[str] = []
        for word in words:
            if word in self._vocabulary:
                terms.append(word)
                continue
            meant = [m for typed, m in corrected.items() if word in typed or typed in word]
            synonyms = [term for colloquial, expansion in self._thesaurus.items() if colloquial in word
                        for term in expansion.split()]
            if meant or synonyms:
                terms.extend(meant + [term for term in synonyms if term in self._vocabulary])
            elif not any(word in typed for typed in corrected):
                missing.append(word)
        terms.extend(corrected.values())
        return list(dict.fromkeys(terms)), corrections, missing

    def search(self, query: str, k: int = 8, regulation: str | None = None) -> SearchResult:
        """The k clauses nearest in meaning, each with the spans of its text that match the query."""
        query = normalise_query(query)
        terms, corrections, missing = self._analyse(query)
        numbers = numbers_in(query)
        if not query:
            return SearchResult(query, [], [], [], [])
        # The corrected words are searched too, so a typo finds what the right word finds.
        wanted = " ".join([query, *(c.meant for c in corrections)])
        ranked = self._retriever.ranked(wanted, max(k, CANDIDATES), regulation)
        asks_amount = any(word in query for word in self._amount_words)
        hits = []
        for document in ranked:
            metadata = document.metadata
            clause = find_clause(self._regulations[metadata["regulation"]], metadata["clause_id"])
            amounts = [match.group() for match in AMOUNT.finditer(clause.text)] if asks_amount else []
            hits.append(SearchHit(
                regulation=metadata["regulation"], clause_id=metadata["clause_id"], label=clause.label,
                text=clause.text, rrf_score=float(metadata["rrf_score"]),
                highlights=highlight_spans(clause.text, [*terms, *amounts]),
            ))

        # A clause stating an amount answers "多少钱", one holding the number asked about answers
        # "补助 200万"; otherwise the retriever's order (meaning first) stands.
        def order(hit: SearchHit) -> tuple[int, int]:
            words = {clause_text(hit, span) for span in hit.highlights}
            states_amount = asks_amount and any(AMOUNT.fullmatch(word) for word in words)
            return (-int(states_amount), -len(words & set(numbers)))

        hits.sort(key=order)
        return SearchResult(query, terms, corrections, missing, hits[:k])


def clause_text(hit: SearchHit, span: tuple[int, int]) -> str:
    """The words of a hit's text at one highlighted span."""
    return hit.text[span[0]:span[1]]
