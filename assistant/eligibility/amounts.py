"""The amount bound of a category, in integer yuan, with a sentence saying how it was reached."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.eligibility.facts import FactsBase as Facts
from assistant.eligibility.facts import fact_value
from assistant.eligibility.rules import AmountRule
from assistant.eligibility.wording import format_yuan


@dataclass(frozen=True)
class AmountBound:
    """The most a category can give on the facts given (None: it depends on a fact not given)."""

    yuan: int | None
    note: str


def amount_bound(amount: AmountRule, facts: Facts, label: str) -> AmountBound:
    """The bound if every condition is met; ``label`` is the amount clause's label, for the note."""
    if amount.kind == "fixed":
        return AmountBound(amount.yuan, f"一次性奖励{format_yuan(amount.yuan or 0)}（{label}）。")
    if amount.kind == "up_to":
        return AmountBound(
            amount.yuan, f"择优支持，最高{format_yuan(amount.yuan or 0)}，符合条件不等于一定获得（{label}）。"
        )
    if amount.kind == "rate_capped":
        return _rate_capped(amount, facts, label)
    return _per_first_time_program(amount, facts, label)


def _rate_capped(amount: AmountRule, facts: Facts, label: str) -> AmountBound:
    rate, cap = amount.rate_percent or 0, amount.cap_yuan or 0
    cap_reached_at = cap * 100 // rate  # 100万 ÷ 10% = 1000万
    rule = (
        f"不高于收入的{rate}%、最高{format_yuan(cap)}，收入达到{format_yuan(cap_reached_at)}即封顶"
        f"{format_yuan(cap)}（{label}）"
    )
    revenue = fact_value(facts, amount.base_fact or "")
    if revenue is None:
        return AmountBound(None, f"金额取决于申报前2个自然年的服务收入：{rule}。")
    # Integer arithmetic, floored to the yuan: 10% of 3,000,005 is 300,000 (not 300,000.5).
    bound = min(revenue * rate // 100, cap)
    if revenue >= cap_reached_at:
        return AmountBound(
            bound,
            f"收入{format_yuan(revenue)}已达到{format_yuan(cap_reached_at)}，封顶{format_yuan(cap)}；{rule}。",
        )
    return AmountBound(bound, f"按收入{format_yuan(revenue)}的{rate}%计，最高{format_yuan(bound)}；{rule}。")


def _per_first_time_program(amount: AmountRule, facts: Facts, label: str) -> AmountBound:
    entries = fact_value(facts, amount.base_fact or "")
    each = amount.yuan or 0
    if entries is None:
        return AmountBound(
            None, f"每项首次获批的试点示范分别给予{format_yuan(each)}（{label}），金额取决于获批几类。"
        )
    confirmed = _programs(entries, {True})
    possible = _programs(entries, {True, None}) - confirmed
    # An entry naming no programme still counts once when it is the only first-time one.
    count = len(confirmed) or int(any(e.first_time is True for e in entries))
    names = "、".join(amount.programs[p] for p in sorted(confirmed)) or "未说明类别"
    note = f"首次获批{count}类（{names}），分别给予{format_yuan(each)}，共{format_yuan(count * each)}（{label}）。"
    if possible:
        pending = "、".join(amount.programs[p] for p in sorted(possible))
        note += f"另有{pending}尚未确认是否首次获批，确认后每类另加{format_yuan(each)}。"
    return AmountBound(count * each, note)


def pilot_bound_if_met(amount: AmountRule, facts: Facts) -> int | None:
    """For an undetermined pilot reward: the bound if every entry not known to be non-first-time were first-time."""
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
