"""What the rule data tells the answering layer: where each category's clauses are, and how to
compute from numbers in a question ("收入500万能补多少" → 50万元; "正好100家够吗" → 不满足)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from assistant.answering.answerer import Computation, ComputeHook
from assistant.eligibility.rules import ConditionRule, RuleBook

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
    wan = Decimal(yuan) / Decimal(10000)
    return f"{wan.normalize():f}万元"


def format_count(fact: str, value: int) -> str:
    if fact.endswith("_yuan"):
        return format_yuan(value)
    if value >= 100_000_000 and value % 10_000_000 == 0:
        return f"{Decimal(value) / Decimal(100_000_000):f}".rstrip("0").rstrip(".") + "亿"
    if value >= 10_000 and value % 1000 == 0:
        return f"{Decimal(value) / Decimal(10_000):f}".rstrip("0").rstrip(".") + "万"
    return f"{value}{FACT_UNITS.get(fact.rsplit('.', 1)[-1], '')}"


def _clause_id(rulebook: RuleBook, reference: str) -> str:
    return rulebook.clauses[reference].address.id


def category_clause_map(rulebook: RuleBook) -> dict[str, dict[str, list[str]]]:
    """category → {"amount", "condition", "material"} → clause ids, in the order they matter."""
    mapping: dict[str, dict[str, list[str]]] = {}
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
        mapping[category.id] = {
            "amount": [_clause_id(rulebook, category.amount.clause)],
            "condition": conditions,
            "material": [_clause_id(rulebook, material)],
        }
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
    if not met and condition.gap:
        gap = abs(condition.threshold - value) + (1 if condition.test == "gt" else 0)
        line = line[:-1] + "，" + condition.gap.format(gap=format_count(condition.fact, gap)) + "。"
    return Computation(line, [_clause_id(rulebook, condition.clause)], numbers=[shown])


def question_computations(rulebook: RuleBook) -> ComputeHook:
    """A hook computing threshold checks and amounts from the numbers a question states."""
    try:
        from assistant.conversation.extraction import extract_facts
    except ImportError:  # the chat layer is optional for plain answering
        return lambda _text, _categories: []

    def compute(text: str, categories: tuple[str, ...]) -> list[Computation]:
        numbers = {path: value for path, value in _leaves(extract_facts(text).delta)
                   if isinstance(value, int) and not isinstance(value, bool)}
        if not numbers:
            return []
        lines: list[Computation] = []
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
