"""Compute from the figures a question states, through the eligibility engine (never re-doing its
arithmetic): "收入500万能补多少" → the engine's amount bound; "正好100家够吗" → the engine's verdict."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from assistant.answering.clause_map import clause_id
from assistant.eligibility import amount_bound, assess
from assistant.eligibility.rules import AmountRule, CategoryRules, ConditionRule, RuleBook
from assistant.errors import InvalidInput
from assistant.language.formatting import format_count, format_yuan
from assistant.language.legal import BOUNDARY_NOTES
from assistant.language.numerals import find_numbers
from assistant.package import VocabularyFile
from assistant.reading.extraction import nested

# Reads the facts a text states, as a nested delta of the facts schema (the conversation's reader).
FactReader = Callable[[str], dict[str, Any]]


class Computation:
    """A line of the answer computed from facts in the question, with the clauses it rests on."""

    def __init__(
        self, text: str, clause_ids: list[str], numbers: list[str] | None = None, met: bool | None = None,
        labelled: bool = False, verdict: bool = False,
    ):
        self.text = text
        self.clause_ids = clause_ids
        self.numbers = numbers or []
        self.met = met  # for a threshold check: whether the stated figure meets it
        self.labelled = labelled  # the text already names its clause (the engine's amount notes do)
        self.verdict = verdict  # settles one condition of its clause only: the clause is still quoted for the rest


class ComputeHook(Protocol):
    def __call__(self, text: str, categories: tuple[str, ...], terms: str | None = None) -> list[Computation]: ...


def _leaves(delta: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in delta.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _leaves(value, path + ".")
        else:
            yield path, value


def _with_missing(delta: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """``delta`` with the facts only ``other`` states added (``delta`` wins where both state one)."""
    merged = dict(delta)
    for key, value in other.items():
        if key not in merged:
            merged[key] = value
        elif isinstance(merged[key], dict) and isinstance(value, dict):
            merged[key] = _with_missing(merged[key], value)
    return merged


class QuestionComputer:
    """Threshold verdicts and amount bounds for the figures of one question, from one rule book."""

    def __init__(self, rulebook: RuleBook, vocabulary: VocabularyFile, read_facts: FactReader,
                 another_sum_before: Callable[[str], bool] | None = None, read_statements: FactReader | None = None,
                 another_sum_after: Callable[[str], bool] | None = None):
        """``another_sum_before``: the reader's judgement whether the words before a sum make it something other
        than the enterprise's figure (奖励最高两百万, 能补, 就差, 注册资本); ``another_sum_after`` the same for the words
        after it (200万补助, 300万那个门槛). ``read_statements``: the facts a text states of the speaker (分公司,
        注册在孝感, 还在失信名单上), as the conversation reads them."""
        self.rulebook = rulebook
        self.read_statements = read_statements
        self.another_sum_before = another_sum_before or (lambda _prefix: False)
        self.another_sum_after = another_sum_after or (lambda _suffix: False)  # 300万那个门槛, 200万补助
        self.replies = vocabulary.replies
        self.category_words = {entry.id: entry.words for entry in vocabulary.categories}
        self.read_facts = read_facts
        self.first_time_word = vocabulary.first_time_word
        self.programme_patterns = [
            re.compile(pattern)
            for category in rulebook.categories
            if category.amount.kind == "per_first_time_program"
            and (fact := rulebook.facts_spec.fact(category.amount.base_fact or "")) is not None
            for pattern in fact.words.choice_patterns.values()
        ]

    def __call__(self, text: str, categories: tuple[str, ...], terms: str | None = None) -> list[Computation]:
        """``terms``: the same question in the text's terms (an English question's), read for the figures the
        caller's own words did not give ("only one flagship application scenario" → 1 场景)."""
        terms = terms if terms != text else None
        delta = self.read_facts(text) if self._may_compute(text) else {}
        if terms and self._may_compute(terms):
            delta = _with_missing(delta, self.read_facts(terms))
        figures = {path: value for path, value in _leaves(delta) if isinstance(value, int) and not isinstance(value, bool)}
        figures = figures or self._lone_money_figure(text, categories) or (
            self._lone_money_figure(terms, categories) if terms else {})
        asked = [category for category in self.rulebook.categories if not categories or category.id in categories]
        lines: list[Computation] = []
        for category in asked:
            if category.amount.kind == "per_first_time_program":
                lines += self._programme_lines(text, delta, category)
        for category in asked:
            for condition in category.conditions:
                if condition.is_numeric and condition.fact in figures:
                    line = self._threshold_line(condition, figures[condition.fact])
                    if line and line.text not in (existing.text for existing in lines):
                        lines.append(line)
            amount = category.amount
            if amount.kind == "rate_capped" and amount.base_fact in figures:
                line = self._rate_line(category, amount, figures[amount.base_fact])
                if line:
                    lines.append(line)
        return lines

    def condition_lines(self, text: str, categories: tuple[str, ...], asks_whether: bool) -> list[Computation]:
        """The verdict of each condition the question settles by what it says of the speaker: "我们是分公司…能报吗"
        → 不满足 the legal-form condition. Unmet conditions are always said; met ones only when the question asks
        whether the speaker qualifies. Without a named category, only the conditions every category shares."""
        if self.read_statements is None or not (self.replies.condition_met and self.replies.condition_unmet):
            return []
        delta = {path: value for path, value in _leaves(self.read_statements(text))
                 if not (isinstance(value, int) and not isinstance(value, bool))}  # figures: the threshold lines
        if not delta:
            return []
        try:
            facts = self.rulebook.parse_facts(nested(delta))
        except InvalidInput:
            return []
        lines: list[Computation] = []
        for condition in self._conditions_of(categories):
            if condition.is_numeric or condition.fact not in delta:
                continue
            outcome = assess(condition, facts)
            if outcome.status == "unknown" or (outcome.status == "met" and not asks_whether):
                continue
            met = outcome.status == "met"
            template = self.replies.condition_met if met else self.replies.condition_unmet
            line = template.format(wording=condition.wording, reading="" if met else condition.reading or "")
            if line not in (existing.text for existing in lines):
                lines.append(Computation(line, [clause_id(self.rulebook, condition.clause)], met=met, verdict=True))
        return lines

    def _conditions_of(self, categories: tuple[str, ...]) -> list[ConditionRule]:
        named = [category for category in self.rulebook.categories if category.id in categories]
        if named:
            return [condition for category in named for condition in category.conditions]
        # The same condition from the same clause in every category (近两年没有发生重大…事故, 无严重失信行为).
        everywhere = set.intersection(*({(c.id, c.clause) for c in category.conditions} for category in self.rulebook.categories))
        first = self.rulebook.categories[0]
        return [condition for condition in first.conditions if (condition.id, condition.clause) in everywhere]

    def _may_compute(self, text: str) -> bool:
        """Whether reading the question's facts can give a line: only figures and two or more named
        programmes are computed with, and the full reader costs ~0.7 ms, most of an answer's own time."""
        if find_numbers(text):
            return True
        return sum(1 for pattern in self.programme_patterns if pattern.search(text)) >= 2

    def _facts(self, path: str, value: Any) -> Any:
        try:
            return self.rulebook.parse_facts(nested({path: value}))
        except InvalidInput:
            return None  # a figure out of the fact's bounds is not computed with

    def _shown(self, path: str, value: int) -> str:
        spec = self.rulebook.facts_spec.fact(path)
        if spec is not None and spec.type == "money":
            return format_yuan(value)
        return format_count(value, spec.unit or "" if spec else "")

    def _threshold_line(self, condition: ConditionRule, value: int) -> Computation | None:
        facts = self._facts(condition.fact, value)
        if facts is None:
            return None
        outcome = assess(condition, facts)
        shown = self._shown(condition.fact, value)
        note = BOUNDARY_NOTES[condition.test] if value == condition.threshold else ""
        met = outcome.status == "met"
        template = self.replies.threshold_met if met else self.replies.threshold_unmet
        text = template.format(value=shown, wording=condition.wording, note=note, gap=outcome.gap or "")
        numbers = [shown, *re.findall(r"[\d.,]+[万亿]?", outcome.gap or "")]
        return Computation(text, [clause_id(self.rulebook, condition.clause)], numbers=numbers, met=met)

    def _rate_line(self, category: CategoryRules, amount: AmountRule, base: int) -> Computation | None:
        facts = self._facts(amount.base_fact or "", base)
        if facts is None:
            return None
        clauses = [clause_id(self.rulebook, amount.clause)]
        thresholds = [c for c in category.conditions if c.is_numeric and c.fact == amount.base_fact]
        if any(assess(condition, facts).status == "unmet" for condition in thresholds):
            return Computation(self.replies.below_threshold, clauses)
        bound = amount_bound(amount, facts, self.rulebook.label(amount.clause), self.rulebook.rules.amount_notes)
        numbers = re.findall(r"\d[\d.,]*[万亿]?元", bound.note)
        shown = [number.removesuffix("元") for number in numbers] + numbers
        return Computation(bound.note, clauses, numbers=shown, labelled=True)

    def _programme_lines(self, text: str, delta: dict[str, Any], category: CategoryRules) -> list[Computation]:
        amount = category.amount
        entries = (_leaf(delta, amount.base_fact or "") or [])
        first_time = [entry for entry in entries if isinstance(entry, dict) and entry.get("first_time") is not False]
        named = {entry.get("program") for entry in first_time if entry.get("program")}
        count = len(named) if len(named) > 1 else self._stated_count(text, category.id)
        if not count:
            return []
        count = min(count, len(amount.programs))
        each, total = format_yuan(amount.yuan or 0), format_yuan((amount.yuan or 0) * count)
        line = self.replies.per_programme.format(count=count, each=each, total=total)
        return [Computation(line, [clause_id(self.rulebook, amount.clause)], numbers=[str(count), total])]

    def _stated_count(self, text: str, category: str) -> int:
        """"首次获批两项试点示范": a small count right before one of the category's words."""
        if not self.first_time_word or self.first_time_word not in text:
            return 0
        for word in self.category_words.get(category, []):
            for mention in find_numbers(text):
                after = text[mention.end : mention.end + 12]
                if mention.integer and mention.integer <= 9 and word in after:
                    return mention.integer
        return 0

    def _lone_money_figure(self, text: str, categories: tuple[str, ...]) -> dict[str, int]:
        """"正好300万够吗": one sum of money and, in the rules, one money threshold it can only be about."""
        mentions = find_numbers(text)
        money = [
            m.integer for i, m in enumerate(mentions)
            if m.exact and m.integer and (m.unit == "元" or (m.has_scale and m.unit == ""))
            # what stands between the previous number and this one, as the reader sees a number's words
            and not self.another_sum_before(_clause_tail(text[mentions[i - 1].end if i else 0 : m.start]))
            and not self.another_sum_after(text[m.end : mentions[i + 1].start if i + 1 < len(mentions) else len(text)])
        ]
        money_facts = {
            condition.fact
            for category in self.rulebook.categories if not categories or category.id in categories
            for condition in category.conditions
            if condition.is_numeric and (spec := self.rulebook.facts_spec.fact(condition.fact)) and spec.type == "money"
        }
        if len(money) == 1 and len(money_facts) == 1 and money[0] is not None:
            return {money_facts.pop(): money[0]}
        return {}


def _clause_tail(prefix: str) -> str:
    """The part of the text before a number that lies in the number's own segment (an English question read
    in the text's words is a bag of words separated by spaces: only the last one stands before the number)."""
    return re.split(r"[，,。；;！!？?\s]", prefix)[-1]


def _leaf(delta: dict[str, Any], path: str) -> Any:
    value: Any = delta
    for name in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value
