"""What a question and retrieval show about whether the text answers it: the signals the fitted
heads read. Pure: the caller supplies the query vector and the rankings it already computed."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from assistant.answering.question import QuestionAnalysis
from assistant.language.answer_types import asks_time, states_figure, states_time
from assistant.retrieval import DomainTokenizer, Thesaurus
from assistant.retrieval.retriever import Rankings

_LATIN = re.compile(r"[A-Za-z]")

# The evidence features of the answerability head, in order (the fitted weights follow this order).
EVIDENCE_FEATURES = (
    "dense_top1", "dense_margin", "lexical_top1", "lexical_margin", "query_tokens_known", "top_clause_coverage",
    "uncovered_nouns", "topic_words", "out_of_scope_words", "vague", "asks_quantity", "latin_share", "injection",
    "asks_applicability", "seeks_deception", "time_not_in_top", "figure_not_in_top",
)  # fmt: skip
# Whether a category's or an aspect's words occur is left to the category and aspect heads: as evidence of
# answerability it cross-validated worse (tempting out-of-scope questions use the same words).


@dataclass(frozen=True)
class QuestionSignals:
    """Everything measured about one question before the heads run."""

    text: str
    vector: np.ndarray
    category_hits: np.ndarray  # one 0/1 per category of the vocabulary: its words occur
    aspect_hits: np.ndarray  # one 0/1 per aspect: its words occur
    evidence: np.ndarray  # EVIDENCE_FEATURES
    top_clauses: tuple[str, ...] = ()  # clause ids of retrieval's three best, best first

    def head_input(self, hits: np.ndarray) -> np.ndarray:
        """What a category or aspect head reads: the query vector and the keyword hits."""
        return np.concatenate([self.vector, hits])


class EvidenceReader:
    """Measures questions against one regulation's clauses and vocabulary."""

    def __init__(self, tokenizer: DomainTokenizer, thesaurus: Thesaurus, clause_texts: dict[str, str],
                 category_words: dict[str, list[str]], aspect_words: dict[str, list[str]],
                 clause_ids: dict[str, str] | None = None):
        self.tokenizer = tokenizer
        self.thesaurus = thesaurus
        self.clause_tokens = {key: set(tokenizer.tokenize(text)) for key, text in clause_texts.items()}
        self.known_tokens = set().union(*self.clause_tokens.values()) if self.clause_tokens else set()
        self.category_words = category_words
        self.aspect_words = aspect_words
        self.clause_ids = clause_ids or {}  # document key → clause id
        # Which clauses can answer "when / how long" and "how much / how many" at all.
        self.states_time = {key for key, text in clause_texts.items() if states_time(text)}
        self.states_figure = {key for key, text in clause_texts.items() if states_figure(text)}

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.category_words)

    @property
    def aspects(self) -> tuple[str, ...]:
        return tuple(self.aspect_words)

    def signals(self, analysis: QuestionAnalysis, vector: np.ndarray, rankings: Rankings) -> QuestionSignals:
        text = analysis.text
        tokens = set(self.tokenizer.tokenize(self.thesaurus(text)))
        top_key = rankings.fused[0][0] if rankings.fused else None
        top_tokens = self.clause_tokens.get(top_key, set()) if top_key else set()
        dense = [score for _key, score in rankings.vector] + [0.0, 0.0]
        lexical = [score for _key, score in rankings.lexical] + [0.0, 0.0]
        top_keys = [key for key, _score in rankings.fused[:3]]
        category_hits = np.array([float(any(w in text for w in words)) for words in self.category_words.values()])
        aspect_hits = np.array([float(any(w in text for w in words)) for words in self.aspect_words.values()])
        evidence = np.array([
            dense[0],
            dense[0] - dense[1],
            math.log1p(lexical[0]),
            math.log1p(lexical[0]) - math.log1p(lexical[1]),
            len(tokens & self.known_tokens) / max(len(tokens), 1),
            len(tokens & top_tokens) / max(len(tokens), 1),
            min(len(analysis.uncovered_terms), 3),
            float(analysis.open_topic is not None),
            float(analysis.out_of_scope),
            float(analysis.vague),
            float(analysis.asks_quantity),
            len(_LATIN.findall(text)) / max(len(text), 1),
            float(analysis.injection),
            float(analysis.asks_applicability),
            float(analysis.seeks_deception),
            # Asked when or how much, and none of retrieval's best clauses names a time or a figure.
            float(asks_time(text) and not any(key in self.states_time for key in top_keys[:1])),
            float(analysis.asks_quantity and not any(key in self.states_figure for key in top_keys[:1])),
        ])  # fmt: skip
        top = tuple(self.clause_ids.get(key, key) for key in top_keys)
        return QuestionSignals(text, vector, category_hits, aspect_hits, evidence, top)
