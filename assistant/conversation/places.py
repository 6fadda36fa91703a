"""Where the applicant is registered: Wuhan (with its districts and zones) or elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import jieba

from assistant.conversation import vocabulary as vocab
from assistant.language.segments import Segment as Clause

_WUHAN = frozenset(vocab.WUHAN_PLACES)
_OTHER = frozenset(vocab.OTHER_PLACES)
_AMBIGUOUS = frozenset(vocab.AMBIGUOUS_PLACES)
_ALL_PLACES = _WUHAN | _OTHER | _AMBIGUOUS
# 注册资本 and 标识注册量 contain 注册 but say nothing about where the applicant is registered.
_NOT_REGISTRATION = ("注册资本", "注册资金", "注册量", "标识注册", "注册数")
_APPLICANT_SUFFIXES = ("的企业", "企业", "的公司", "公司", "的单位", "的")


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer that knows every place name (the shared default one is left alone)."""
    tokenizer = jieba.Tokenizer()
    for place in sorted(_ALL_PLACES):
        # Short names get jieba's own suggested frequency so that 长江岸边 stays 长江/岸边.
        tokenizer.add_word(place, freq=50_000 if len(place) >= 3 else None)
    return tokenizer


def warm_up_places() -> None:
    """Build the tokenizer now rather than on the first message that names a place (about a second)."""
    _tokenizer()


@dataclass(frozen=True)
class PlaceReading:
    """What the message says about the place of registration."""

    registered_in_wuhan: bool | None
    source_text: str
    unsure: bool  # a place was named but it does not settle the question (湖北, two places)


def _places_in(clause: Clause) -> list[tuple[str, int]]:
    """Place names in a clause with their end offsets, skipping institutions (武汉市经信局, 武汉市级)."""
    if not any(place in clause.text for place in _ALL_PLACES):
        return []  # the common case: no need to tokenise
    found = []
    for word, _start, end in _tokenizer().tokenize(clause.text):
        if word in _ALL_PLACES and not clause.text.startswith(vocab.PLACE_INSTITUTION_SUFFIXES, end):
            found.append((word, end))
    return found


def _clause_value(clause: Clause, places: list[tuple[str, int]]) -> tuple[bool | None, bool]:
    """Registered in Wuhan according to one clause, and whether that is unsure."""
    names = [name for name, _end in places]
    specific = [name for name in names if name not in _AMBIGUOUS]
    if not specific:
        return None, True
    in_wuhan = {name in _WUHAN for name in specific}
    if len(in_wuhan) > 1:
        return None, True
    value = in_wuhan.pop()
    if clause.is_negated:
        # 不在武汉注册 says "not Wuhan"; 不在孝感注册 does not say where.
        return (False, False) if value else (None, False)
    return value, False


def _is_registration(clause: Clause) -> bool:
    """The clause says where the applicant is registered (注册, 营业执照)."""
    text = clause.text
    for word in _NOT_REGISTRATION:
        text = text.replace(word, "")
    return any(word in text for word in vocab.REGISTRATION_WORDS)


def _is_location(clause: Clause, places: list[tuple[str, int]]) -> bool:
    """The clause says where the applicant is (在光谷, 孝感的企业), not where a factory is."""
    if any(word in clause.text for word in vocab.NOT_APPLICANT_PLACE_WORDS):
        return False
    if any(word in clause.text for word in vocab.LOCATION_WORDS):
        return True
    return any(clause.text.startswith(suffix, end) for _n, end in places for suffix in _APPLICANT_SUFFIXES)


def read_place(clauses: list[Clause], place_is_asked: bool) -> PlaceReading | None:
    """The place of registration stated in the message; registration clauses outrank location ones."""
    registration: list[tuple[bool | None, bool, str]] = []
    location: list[tuple[bool | None, bool, str]] = []
    for clause in clauses:
        places = _places_in(clause)
        if not places or clause.is_hypothetical:
            continue
        if clause.is_interrogative and not place_is_asked:
            continue
        value, unsure = _clause_value(clause, places)
        if value is None and not unsure:
            continue
        reading = (value, unsure, clause.text.strip("，,。；;！!？? "))
        if _is_registration(clause):
            registration.append(reading)
        elif place_is_asked or _is_location(clause, places):
            location.append(reading)
    readings = registration or location
    if not readings:
        return None
    values = {value for value, unsure, _text in readings if not unsure}
    source = "，".join(text for _value, _unsure, text in readings)
    if len(values) != 1:
        return PlaceReading(None, source, unsure=True)
    return PlaceReading(values.pop(), source, unsure=False)
