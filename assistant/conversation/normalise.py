"""Normalise a chat message (Simplified script, ASCII digits) and cut it into clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from opencc import OpenCC

from assistant.conversation import vocabulary as vocab

# Full-width digits, letters and a few signs become ASCII; Chinese punctuation is kept because
# it separates clauses.
_FULL_WIDTH: dict[int, int | str] = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})
_FULL_WIDTH.update({ord("．"): ".", ord("％"): "%", ord("／"): "/", ord("－"): "-", ord("\u3000"): " "})
# Quotes only wrap names (制造业“双创”), they never carry a fact.
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'")

_CLAUSE_RE = re.compile(
    rf"[^，,。；;！!？?\n]+?(?=$|[，,。；;！!？?\n]|{vocab.CLAUSE_CONJUNCTIONS})[，,。；;！!？?\n]*"
)
_INTERROGATIVE_RE = re.compile(vocab.INTERROGATIVE_PATTERN)
_NEGATION_RE = re.compile(vocab.NEGATION_PATTERN)


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    """Traditional-to-Simplified converter, built once."""
    return OpenCC("t2s")


def normalise(message: str) -> str:
    """Simplified script, ASCII digits and letters, no quotes, trimmed."""
    text = message.translate(_FULL_WIDTH).translate(_QUOTES).strip()
    return _converter().convert(text)


@dataclass(frozen=True)
class Clause:
    """A stretch of the message between punctuation or contrastive conjunctions."""

    start: int
    text: str

    @property
    def end(self) -> int:
        """Offset just past the clause in the message."""
        return self.start + len(self.text)

    @property
    def is_hypothetical(self) -> bool:
        """如果/假如 …: the user states nothing about the enterprise."""
        return any(word in self.text for word in vocab.HYPOTHETICAL_WORDS)

    @property
    def is_interrogative(self) -> bool:
        """A question (吗, 多少, 是否 …)."""
        return _INTERROGATIVE_RE.search(self.text) is not None

    @property
    def is_negated(self) -> bool:
        """A negation word (没有, 无, 未, 不 …) anywhere in the clause."""
        return _NEGATION_RE.search(self.text) is not None

    @property
    def quotes_policy(self) -> bool:
        """The clause talks about the measures' conditions rather than the enterprise."""
        return any(word in self.text for word in vocab.POLICY_WORDS)


def split_clauses(text: str) -> list[Clause]:
    """Cut at Chinese and ASCII punctuation and before 但/不过 …, keeping offsets."""
    return [
        Clause(match.start(), match.group()) for match in _CLAUSE_RE.finditer(text) if match.group().strip()
    ]
