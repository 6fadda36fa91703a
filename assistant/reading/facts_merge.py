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


def merge_facts(facts: dict[str, Any], delta: dict[str, Any]) -> dict[str, Any]:
    """A new facts dict: the delta's values replace; entries of a records list are replaced per entry key
    (the first field of an entry, e.g. the programme of a pilot demonstration)."""
    merged = copy.deepcopy(facts)
    for key, value in delta.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_facts(merged[key], value)
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
