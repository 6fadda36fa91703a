"""Callers' words → the text's words, appended to a query before lexical search (never replacing it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Thesaurus:
    """A word table from the regulation packages; calling it expands a query."""

    entries: Mapping[str, str]

    def __call__(self, query: str) -> str:
        """The query followed by the text's words for the callers' words it contains."""
        additions = [terms for word, terms in self.entries.items() if word in query]
        return f"{query} {' '.join(additions)}" if additions else query

    def __contains__(self, word: str) -> bool:
        return word in self.entries

    @property
    def text(self) -> str:
        """Every word of the table run together: words a question may use without being off-topic."""
        return "".join(f"{word}{terms}" for word, terms in self.entries.items())
