"""The pre-check: every category's conditions against the facts, Kleene-combined. Pure."""

from __future__ import annotations

from typing import Any

from assistant.eligibility.amounts import amount_bound, pilot_bound_if_met
from assistant.eligibility.conditions import ConditionOutcome, assess, combine
from assistant.eligibility.facts import FactsBase as Facts
from assistant.eligibility.report import AssessedCondition, CategoryResult, NextQuestion, PrecheckReport
from assistant.eligibility.rules import AmountNotes, CategoryRules, RuleBook


def evaluate(facts: Facts, rulebook: RuleBook) -> PrecheckReport:
    """Decide every category of the rule book on the facts given."""
    return PrecheckReport(
        tuple(evaluate_category(facts, category, rulebook) for category in rulebook.categories)
    )


def evaluate_category(facts: Facts, category: CategoryRules, rulebook: RuleBook) -> CategoryResult:
    """Decide one category: eligible, ineligible (one unmet condition is enough) or undetermined."""
    outcomes = [assess(rule, facts) for rule in category.conditions]
    status = combine([outcome.status for outcome in outcomes])
    amount = category.amount
    notes = rulebook.rules.amount_notes
    bound = amount_bound(amount, facts, rulebook.label(amount.clause), notes)
    max_amount: int | None
    if status == "ineligible":
        max_amount, note = 0, notes.ineligible.format(reasons="；".join(_reasons(outcomes, notes)))
    elif status == "eligible":
        max_amount, note = bound.yuan, bound.note
    else:
        max_amount = (
            pilot_bound_if_met(amount, facts) if amount.kind == "per_first_time_program" else bound.yuan
        )
        note = notes.if_rest_met.format(note=bound.note)
    open_points = (*category.open_points, *rulebook.rules.open_points)
    return CategoryResult(
        category=category.id,
        title=category.title,
        status=status,
        max_amount_yuan=max_amount,
        conditions=tuple(AssessedCondition(o, rulebook.addresses[o.rule.clause]) for o in outcomes),
        citations=_citations(outcomes, category, rulebook, status),
        next_questions=_next_questions(outcomes) if status == "undetermined" else (),
        amount_note=note,
        application_required=category.id in rulebook.rules.materials.categories,
        open_points=open_points,
    )


def _reasons(outcomes: list[ConditionOutcome], notes: AmountNotes) -> list[str]:
    # A threshold's gap already names the condition ("服务企业数还差1家（须超过100家）").
    return [o.gap or notes.unmet_condition.format(text=o.rule.text) for o in outcomes if o.status == "unmet"]


def _citations(
    outcomes: list[ConditionOutcome], category: CategoryRules, rulebook: RuleBook, status: str
) -> tuple[dict[str, Any], ...]:
    # An ineligible result cites the clauses it fails first; otherwise the amount clause leads.
    unmet = [o.rule.clause for o in outcomes if o.status == "unmet"] if status == "ineligible" else []
    references = [*unmet, category.amount.clause, *(o.rule.clause for o in outcomes)]
    seen: dict[str, dict[str, Any]] = {}
    for reference in references:
        address = rulebook.addresses[reference]
        seen.setdefault(address["id"], address)
    return tuple(seen.values())


def _next_questions(outcomes: list[ConditionOutcome]) -> tuple[NextQuestion, ...]:
    # Rule files list conditions most decisive first; one question per fact.
    asked: dict[str, NextQuestion] = {}
    for outcome in outcomes:
        rule = outcome.rule
        if outcome.status != "unknown" or rule.fact in asked:
            continue
        text = (
            rule.question_when_undecided
            if outcome.undecided_value and rule.question_when_undecided
            else rule.question
        )
        asked[rule.fact] = NextQuestion(fact=rule.fact, question=text, condition=rule.id)
    return tuple(asked.values())
