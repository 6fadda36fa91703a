"""Questions asked in English, read through a glossary into the Chinese words of the text.

The embedding model and the lexical index both read Chinese; an English question shares no token
with the clauses, and the vector of its English words lands near no clause. ``EnglishGlossary``
turns such a question into the Chinese words its phrases stand for (``"identifier resolution"`` →
标识解析) plus its numbers in the text's units (``5 million yuan`` → 500万元), so the question is
searched and answered like a Chinese one, and the answer quotes the Chinese clauses. The glossary's
phrases come from the caller (a regulation package); this module holds only English in general.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# "5 million", "1.2 million", "8,000,000", "60,000", "300%"… with the scale words the text uses.
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|k\b|m\b|%|percent)?", re.IGNORECASE)
_MONEY_WORDS = re.compile(r"^\s*(?:rmb|yuan|cny)\b", re.IGNORECASE)
MIN_LATIN_WORDS = 2


def is_latin_question(text: str) -> bool:
    """True when a question is written in a Latin script: more Latin words than Han characters."""
    latin_words = len(_LATIN_WORD.findall(text))
    return latin_words >= MIN_LATIN_WORDS and latin_words > len(_HAN.findall(text))


def stem(word: str) -> str:
    """A light English stem, the same for glossary phrases and questions: devices, device → devic;
    companies → company; interpreting → interpret; approved, approves → approv."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [stem(word) for word in _LATIN_WORD.findall(text)]


def _chinese_number(digits: str, scale: str | None, money: bool) -> str:
    """An English figure in the text's own way of writing it: 5 million yuan → 500万元, 10% → 10%."""
    value = float(digits.replace(",", ""))
    scale = (scale or "").lower()
    if scale in ("%", "percent"):
        return f"{value:g}%"
    value *= {"million": 1e6, "m": 1e6, "billion": 1e9, "thousand": 1e3, "k": 1e3}.get(scale, 1)
    unit = "元" if money else ""
    if value >= 1e8 and value % 1e7 == 0:
        return f"{value / 1e8:g}亿{unit}"
    if value >= 1e4 and value % 1e3 == 0:
        return f"{value / 1e4:g}万{unit}"
    return f"{value:g}{unit}"


@dataclass(frozen=True)
class EnglishGlossary:
    """English phrases → the text's Chinese words (a regulation package's ``english:`` table)."""

    entries: Mapping[str, str]
    _phrases: tuple[tuple[tuple[str, ...], str], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        phrases = {tuple(_words(phrase)): words for phrase, words in self.entries.items() if _words(phrase)}
        # Longest phrase first, so "secondary node" wins over "node".
        object.__setattr__(self, "_phrases", tuple(sorted(phrases.items(), key=lambda item: -len(item[0]))))

    def terms(self, question: str) -> list[str]:
        """The Chinese words of the glossary phrases found in the question, in question order."""
        words = _words(question)
        taken = [False] * len(words)
        found: list[tuple[int, str]] = []
        for phrase, chinese in self._phrases:
            size = len(phrase)
            for start in range(len(words) - size + 1):
                if tuple(words[start : start + size]) == phrase and not any(taken[start : start + size]):
                    taken[start : start + size] = [True] * size
                    found.append((start, chinese))
        return [chinese for _, chinese in sorted(found)]

    def numbers(self, question: str) -> list[str]:
        """The question's figures written as the Chinese text writes them (money in 万元 when it says yuan)."""
        figures = []
        for match in _NUMBER.finditer(question):
            money = bool(_MONEY_WORDS.match(question[match.end() :])) or question[: match.start()].rstrip().endswith(
                ("¥", "RMB", "CNY")
            )
            figures.append(_chinese_number(match.group(1), match.group(2), money))
        return figures

    def translate(self, question: str) -> str | None:
        """The Chinese query an English question stands for, None for a question not in a Latin script.

        Words the glossary does not know are dropped rather than kept: an English word left in the
        query would read as a word the regulation never uses.
        """
        if not is_latin_question(question):
            return None
        pieces = self.terms(question) + self.numbers(question)
        return " ".join(dict.fromkeys(pieces)) or None
