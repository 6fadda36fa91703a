"""Dotted paths into nested facts dicts: the part of a delta that sets one path, values, changes. Pure."""

from __future__ import annotations

from typing import Any

from assistant.reading import fact_paths


def subdelta(delta: dict[str, Any], path: str) -> dict[str, Any]:
    """The part of a delta that sets one path."""
    keys = path.split(".")
    value: Any = delta
    for key in keys:
        value = value[key]
    for key in reversed(keys):
        value = {key: value}
    return value


def value_at(facts: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a facts dict, or None when absent."""
    value: Any = facts
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def changed_paths(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Dotted paths set in either facts dict whose values differ (added, changed or removed)."""
    paths = list(dict.fromkeys([*fact_paths(old), *fact_paths(new)]))
    return [path for path in paths if value_at(old, path) != value_at(new, path)]
