"""The answer the assistant returns: the /v1/ask body, plus what tests need to check grounding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.regulation import Clause

AnswerStatus = Literal["answered", "not_found", "clarify"]


@dataclass
class Answer:
    status: AnswerStatus
    answer: str
    citations: list[Clause] = field(default_factory=list)
    # Numbers the answer states that were computed (from the question and a cited clause), not quoted.
    computed_numbers: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)  # for clarify: what the user can pick

    def to_dict(self) -> dict[str, Any]:
        """The public /v1/ask body."""
        body: dict[str, Any] = {
            "status": self.status,
            "answer": self.answer,
            "citations": [clause.to_address() for clause in self.citations],
        }
        if self.choices:
            body["choices"] = self.choices
        return body
