"""Which categories a set of facts makes relevant: those whose own facts.yaml section holds a fact."""

from __future__ import annotations

from typing import Any

from assistant.eligibility.facts import FactsBase, fact_value
from assistant.package import FactsFile


def relevant_categories(facts: FactsBase, spec: FactsFile) -> list[str]:
    """Categories for which some fact of their own section is given, in the file's order."""
    return [
        section.category
        for section in spec.sections
        if section.category and _has_fact(fact_value(facts, section.path))
    ]


def _has_fact(section: Any) -> bool:
    if section is None:
        return False
    if isinstance(section, list):
        return True  # an empty list of records is a fact too: "none obtained"
    return any(value is not None for value in section.__dict__.values())
