"""Dotted paths into nested facts dicts: the part of a delta that sets one path, changes. Pure.

``value_at`` lives with the reading layer below and is re-exported here for the conversation."""

from __future__ import annotations

from typing import Any

from assistant.reading import fact_paths, value_at

__all__ = ["changed_paths", "subdelta", "value_at"]


def subdelta(delta: dict[str, Any], path: str) -> dict[str, Any]:
    """The part of a delta that sets one path."""
    keys = path.split(".")
    value: Any = delta
    for key in keys:
        value = value[key]
    for key in reversed(keys):
        value = {key: value}
    return value



def changed_paths(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Dotted paths set in either facts dict whose values differ (added, changed or removed)."""
    paths = list(dict.fromkeys([*fact_paths(old), *fact_paths(new)]))
    return [path for path in paths if value_at(old, path) != value_at(new, path)]
