"""What the rule data tells the answering layer: where each category's clauses are, and how to
compute from numbers in a question ("收入500万能补多少" → 50万元; "正好100家够吗" → 不满足)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import cn2an

from assistant.answering.answerer import CategoryClauses, Computation, ComputeHook
from assistant.conversation.extraction import extract_facts
from assistant.eligibility.rules import ConditionRule, RuleBook
from assistant.language.numerals import find_numbers

# How a counted fact is read out; money facts (…_yuan) are read in 万元.
FACT_UNITS = {
    "served_enterprises": "家",
    "connected_devices": "台套",
    "new_enterprise_nodes": "个",
    "new_registrations": "",
    "daily_resolutions": "",
    "application_scenarios": "项",
}
BOUNDARY_NOTES = {
    "ge": "（“以上”“不低于”“不少于”均包含本数）",
    "gt": "（“超过”不包含本数）",
    "le": "（“以下”包含本数）",
    "lt": "（“不满”不包含本数）",
}


def format_yuan(yuan: int) -> str:
    """4200000 → 420万元; 999000 → 99.9万元; 1234 → 1234元."""
    if yuan < 10000:
        return f"{yuan}元"
    return _plain(Decimal(yuan) / Decimal(10000)) + "万元"


def _plain(number: Decimal) -> str:
    """Decimal(8000) → "8000", Decimal("1.50") → "1.5": only fractional zeros go."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_scaled(value: int) -> str | None:
    """Large round counts in 万/亿 (8000万, 1.2亿, 60万); None when the plain number reads better."""
    if value >= 100_000_000 and value % 10_000_000 == 0:
        return _plain(Decimal(value) / Decimal(100_000_000)) + "亿"
    if value >= 10_000 and value % 1000 == 0:
        return _plain(Decimal(value) / Decimal(10_000)) + "万"
    return None


def format_count(fact: str, value: int) -> str:
    """A counted fact as a caller says it: 120家, 8000万, 1.2亿, 60万."""
    if fact.endswith("_yuan"):
        return format_yuan(value)
    return format_scaled(value) or f"{value}{FACT_UNITS.get(fact.rsplit('.', 1)[-1], '')}"


def _clause_id(rulebook: RuleBook, reference: str) -> str:
    return rulebook.clauses[reference].address.id


def category_clause_map(rulebook: RuleBook) -> dict[str, CategoryClauses]:
    """category → the clause ids of its amount, conditions, materials and evidence."""
    mapping: dict[str, CategoryClauses] = {}
    for category in rulebook.categories:
        conditions: list[str] = []
        for condition in category.conditions:
            clause_id = _clause_id(rulebook, condition.clause)
            if clause_id not in conditions:
                conditions.append(clause_id)
        # The category's own 第四条 clause first, the shared 第四条第二款 after it.
        conditions.sort(key=lambda clause_id: (not clause_id.startswith("a4p1"), clause_id))
        rules = rulebook.rules
        material = rules.exempt.clause if category.id in rules.exempt.categories else rules.materials.clause
        evidence = [_clause_id(rulebook, c.evidence_clause) for c in category.conditions if c.evidence_clause]
        mapping[category.id] = CategoryClauses(
            amount=[_clause_id(rulebook, category.amount.clause)],
            condition=conditions,
            material=[_clause_id(rulebook, material)],
            evidence=list(dict.fromkeys(evidence)),
            wordings=[(_clause_id(rulebook, c.clause), c.wording) for c in category.conditions],
        )
    return mapping


def _leaves(delta: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in delta.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _leaves(value, path + ".")
        else:
            yield path, value


def _compare(test: str, value: int, threshold: int) -> bool:
    return {"ge": value >= threshold, "gt": value > threshold, "le": value <= threshold, "lt": value < threshold}[test]


def _threshold_line(rulebook: RuleBook, condition: ConditionRule, value: int) -> Computation:
    assert condition.threshold is not None
    met = _compare(condition.test, value, condition.threshold)
    shown = format_count(condition.fact, value)
    verdict = "满足" if met else "不满足"
    note = BOUNDARY_NOTES[condition.test] if value == condition.threshold else ""
    line = f"{shown}{verdict}“{condition.wording}”的条件{note}。"
    numbers = [shown]
    if not met and condition.gap:
        gap = abs(condition.threshold - value) + (1 if condition.test == "gt" else 0)
        # The gap wording carries its own unit ("收入还差{gap}元", "还差{gap}个企业节点").
        if condition.fact.endswith("_yuan"):
            gap_shown = format_yuan(gap).removesuffix("元")
        else:
            gap_shown = format_scaled(gap) or str(gap)
        line = line[:-1] + "，" + condition.gap.format(gap=gap_shown) + "。"
        numbers.append(gap_shown)
    return Computation(line, [_clause_id(rulebook, condition.clause)], numbers=numbers, met=met)


def question_computations(rulebook: RuleBook) -> ComputeHook:
    """A hook computing threshold checks and amounts from the numbers a question states."""
    def compute(text: str, categories: tuple[str, ...]) -> list[Computation]:
        delta = extract_facts(text).delta
        numbers = {path: value for path, value in _leaves(delta)
                   if isinstance(value, int) and not isinstance(value, bool)}
        if not numbers:
            numbers = _lone_money_amount(text, rulebook, categories)
        lines: list[Computation] = []
        for category in rulebook.categories:
            if category.amount.kind == "per_first_time_program" and (not categories or category.id in categories):
                count = _first_time_programmes(text, delta)
                if count:
                    lines.append(_programme_line(rulebook, category.amount, count))
        if not numbers:
            return lines
        for category in rulebook.categories:
            if categories and category.id not in categories:
                continue
            for condition in category.conditions:
                if condition.is_numeric and condition.fact in numbers:
                    line = _threshold_line(rulebook, condition, numbers[condition.fact])
                    if line.text not in (existing.text for existing in lines):
                        lines.append(line)
            amount = category.amount
            if amount.kind == "rate_capped" and amount.base_fact in numbers:
                lines.append(_rate_line(rulebook, amount, numbers[amount.base_fact], category.conditions))
        return lines

    return compute


def _lone_money_amount(text: str, rulebook: RuleBook, categories: tuple[str, ...]) -> dict[str, int]:
    """"正好300万够吗": one sum of money and, in the rules, one money threshold it can only be about."""
    money = [m.integer for m in find_numbers(text)
             if m.exact and m.integer and (m.unit == "元" or (m.has_scale and m.unit == ""))]
    money_facts = {
        condition.fact
        for category in rulebook.categories if not categories or category.id in categories
        for condition in category.conditions if condition.is_numeric and condition.fact.endswith("_yuan")
    }
    if len(money) == 1 and len(money_facts) == 1 and money[0] is not None:
        return {money_facts.pop(): money[0]}
    return {}


_PROGRAMME_COUNT = re.compile(r"([一二两三123])\s*(?:个|项|类)[^，。？?]{0,12}试点示范")


def _first_time_programmes(text: str, delta: dict[str, Any]) -> int:
    """How many distinct national pilot programmes the question says were obtained 首次."""
    if "首次" not in text:
        return 0
    entries = delta.get("national_recognition", {}).get("pilot_demo", [])
    named = {entry.get("program") for entry in entries if entry.get("first_time") is not False}
    if len(named) > 1:
        return len(named)
    match = _PROGRAMME_COUNT.search(text)
    if match:
        return min(int(cn2an.cn2an(match.group(1), "smart")), 3)
    return 0


def _programme_line(rulebook: RuleBook, amount, count: int) -> Computation:  # type: ignore[no-untyped-def]
    total = amount.yuan * min(count, len(amount.programs))
    each, shown_total = format_yuan(amount.yuan), format_yuan(total)
    text = f"首次获批{count}项国家试点示范的，分别给予{each}：{count}×{each}={shown_total}，合计最高{shown_total}。"
    return Computation(text, [_clause_id(rulebook, amount.clause)], numbers=[str(count), shown_total])


def _rate_line(rulebook: RuleBook, amount, base: int, conditions) -> Computation:  # type: ignore[no-untyped-def]
    rate_amount = base * amount.rate_percent // 100
    bound = min(rate_amount, amount.cap_yuan)
    shown_base, shown_rate, shown_bound = format_yuan(base), format_yuan(rate_amount), format_yuan(bound)
    threshold_met = all(
        _compare(c.test, base, c.threshold) for c in conditions if c.is_numeric and c.fact == amount.base_fact
    )
    if not threshold_met:
        text = "收入未达到申报条件，不能获得该项资金支持。"
        return Computation(text, [_clause_id(rulebook, amount.clause)], numbers=[])
    capped = "，已达封顶" if rate_amount >= amount.cap_yuan else ""
    text = (f"按收入{shown_base}计算：{shown_base}×{amount.rate_percent}%={shown_rate}{capped}，"
            f"最高可获{shown_bound}（不高于{amount.rate_percent}%、最高{format_yuan(amount.cap_yuan)}，是上限不是承诺）。")
    return Computation(text, [_clause_id(rulebook, amount.clause)], numbers=[shown_base, shown_rate, shown_bound])
