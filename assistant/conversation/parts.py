"""What the dialogue manager is given by the composition root: it imports no answering code.

``services.py`` builds ``DialogueParts`` once per regulation package: the answering layer's ``ask``
and its category detector, the rule book, the package's fact reader and its material words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.eligibility.rules import RuleBook
from assistant.reading import FactReader


class CitedClause(Protocol):
    def to_address(self) -> dict[str, Any]: ...


class AnswerLike(Protocol):
    """The part of an answer the chat uses (``assistant.answering.Answer`` has it)."""

    @property
    def status(self) -> str: ...

    @property
    def answer(self) -> str: ...

    @property
    def citations(self) -> Sequence[CitedClause]: ...


@dataclass(frozen=True)
class DialogueParts:
    """Everything regulation-specific a chat turn needs, injected."""

    ask: Callable[[str], AnswerLike]  # a plain question → its answer with the clauses it cites
    categories_of: Callable[[str], Sequence[str]]  # the categories a message names
    rulebook: RuleBook
    reader: FactReader
    checklist_words: Sequence[str]  # 材料, 清单 …: a question about application materials

    @property
    def category_titles(self) -> dict[str, str]:
        return {category.id: category.title for category in self.rulebook.categories}
