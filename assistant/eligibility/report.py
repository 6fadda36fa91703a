"""What a pre-check returns: one result per category, and its contract dictionary (DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from assistant.eligibility.conditions import ConditionOutcome
from assistant.language.formatting import format_yuan

Decision = Literal["eligible", "ineligible", "undetermined"]


@dataclass(frozen=True)
class NextQuestion:
    """A question that would decide an undetermined category, and the fact its answer fills."""

    fact: str
    question: str
    condition: str

    def to_dict(self) -> dict[str, str]:
        return {"fact": self.fact, "question": self.question, "condition": self.condition}


@dataclass(frozen=True)
class AssessedCondition:
    """A condition's outcome with the clause address it cites."""

    outcome: ConditionOutcome
    citation: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        rule = self.outcome.rule
        return {
            "id": rule.id,
            "text": rule.text,
            "status": self.outcome.status,
            "citation": dict(self.citation),
        }


@dataclass(frozen=True)
class CategoryResult:
    """The decision on one category, with every condition, the amount bound and what to ask next."""

    category: str
    title: str
    status: Decision
    max_amount_yuan: int | None
    conditions: tuple[AssessedCondition, ...]
    citations: tuple[dict[str, Any], ...]
    next_questions: tuple[NextQuestion, ...]
    amount_note: str
    application_required: bool
    open_points: tuple[str, ...]

    @property
    def questions(self) -> list[str]:
        return [question.question for question in self.next_questions]

    @property
    def gaps(self) -> list[dict[str, str]]:
        """For each unmet threshold, how far off the fact is: 还差20个企业节点."""
        return [
            {"condition": c.outcome.rule.id, "text": c.outcome.gap}
            for c in self.conditions
            if c.outcome.gap is not None
        ]

    def condition_ids(self, status: str) -> list[str]:
        return [c.outcome.rule.id for c in self.conditions if c.outcome.status == status]

    def to_dict(self) -> dict[str, Any]:
        """The contract keys (category, status, max_amount_yuan, conditions, citations, questions) plus extras."""
        return {
            "category": self.category,
            "status": self.status,
            "max_amount_yuan": self.max_amount_yuan,
            # The one formatter's words for the bound (5000000 → "500万元"): the page shows this, not its own.
            "max_amount_text": None if self.max_amount_yuan is None else format_yuan(self.max_amount_yuan),
            "conditions": [condition.to_dict() for condition in self.conditions],
            "citations": [dict(citation) for citation in self.citations],
            "questions": self.questions,
            "title": self.title,
            "next_questions": [question.to_dict() for question in self.next_questions],
            "amount_note": self.amount_note,
            "gaps": self.gaps,
            "application_required": self.application_required,
            "open_points": list(self.open_points),
        }


@dataclass(frozen=True)
class PrecheckReport:
    """One result per category, in DESIGN order."""

    results: tuple[CategoryResult, ...]

    def result(self, category: str) -> CategoryResult:
        for result in self.results:
            if result.category == category:
                return result
        raise KeyError(category)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the /v1/precheck body: {"results": [...]}."""
        return {"results": [result.to_dict() for result in self.results]}
