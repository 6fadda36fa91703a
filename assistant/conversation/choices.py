"""Next questions with their choices, and choices the user clicks or types back. Pure."""

from __future__ import annotations

import re
from typing import Any

from assistant.errors import InvalidInput
from assistant.package import Choice, FactsFile, FactSpec

_ORDINAL_RE = re.compile(r"^\s*(?:第|选)?\s*(\d{1,2})\s*(?:个|项|号)?\s*[。.！!]?\s*$")


def choices_of(spec: FactSpec, facts_file: FactsFile, known: Any = None) -> list[Choice]:
    """Yes/no for a boolean, the enumeration for an enum (narrowed to the values still possible)."""
    if spec.type == "boolean":
        return list(facts_file.yes_no)
    if spec.type == "enum":
        possible = known if isinstance(known, list) else None
        return [c for c in spec.choices if possible is None or c.value in possible]
    return []


def next_question_body(spec: FactSpec, text: str, facts_file: FactsFile, known: Any = None) -> dict[str, Any]:
    """The contract's ``next_question``: fact, text, choices and, for numbers, the unit."""
    body: dict[str, Any] = {
        "fact": spec.path,
        "text": text,
        "choices": [{"label": c.label, "value": c.value} for c in choices_of(spec, facts_file, known)],
    }
    if spec.type in ("count", "money") and spec.unit:
        body["unit"] = spec.unit
    return body


def typed_choice(message: str, choices: list[Choice]) -> Choice | None:
    """A choice typed back: its label ("独立法人") or its number in the list ("2")."""
    text = message.strip().strip("。.！!")
    for choice in choices:
        if text == choice.label:
            return choice
    match = _ORDINAL_RE.match(message)
    if match and 1 <= int(match.group(1)) <= len(choices):
        return choices[int(match.group(1)) - 1]
    return None


def checked_choice(fact: str, value: Any, facts_file: FactsFile) -> Any:
    """The value of a clicked choice, validated against facts.yaml; InvalidInput otherwise."""
    spec = next((f for f in facts_file.facts if f.path == fact), None)
    if spec is None or spec.type == "records":
        raise InvalidInput(f"choice.fact: {fact!r} is not a fact of this regulation")
    if spec.type in ("boolean", "enum"):
        allowed = choices_of(spec, facts_file)
        for choice in allowed:
            if choice.value == value and type(choice.value) is type(value):
                return choice.value
        raise InvalidInput(f"choice.value: {value!r} is not one of {[c.value for c in allowed]} for {fact}")
    low, high = spec.bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"choice.value: {fact} takes a whole number from {low} to {high}")
    return value
