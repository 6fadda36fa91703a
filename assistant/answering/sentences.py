"""Pick the sentences of a clause that answer a question; answers quote, they do not paraphrase."""

from __future__ import annotations

import re
from collections.abc import Callable

_SENTENCE_END = re.compile(r"(?<=[。；！？])")
# "1." and "（一）" open a clause in the text; read aloud, the label already says which it is.
_LEADING_MARKER = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、])")
MAX_SENTENCES = 2


def split_sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]


def relevant_sentences(
    clause_text: str, question: str, tokenize: Callable[[str], list[str]], max_sentences: int = MAX_SENTENCES
) -> str:
    """The clause's sentences that share most words with the question, in the clause's order."""
    sentences = split_sentences(_LEADING_MARKER.sub("", clause_text))
    if len(sentences) <= max_sentences:
        return "".join(sentences)
    question_tokens = set(tokenize(question))
    scored = [(len(question_tokens & set(tokenize(sentence))), -index) for index, sentence in enumerate(sentences)]
    best = sorted(range(len(sentences)), key=lambda index: scored[index], reverse=True)[:max_sentences]
    if all(scored[index][0] == 0 for index in best):
        best = list(range(max_sentences))
    return "".join(sentences[index] for index in sorted(best))
