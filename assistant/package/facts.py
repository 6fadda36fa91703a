"""``facts.yaml``: every fact a rule may read, once, with its type, unit, label, question and choices.

A fact is addressed by a dotted path (``platform.served_enterprises``); sections group the facts of
one category (which makes that category relevant in a chat). The words that state a fact in chat
live beside it (``words``), in the shape ``assistant.package.fact_words`` gives them.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from assistant.package.base import PackageModel
from assistant.package.fact_words import ExtractionWords, FactWords

FactType = Literal["boolean", "count", "money", "enum", "records"]
ScalarValue = bool | int | str

# Money and counts beyond these are typing errors, not enterprises (a fact may narrow them).
DEFAULT_MIN = 0
DEFAULT_MAX = 10**13


class Choice(PackageModel):
    """One answer a user can click: the value stored and its label."""

    value: ScalarValue
    label: str


class FactSpec(PackageModel):
    """One fact: ``records`` is a list of entries, each with the sub-facts of ``fields``."""

    path: str = Field(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")
    type: FactType
    label: str
    question: str | None = None
    unit: str | None = None  # 元, 家, 台（套）… shown after a number
    choices: list[Choice] = []  # enum values; boolean facts get 是/否 from the vocabulary when empty
    minimum: int | None = None
    maximum: int | None = None
    fields: list[FactSpec] = []  # for records: sub-facts, their paths relative to the entry
    words: FactWords = FactWords()

    @model_validator(mode="after")
    def _type_has_its_parts(self) -> FactSpec:
        if self.type == "enum" and not self.choices:
            raise ValueError(f"{self.path}: an enum fact lists its choices")
        if self.type == "records" and not self.fields:
            raise ValueError(f"{self.path}: a records fact lists its fields")
        if self.type not in ("count", "money") and (self.minimum is not None or self.maximum is not None):
            raise ValueError(f"{self.path}: only numbers have bounds")
        return self

    @property
    def bounds(self) -> tuple[int, int]:
        """The smallest and largest value a number may take."""
        return (
            DEFAULT_MIN if self.minimum is None else self.minimum,
            DEFAULT_MAX if self.maximum is None else self.maximum,
        )

    @property
    def choice_values(self) -> tuple[ScalarValue, ...]:
        return tuple(choice.value for choice in self.choices)

    def label_of(self, value: ScalarValue) -> str:
        """The label of a choice value, or the value itself when it has none."""
        return next((choice.label for choice in self.choices if choice.value == value), str(value))


class SectionSpec(PackageModel):
    """A group of facts; a category's own section makes that category relevant once any fact in it is known."""

    path: str
    label: str
    category: str | None = None
    cue: str = ""  # regex naming the section's subject in a message (平台, 节点): a figure belongs to it

    @field_validator("cue")
    @classmethod
    def _cue_compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class FactsFile(PackageModel):
    regulation: str
    yes_no: list[Choice] = [Choice(value=True, label="是"), Choice(value=False, label="否")]
    sections: list[SectionSpec]
    facts: list[FactSpec]
    extraction: ExtractionWords = ExtractionWords()

    @model_validator(mode="after")
    def _paths_unique_and_in_sections(self) -> FactsFile:
        paths = [fact.path for fact in self.facts]
        duplicates = sorted({path for path in paths if paths.count(path) > 1})
        if duplicates:
            raise ValueError(f"fact paths listed twice: {duplicates}")
        section_paths = {section.path for section in self.sections}
        for path in paths:
            if not any(path == section or path.startswith(section + ".") for section in section_paths):
                raise ValueError(f"{path}: not inside any section of {sorted(section_paths)}")
        return self

    def fact(self, path: str) -> FactSpec | None:
        """The fact at a dotted path, records' fields included (``national_recognition.pilot_demo.program``)."""
        for fact in self.facts:
            if fact.path == path:
                return fact
            if fact.type == "records" and path.startswith(fact.path + "."):
                name = path[len(fact.path) + 1 :]
                return next((field for field in fact.fields if field.path == name), None)
        return None
