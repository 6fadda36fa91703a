"""The words that state a fact in chat, as a regulation package writes them in ``facts.yaml``.

``FactWords`` sits on each fact; ``ExtractionWords`` holds what belongs to no single fact
(places, legal-form words, confirmation questions …). The conversation package reads these.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactWords(_Words):
    """How one fact is recognised in a message."""

    keywords: list[str] = []  # nouns around a number or naming a yes/no fact


class ExtractionWords(_Words):
    """Words of the regulation's conversation that belong to no single fact."""
