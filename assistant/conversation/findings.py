"""What one message was found to state, collected before it becomes a facts delta."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One fact value stated in the message, with the words it came from."""

    path: str
    value: Any
    source_text: str
    detail: str = ""  # shown after the value, e.g. （200万元+220万元）


@dataclass
class Findings:
    """Facts found so far and questions to put back to the user instead of guessing."""

    facts: dict[str, Finding] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)

    def state(self, path: str, value: Any, source_text: str, detail: str = "") -> None:
        """Record a fact; a later statement in the same message replaces an earlier one."""
        self.facts[path] = Finding(path, value, source_text.strip("，,。；;！!？? "), detail)

    def ask(self, question: str) -> None:
        """Record a confirmation question once."""
        if question not in self.questions:
            self.questions.append(question)
