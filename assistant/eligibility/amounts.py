"""The amount bound of a category, in integer yuan, with a sentence saying how it was reached."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.eligibility.facts import FactsBase as Facts
from assistant.eligibility.facts import fact_value
from assistant.eligibility.rules import AmountNotes, AmountRule
from assistant.language.formatting import format_yuan


@dataclass(frozen=True)
class AmountBound:
    """The most a category can give on the facts given (None: it depends on a fact not given)."""

    yuan: int | None
    note: str


def amount_bound(amount: AmountRule, facts: Facts, label: str, notes: AmountNotes) -> AmountBound:
    """The bound if every condition is met; ``label`` is the amount clause's label, for the note."""
    if amount.kind in ("fixed", "up_to"):
        template = notes.fixed if amount.kind == "fixed" else notes.up_to
        return AmountBound(amount.yuan, template.format(yuan=format_yuan(amount.yuan or 0), label=label))
    if amount.kind == "rate_capped":
        return _rate_capped(amount, facts, label, notes)
    return _per_first_time_program(amount, facts, label, notes)


def _rate_capped(amount: AmountRule, facts: Facts, label: str, notes: AmountNotes) -> AmountBound:
    rate, cap = amount.rate_percent or 0, amount.cap_yuan or 0
    cap_reached_at = cap * 100 // rate  # 100万 ÷ 10% = 1000万
    shown = {"rate": rate, "cap": format_yuan(cap), "cap_reached_at": format_yuan(cap_reached_at), "label": label}
    rule = notes.rate_rule.format(**shown)
    base = fact_value(facts, amount.base_fact or "")
    if base is None:
        return AmountBound(None, notes.rate_unknown.format(**shown, rule=rule))
    # Integer arithmetic, floored to the yuan: 10% of 3,000,005 is 300,000 (not 300,000.5).
    bound = min(base * rate // 100, cap)
    template = notes.rate_capped if base >= cap_reached_at else notes.rate_computed
    return AmountBound(bound, template.format(**shown, base=format_yuan(base), bound=format_yuan(bound), rule=rule))


def _per_first_time_program(amount: AmountRule, facts: Facts, label: str, notes: AmountNotes) -> AmountBound:
    entries = fact_value(facts, amount.base_fact or "")
    each = format_yuan(amount.yuan or 0)
    if entries is None:
        return AmountBound(None, notes.programs_unknown.format(each=each, label=label))
    confirmed = _programs(entries, {True})
    possible = _programs(entries, {True, None}) - confirmed
    # An entry naming no programme still counts once when it is the only first-time one.
    count = len(confirmed) or int(any(e.first_time is True for e in entries))
    names = "、".join(amount.programs[p] for p in sorted(confirmed)) or notes.programs_unnamed
    total = format_yuan(count * (amount.yuan or 0))
    note = notes.programs_computed.format(count=count, names=names, each=each, total=total, label=label)
    if possible:
        pending = "、".join(amount.programs[p] for p in sorted(possible))
        note += notes.programs_pending.format(pending=pending, each=each)
    return AmountBound(count * (amount.yuan or 0), note)


def pilot_bound_if_met(amount: AmountRule, facts: Facts) -> int | None:
    """For an undetermined per-programme amount: the bound if every entry not known to be non-first-time were first-time."""
    entries = fact_value(facts, amount.base_fact or "")
    if entries is None:
        return None
    count = len(_programs(entries, {True, None})) or int(any(e.first_time is not False for e in entries))
    return count * (amount.yuan or 0) or None


def _programs(entries: list, first_time: set[bool | None]) -> set[str]:
    # 分别 counts distinct programmes: the same programme twice is one reward.
    return {
        entry.program for entry in entries if entry.first_time in first_time and entry.program is not None
    }
