"""What one message was found to state, collected before it becomes a facts delta."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.language.segments import SEGMENT_EDGES


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
    question_facts: dict[str, str] = field(default_factory=dict)  # question → the fact it asks about

    def state(self, path: str, value: Any, source_text: str, detail: str = "") -> None:
        """Record a fact; a later statement in the same message replaces an earlier one."""
        self.facts[path] = Finding(path, value, source_text.strip(SEGMENT_EDGES), detail)

    def ask(self, question: str, about: str | None = None) -> None:
        """Record a confirmation question once, with the fact it is about when there is one."""
        if question not in self.questions:
            self.questions.append(question)
        if about is not None:
            self.question_facts[question] = about

    def settle(self) -> None:
        """Drop questions about facts the same message went on to state."""
        self.questions = [q for q in self.questions if self.question_facts.get(q) not in self.facts]
