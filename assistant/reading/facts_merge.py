"""Merging a facts delta into a session's facts: later statements replace earlier ones. Pure."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any


def fact_paths(delta: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """Dotted paths of the values a delta sets (a list counts as one value)."""
    for key, value in delta.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from fact_paths(value, path + ".")
        else:
            yield path


def value_at(facts: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a facts dict, or None when absent."""
    value: Any = facts
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def merge_facts(facts: dict[str, Any], delta: dict[str, Any]) -> dict[str, Any]:
    """A new facts dict: the delta's values replace; entries of a records list are replaced per entry key
    (the first field of an entry, e.g. the programme of a pilot demonstration); a set of possible values
    narrows what is known rather than widening it."""
    merged = copy.deepcopy(facts)
    for key, value in delta.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_facts(merged[key], value)
        elif _possible_values(value) and key in merged:
            merged[key] = _narrowed(merged[key], value)
        elif _records(value) and _records(merged.get(key)):
            entry_key = next(iter(value[0]))
            mentioned = {entry.get(entry_key) for entry in value}
            kept = [entry for entry in merged[key] if entry.get(entry_key) not in mentioned]
            merged[key] = kept + copy.deepcopy(value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _records(value: Any) -> bool:
    """A list of entries (dicts), as a records fact holds."""
    return (
        isinstance(value, list) and bool(value) and all(isinstance(entry, dict) and entry for entry in value)
    )


def _possible_values(value: Any) -> bool:
    """A list of plain values: what an enumerated fact may still be ("公司" → independent or branch)."""
    return isinstance(value, list) and bool(value) and not any(isinstance(v, dict | list) for v in value)


def _narrowed(known: Any, possible: list[Any]) -> Any:
    """A vaguer later statement does not undo a sharper earlier one: 独立法人 then "公司…" stays 独立法人;
    two lists keep what both allow; a statement that contradicts what is known replaces it."""
    if not isinstance(known, list):
        return known if known in possible else copy.deepcopy(possible)
    both = [value for value in possible if value in known]
    if not both:
        return copy.deepcopy(possible)
    return both[0] if len(both) == 1 else both
