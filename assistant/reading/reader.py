"""``FactReader``: one package's fact words, compiled once, and how its facts are shown back.

Built from a package's ``FactsFile`` (``FactReader.from_facts``); every reading function takes it,
so no module holds a word of any regulation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assistant.errors import CorpusError
from assistant.language import markers
from assistant.language.english import EnglishGlossary, stem
from assistant.language.formatting import format_count, format_yuan
from assistant.language.pinyin import TermCorrector, romanisations
from assistant.package import FactsFile, FactSpec
from assistant.package.fact_words import (
    LegalFormWords,
    PlaceWords,
    QuantityWords,
    RecognitionWords,
    ReplyWords,
)
from assistant.reading.places import PlaceTable


@dataclass(frozen=True)
class NumberFact:
    """How a number is recognised as one fact: the units it may carry and the words around it."""

    path: str
    units: tuple[str, ...]
    keywords: tuple[str, ...]
    is_money: bool
    not_keywords: tuple[str, ...] = ()
    section_cue: re.Pattern[str] | None = None  # names the section's subject (平台): the figure belongs there

    @cached_property
    def any_keyword(self) -> re.Pattern[str]:
        """Whether a text holds any keyword at all: one search instead of a find per keyword."""
        return re.compile("|".join(map(re.escape, self.keywords)) or "(?!)")


@dataclass(frozen=True)
class CueFact:
    """A yes/no fact stated by a cue in a segment, with its compiled patterns."""

    path: str
    cue: re.Pattern[str]
    needs: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    affirm: re.Pattern[str] | None
    deny: re.Pattern[str] | None
    deny_in_message: bool
    unsure_question: str
    section_cue: re.Pattern[str] | None = None  # names the section's subject (平台, 节点)
    all_parts: bool = False  # a whole made of parts: one part denied denies it
    parts: re.Pattern[str] | None = None  # names one of those parts


def _default_units(spec: FactSpec) -> tuple[str, ...]:
    """Without a units list: the fact's own unit when numbers carry it (元, 件, 家), and a bare number."""
    unit = "元" if spec.type == "money" else markers.COUNT_UNITS.get(spec.unit or "", "")
    return (unit, "") if unit else ("",)


def _compiled(pattern: str) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


@dataclass(frozen=True)
class FactReader:
    """The words of one regulation package's facts, ready for reading messages."""

    facts: FactsFile
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_facts(cls, facts: FactsFile) -> FactReader:
        """Build and check a reader: every fact a word table names must exist."""
        reader = cls(facts)
        words = facts.extraction
        named = [
            words.places.fact if words.places else None,
            words.legal_form.fact if words.legal_form else None,
            *(
                (words.recognition.awarded, words.recognition.first_time, words.recognition.records)
                if words.recognition
                else ()
            ),
        ]
        for path in named:
            if path is not None and facts.fact(path) is None:
                raise CorpusError(f"{facts.regulation}/facts.yaml: extraction names unknown fact {path!r}")
        return reader

    # ------------------------------------------------------------------ tables

    @property
    def places(self) -> PlaceWords | None:
        return self.facts.extraction.places

    @cached_property
    def corrector(self) -> TermCorrector | None:
        """Homophone typos of the package's spelling terms, undone before a message is read."""
        terms = self.facts.extraction.spelling_terms
        return TermCorrector(terms, keep_words_whole=True) if terms else None

    @cached_property
    def english(self) -> EnglishGlossary:
        """The package's English statement words, and its places as English writes them (Jiangxia → 江夏)."""
        entries: dict[str, str] = {}
        if self.places is not None:
            for name in (*self.places.inside, *self.places.outside, *self.places.ambiguous):
                short = name[:-1] if len(name) > 2 and name[-1] in markers.PLACE_SUFFIXES else name
                if len(short) >= 2 and all("\u4e00" <= char <= "\u9fff" for char in short):
                    for rank, spelling in enumerate(romanisations(short)):
                        if rank and stem(spelling) != spelling:
                            continue  # 蔡甸 read as "saying": a rare reading that an English word stems like
                        entries.setdefault(spelling, short)
        entries.update(self.facts.extraction.english)
        return EnglishGlossary(entries)

    @cached_property
    def place_table(self) -> PlaceTable | None:
        """Places with their tokenizer; built once per reader."""
        return PlaceTable(self.places) if self.places else None

    @property
    def legal_form(self) -> LegalFormWords | None:
        return self.facts.extraction.legal_form

    @property
    def recognition(self) -> RecognitionWords | None:
        return self.facts.extraction.recognition

    @property
    def quantities(self) -> QuantityWords:
        return self.facts.extraction.quantities

    @property
    def replies(self) -> ReplyWords:
        return self.facts.extraction.replies

    @cached_property
    def number_facts(self) -> tuple[NumberFact, ...]:
        return tuple(
            NumberFact(
                spec.path,
                tuple(spec.words.units) or _default_units(spec),
                tuple(spec.words.keywords),
                spec.type == "money",
                tuple(spec.words.not_keywords),
                self._section_cue(spec.path),
            )
            for spec in self.facts.facts
            if spec.type in ("count", "money") and spec.words.keywords
        )

    def names_a_fact(self, text: str) -> bool:
        """Whether a segment names a fact of its own (a count's or amount's keyword, a yes/no fact's cue)."""
        return any(word in text for rule in self.number_facts for word in rule.keywords) or any(
            fact.cue.search(text) for fact in self.cue_facts
        )

    @cached_property
    def section_cues(self) -> tuple[re.Pattern[str], ...]:
        """Every section's cue, compiled."""
        return tuple(self.pattern(section.cue) for section in self.facts.sections if section.cue)

    def _section_cue(self, path: str) -> re.Pattern[str] | None:
        """The cue of the innermost section holding the fact, compiled."""
        holding = [s for s in self.facts.sections if path.startswith(s.path + ".") and s.cue]
        if not holding:
            return None
        return self.pattern(max(holding, key=lambda section: len(section.path)).cue)

    @cached_property
    def number_fact_by_path(self) -> dict[str, NumberFact]:
        return {rule.path: rule for rule in self.number_facts}

    @cached_property
    def bare_unit_facts(self) -> dict[str, str]:
        return {unit: spec.path for spec in self.facts.facts for unit in spec.words.bare_units}

    @cached_property
    def cue_facts(self) -> tuple[CueFact, ...]:
        """Yes/no facts named by a cue, except the award a recognition reads."""
        award = self.recognition.awarded if self.recognition else None
        return tuple(
            CueFact(
                spec.path,
                re.compile(spec.words.cue),
                _compiled(spec.words.needs),
                _compiled(spec.words.unless),
                _compiled(spec.words.affirm),
                _compiled(spec.words.deny),
                spec.words.deny_in_message,
                spec.words.unsure_question,
                self._section_cue(spec.path),
                spec.words.all_parts,
                _compiled(spec.words.parts),
            )
            for spec in self.facts.facts
            if spec.type == "boolean" and spec.words.cue and spec.path != award
        )

    @cached_property
    def statement_words(self) -> re.Pattern[str]:
        """Any word a statement of a yes/no, legal-form, place or award fact needs: a text without one states
        none of them, so the answering layer skips the full reading (~0.4 ms) for most questions."""
        parts = [cue.cue.pattern for cue in self.cue_facts]
        if self.legal_form:
            parts += [re.escape(word) for form in self.legal_form.forms for word in form.words]
        if self.places:
            parts += [re.escape(word) for word in (*self.places.inside, *self.places.outside, *self.places.ambiguous)]
        if self.recognition:
            parts += [self.spec(self.recognition.awarded).words.cue, self.recognition.records_cue]
        return re.compile("|".join(f"(?:{part})" for part in parts if part) or "(?!)")

    def may_state_facts(self, text: str) -> bool:
        """Whether a text can state a yes/no, legal-form, place or award fact: it has one of statement_words,
        itself or, written in English, in its Chinese rendering."""
        if self.statement_words.search(text):
            return True
        rendered = self.english.render(text)
        return rendered is not None and self.statement_words.search(rendered) is not None

    @cached_property
    def boolean_paths(self) -> frozenset[str]:
        return frozenset(spec.path for spec in self.facts.facts if spec.type == "boolean")

    def spec(self, path: str) -> FactSpec:
        """The fact at a path (a KeyError for a path the package does not have)."""
        spec = self.facts.fact(path)
        if spec is None:
            raise KeyError(path)
        return spec

    def pattern(self, regex: str) -> re.Pattern[str]:
        """A compiled pattern, cached on the reader."""
        compiled = self._cache.get(regex)
        if compiled is None:
            compiled = self._cache[regex] = re.compile(regex)
        return compiled

    # ------------------------------------------------------------------ display

    def display(self, path: str, value: Any) -> str:
        """A fact value in the package's words: choice labels, 是/否, money and counts formatted."""
        spec = self.spec(path)
        if spec.type == "records":
            return "、".join(self._entry_display(spec, entry) for entry in value)
        if spec.type == "enum":
            values = value if isinstance(value, list) else [value]
            return "/".join(spec.label_of(item) for item in values)
        if isinstance(value, bool):
            return next(c.label for c in self.facts.yes_no if c.value is value)
        if spec.type == "money":
            return format_yuan(value)
        return format_count(value, spec.unit or "")

    def _entry_display(self, spec: FactSpec, entry: dict[str, Any]) -> str:
        parts = []
        for sub in spec.fields:
            if sub.path not in entry:
                continue
            if sub.type == "enum":
                parts.append(sub.label_of(entry[sub.path]))
            else:
                parts.append(f"（{sub.label}：{self.display_plain(entry[sub.path])}）")
        return "".join(parts)

    def display_plain(self, value: Any) -> str:
        if isinstance(value, bool):
            return next(c.label for c in self.facts.yes_no if c.value is value)
        return str(value)

    def label(self, path: str) -> str:
        return self.spec(path).label
