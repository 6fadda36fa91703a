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
    """A new facts dict: the delta's values replace; pilot programmes are replaced per programme."""
    merged = copy.deepcopy(facts)
    for key, value in delta.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_facts(merged[key], value)
        elif key == "pilot_demo" and isinstance(value, list) and isinstance(merged.get(key), list):
            mentioned = {entry.get("program") for entry in value}
            kept = [entry for entry in merged[key] if entry.get("program") not in mentioned]
            merged[key] = kept + copy.deepcopy(value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged
