"""One condition against the facts: met, unmet or unknown (absent fact = unknown, never false)."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any, Literal

from assistant.eligibility.facts import FactsBase as Facts
from assistant.eligibility.facts import fact_value
from assistant.eligibility.rules import ConditionRule
from assistant.language.formatting import format_quantity

Status = Literal["met", "unmet", "unknown"]

_COMPARE = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}


@dataclass(frozen=True)
class ConditionOutcome:
    """A condition's status, and for an unmet threshold how far off the fact is."""

    rule: ConditionRule
    status: Status
    value: Any = None
    gap: str | None = None

    @property
    def undecided_value(self) -> bool:
        """True when a fact was given but the text does not say whether it meets the condition."""
        return self.status == "unknown" and self.value is not None


def assess(rule: ConditionRule, facts: Facts) -> ConditionOutcome:
    """Evaluate one condition of a rule file against the facts."""
    value = fact_value(facts, rule.fact)
    if value is None:
        return ConditionOutcome(rule, "unknown")
    if rule.test == "is_true":
        return ConditionOutcome(rule, "met" if value else "unmet", value)
    if rule.test == "is_false":
        return ConditionOutcome(rule, "unmet" if value else "met", value)
    if rule.test == "in":
        return ConditionOutcome(rule, _membership(rule, value), value)
    if rule.test == "any_first_time":
        return ConditionOutcome(rule, _any_first_time(value), value)
    return _threshold(rule, value)


def _threshold(rule: ConditionRule, value: int) -> ConditionOutcome:
    threshold = rule.threshold
    assert threshold is not None  # guaranteed by ConditionRule's validator
    if _COMPARE[rule.test](value, threshold):
        return ConditionOutcome(rule, "met", value)
    # The smallest change that would meet it: 超过100 needs 101, 不低于100 needs 100.
    shortfall = {
        "ge": threshold - value,
        "gt": threshold + 1 - value,
        "le": value - threshold,
        "lt": value - threshold + 1,
    }
    gap = (rule.gap or "{gap}").format(gap=format_quantity(shortfall[rule.test]))
    return ConditionOutcome(rule, "unmet", value, gap)


def _membership(rule: ConditionRule, value: Any) -> Status:
    # A list holds the values still possible: met when every one meets, unmet when none can.
    possible = value if isinstance(value, list) else [value]
    statuses: set[Status] = {
        "met" if one in rule.values else "unknown" if one in rule.undecided_values else "unmet" for one in possible
    }
    return statuses.pop() if len(statuses) == 1 else "unknown"


def _any_first_time(entries: list[Any]) -> Status:
    # Kleene "or" over the entries: one first-time entry suffices; an empty list has none.
    first_time = [entry.first_time for entry in entries]
    if any(flag is True for flag in first_time):
        return "met"
    if any(flag is None for flag in first_time):
        return "unknown"
    return "unmet"


def combine(statuses: list[Status]) -> Literal["eligible", "ineligible", "undetermined"]:
    """Kleene conjunction: one unmet condition decides, even while others are unknown."""
    if "unmet" in statuses:
        return "ineligible"
    if "unknown" in statuses:
        return "undetermined"
    return "eligible"
