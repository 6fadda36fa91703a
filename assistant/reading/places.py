"""Where the applicant is registered: Wuhan (with its districts and zones) or elsewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import jieba

from assistant.language import markers
from assistant.language.jieba_tokenizers import new_tokenizer
from assistant.language.segments import SEGMENT_EDGES
from assistant.language.segments import Segment as Clause
from assistant.package.fact_words import PlaceWords

_POSSESSION_RE = re.compile(markers.POSSESSION_PATTERN)
_MOVE_RE = re.compile(markers.MOVE_PATTERN)
_BRANCH_AFTER_RE = re.compile(markers.BRANCH_AFTER_PATTERN)
_HEAD_OFFICE_BEFORE_RE = re.compile(markers.HEAD_OFFICE_BEFORE_PATTERN)
_HANDED_OVER_BEFORE_RE = re.compile(markers.HANDED_OVER_BEFORE_PATTERN)
_SET_UP_AFTER_RE = re.compile(markers.SET_UP_AFTER_PATTERN)
# "武汉（东西湖区）": a district in brackets after its city is still only a place.
# A short label before a colon or dash ("应援牌：江夏区！", "地址——武昌区") leaves the segment only a place.
_PLACE_ONLY_RE = re.compile(
    rf"(?P<label>[^，,。；;：:—]{{1,6}}(?:[：:]|——))?({markers.OWN_SUBJECT_PATTERN})?(这边|那边|本地)?\s*(的)?[\s（）()，,。；;！!？?]*"
)


class PlaceTable:
    """One package's places, with a private jieba tokenizer that knows them (built on first use)."""

    def __init__(self, words: PlaceWords):
        self.words = words
        self.inside = frozenset(words.inside)
        self.ambiguous = frozenset(words.ambiguous)
        self.all = self.inside | frozenset(words.outside) | self.ambiguous
        # One pass over a segment instead of one substring test per place (hundreds of them).
        self.any_place = re.compile("|".join(map(re.escape, sorted(self.all, key=len, reverse=True))))
        self.institution_suffixes = tuple(words.institution_suffixes)
        self.institution_prefixes = tuple(words.institution_prefixes)
        self.applicant_suffixes = tuple(words.applicant_suffixes)
        nouns = "|".join(map(re.escape, words.applicant_nouns)) or "(?!)"
        tight = rf"{markers.PLACE_TO_NOUN_PATTERN}({nouns})"
        named = rf"{markers.PLACE_TO_NAMED_NOUN_PATTERN}({nouns}){markers.SEGMENT_END_PATTERN}"
        self.applicant_noun = re.compile(rf"{tight}|{named}")

    @cached_property
    def tokenizer(self) -> jieba.Tokenizer:
        """The shared default tokenizer is left alone."""
        tokenizer = new_tokenizer()
        for place in sorted(self.all):
            # Short names get jieba's own suggested frequency so that 长江岸边 stays 长江/岸边.
            tokenizer.add_word(place, freq=50_000 if len(place) >= 3 else None)
        return tokenizer


@dataclass(frozen=True)
class PlaceReading:
    """What the message says about the place of registration."""

    registered_in_wuhan: bool | None
    source_text: str
    unsure: bool  # a place was named but it does not settle the question (湖北, two places)


def _places_in(clause: Clause, table: PlaceTable) -> list[tuple[str, int]]:
    """Place names in a clause with their end offsets, skipping institutions (武汉市经信局, 武汉市级,
    顶级节点（武汉）)."""
    if table.any_place.search(clause.text) is None:
        return []  # the common case: no need to tokenise
    found = []
    for token, start, end in table.tokenizer.tokenize(clause.text):
        word = _listed_stem(token, table)  # 武穴市, 苏州工业园区: the tokenizer's own word for a listed place
        if word not in table.all or clause.text.startswith(table.institution_suffixes, end):
            continue
        if table.institution_prefixes and clause.text[:start].rstrip("（(“ ").endswith(table.institution_prefixes):
            continue
        found.append((word, end))
    return found


def _listed_stem(token: str, table: PlaceTable) -> str:
    """The listed place a token is, with an administrative or park suffix taken off."""
    if token in table.all:
        return token
    for suffix in markers.PLACE_SUFFIX_WORDS:
        if token.endswith(suffix) and token[: -len(suffix)] in table.all:
            return token[: -len(suffix)]
    return token


def _clause_value(
    clause: Clause, places: list[tuple[str, int]], table: PlaceTable
) -> tuple[bool | None, bool]:
    """Registered in Wuhan according to one clause, and whether that is unsure."""
    names = [name for name, _end in places]
    specific = [name for name in names if name not in table.ambiguous]
    if not specific:
        return None, True
    in_wuhan = {name in table.inside for name in specific}
    if len(in_wuhan) > 1:
        return None, True
    value = in_wuhan.pop()
    if _negated_near(clause, places):
        # 不在武汉注册 says "not Wuhan"; 不在孝感注册 does not say where.
        return (False, False) if value else (None, False)
    return value, False


# How far from a place name a negation still bears on it: 不在武汉注册, 注册地不在武汉, 武汉那边没注册.
_NEGATION_BEFORE_PLACE = 8
_NEGATION_AFTER_PLACE = 4


def _negated_near(clause: Clause, places: list[tuple[str, int]]) -> bool:
    """A negation next to a place name, not anywhere in the clause: in "在蔡甸注册的做工控安全…没出过重大事故"
    (typed with no punctuation) the 没 is about the accident."""
    for name, end in places:
        start = end - len(name)
        if clause.negations_between(max(0, start - _NEGATION_BEFORE_PLACE), end + _NEGATION_AFTER_PLACE):
            return True
    return False


def _is_registration(clause: Clause, words: PlaceWords) -> bool:
    """The clause says where the applicant is registered (注册, 营业执照)."""
    text = clause.text
    for word in words.not_registration:
        text = text.replace(word, "")
    return any(word in text for word in words.registration)


def _without_places(text: str, places: list[tuple[str, int]]) -> str:
    for name, end in sorted(places, key=lambda place: -place[1]):
        text = text[: end - len(name)] + text[end:]
    return text


def _is_location(clause: Clause, places: list[tuple[str, int]], table: PlaceTable) -> bool:
    """The clause says where the applicant is (在光谷, 孝感的企业), not where a factory is."""
    possessed = _POSSESSION_RE.search(clause.text) is not None
    if not possessed and any(table.applicant_noun.match(clause.text, end) for _n, end in places):
        return True  # 汉阳的一家分公司, 武汉这边的个体户: the speaker is that unit
    place_only = _PLACE_ONLY_RE.fullmatch(_without_places(clause.text, places))
    label = place_only.group("label") or "" if place_only else ""
    if place_only and not any(word in label for word in table.words.not_applicant):
        return True  # "硚口区，个人独资企业": a segment that is only a place says where the speaker is
    if possessed or any(word in clause.text for word in table.words.not_applicant):
        return False  # 也有一些在黄石: what the speaker has is there, not the speaker
    if any(word in clause.text for word in table.words.location):
        return True
    return any(
        clause.text.startswith(suffix, end) for _n, end in places for suffix in table.applicant_suffixes
    )


def _after_last_move(clauses: list[Clause], table: PlaceTable) -> tuple[list[Clause], Clause | None]:
    """The clauses from the last stated move of the unit on, that move cut to what follows its verb; a
    move names the current place, and whatever the message said before it is where the unit was."""
    for index in range(len(clauses) - 1, -1, -1):
        clause = clauses[index]
        if clause.is_hypothetical or clause.is_planned or clause.is_about_others or clause.is_interrogative:
            continue
        for move in reversed(list(_MOVE_RE.finditer(clause.text))):
            if any(word in clause.text[: move.start()] for word in table.words.not_applicant):
                continue  # 工厂搬到了孝感: the factory moved, not the registration
            destination = Clause(clause.start + move.end(), clause.text[move.end():])
            if _places_in(destination, table):
                return clauses[index + 1 :], destination
    return clauses, None


def _start_of(text: str, place: tuple[str, int]) -> int:
    """Where a place found by ``_places_in`` (name, end offset) begins."""
    name, end = place
    start = text.rfind(name, 0, end)
    return start if start >= 0 else end


def _is_head_office_place(text: str, place: tuple[str, int]) -> bool:
    """"总部在深圳": the head office's place; "集团在汉阳设的分支机构" is where the branch was set up."""
    return _HEAD_OFFICE_BEFORE_RE.search(text[: _start_of(text, place)]) is not None and not _SET_UP_AFTER_RE.match(
        text, place[1]
    )


def read_place(
    clauses: list[Clause], table: PlaceTable, place_is_asked: bool, speaker_is_branch: bool = False
) -> PlaceReading | None:
    """The place of registration stated in the message; registration clauses outrank location ones.
    ``speaker_is_branch``: the message says the speaker is a branch, so its head office's place is not its own."""
    clauses, moved_to = _after_last_move(clauses, table)
    if moved_to is not None:
        value, unsure = _clause_value(moved_to, _places_in(moved_to, table), table)
        if value is not None or unsure:
            return PlaceReading(value, moved_to.text.strip(SEGMENT_EDGES), unsure)
    registration: list[tuple[bool | None, bool, str]] = []
    named_unit: list[tuple[bool | None, bool, str]] = []  # 江岸区的一家分公司: the speaker named with the place
    location: list[tuple[bool | None, bool, str]] = []
    for clause in clauses:
        places = [
            place for place in _places_in(clause, table)
            if not _HANDED_OVER_BEFORE_RE.search(clause.text[: _start_of(clause.text, place)])
            and not (speaker_is_branch and _is_head_office_place(clause.text, place))
        ]
        if not places or clause.is_hypothetical or clause.is_planned or clause.is_about_others:
            continue
        own = [place for place in places if table.applicant_noun.match(clause.text, place[1])]
        names_unit = bool(own) and not _POSSESSION_RE.search(clause.text)
        if names_unit:
            # 北京某公司的武汉分公司: the last unit named is the speaker; a branch is the unit named a branch
            # (English word order: "the Wuhan branch of a Shenzhen company").
            branches = [place for place in own if speaker_is_branch and _BRANCH_AFTER_RE.match(clause.text, place[1])]
            places = (branches or own)[-1:]
        if clause.is_interrogative and not place_is_asked:
            continue
        value, unsure = _clause_value(clause, places, table)
        if value is None and not unsure:
            continue
        reading = (value, unsure, clause.text.strip(SEGMENT_EDGES))
        if _is_registration(clause, table.words):
            registration.append(reading)
        elif unsure and value is None and not place_is_asked:
            continue  # "湖北本地的企业": too broad to say, and not a registration; not worth asking
        elif clause.is_in_progress:
            continue  # "双跨还在北京评审": where a review runs, not where the speaker is
        elif names_unit:
            named_unit.append(reading)
        elif place_is_asked or _is_location(clause, places, table):
            location.append(reading)
    readings = registration or named_unit or location  # "…分公司，总部设在杭州": the head office is not us
    if not readings:
        return None
    values = {value for value, unsure, _text in readings if not unsure}
    source = "，".join(text for _value, _unsure, text in readings)
    if len(values) != 1:
        return PlaceReading(None, source, unsure=True)
    return PlaceReading(values.pop(), source, unsure=False)
