"""Map the numbers of a message to the facts they count (revenue, served enterprises, resolutions …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation import vocabulary as vocab
from assistant.conversation.findings import Findings
from assistant.language.numerals import NumberMention, find_numbers
from assistant.language.segments import Segment as Clause

_RULES = {rule.path: rule for rule in vocab.NUMBER_FACTS}
_MAPPED_UNITS = frozenset(unit for rule in vocab.NUMBER_FACTS for unit in rule.units if unit)
_SUFFIX_WINDOW = 8
# What may surround a number in a bare answer ("大概150个吧").
_FILLER_RE = re.compile(r"大概|大约|约|差不多|左右|一共|总共|吧|啊|呢|呀|的|是|有|嗯|[，,。；;！!？?\s]")
_JOINER_RE = re.compile(r"\s*(和|、|及|与|跟|以及)?\s*")
_CORRECTED_AWAY_RE = re.compile(r"(不是|并非|而不是)\s*$")


@dataclass(frozen=True)
class _Candidate:
    """A number that may state a fact, with the clause around it."""

    mention: NumberMention
    clause_index: int
    prefix: str  # clause text between the previous candidate and this number
    suffix: str  # clause text after this number, up to the next candidate


@dataclass(frozen=True)
class QuantityContext:
    """What the conversation tells the mapper beyond the message itself."""

    text: str  # the whole normalised message
    pending_path: str | None
    correcting: bool
    last_paths: tuple[str, ...]


def _is_candidate(mention: NumberMention) -> bool:
    """Numbers with a fact unit, or Arabic/scaled numbers without a unit; not 一 inside words."""
    if mention.unit == "other":
        return False
    if mention.unit:
        return mention.unit in _MAPPED_UNITS
    return not mention.chinese_only or mention.has_scale


def _candidates(text: str, clauses: list[Clause]) -> list[_Candidate]:
    """Candidate numbers, each with the local text that says what it counts."""
    mentions = [m for m in find_numbers(text) if _is_candidate(m)]
    found: list[_Candidate] = []
    for index, clause in enumerate(clauses):
        inside = [m for m in mentions if clause.start <= m.start < clause.end]
        for position, mention in enumerate(inside):
            left = inside[position - 1].end if position else clause.start
            right = inside[position + 1].start if position + 1 < len(inside) else clause.end
            found.append(
                _Candidate(
                    mention, index, text[left : mention.start], text[mention.end : right][:_SUFFIX_WINDOW]
                )
            )
    return found


def _blocked(candidate: _Candidate) -> bool:
    """注册资本5000万, 补贴最高200万, 3家子公司: the number counts something else."""
    if any(word in candidate.prefix for word in vocab.NUMBER_BLOCKERS):
        return True
    return any(word in candidate.suffix[:6] for word in vocab.NUMBER_SUFFIX_BLOCKERS)


def _unit_fits(rule: vocab.NumberFact, mention: NumberMention) -> bool:
    """The number's unit is one the fact is counted in."""
    return mention.unit in rule.units


def _by_keyword(candidate: _Candidate, text_before: str = "") -> str | None:
    """The fact whose keyword stands nearest the number: prefix first, then the noun after it."""
    for scope in (candidate.prefix + text_before, candidate.suffix):
        best: tuple[int, str] | None = None
        for rule in vocab.NUMBER_FACTS:
            if not _unit_fits(rule, candidate.mention):
                continue
            length = max((len(k) for k in rule.keywords if k in scope), default=0)
            if length and (best is None or length > best[0]):
                best = (length, rule.path)
        if best:
            return best[1]
    return None


def _compatible(path: str, mention: NumberMention) -> bool:
    """The number could be a value of this fact (unit and kind agree)."""
    rule = _RULES.get(path)
    return rule is not None and _unit_fits(rule, mention)


def _choose_fact(
    candidate: _Candidate,
    previous: list[tuple[_Candidate, str]],
    clauses: list[Clause],
    context: QuantityContext,
) -> tuple[str | None, str | None]:
    """The fact a number states, or a question to ask instead (fact path, question)."""
    mention = candidate.mention
    path = _by_keyword(candidate)
    earlier = previous[-1] if previous else None
    joined = earlier is not None and earlier[0].clause_index == candidate.clause_index
    joined = joined and _JOINER_RE.fullmatch(candidate.prefix) is not None
    next_clause = earlier is not None and earlier[0].clause_index == candidate.clause_index - 1
    if path is None and earlier and (joined or next_clause):
        # 去年收入200万，前年220万 / 分别是200万和220万: a parallel list keeps counting the same thing.
        path = earlier[1] if _compatible(earlier[1], mention) else None
    elif path is None and candidate.clause_index > 0 and not next_clause:
        # 安全服务收入的话，两年大概420万: the keyword sits in the clause before.
        path = _by_keyword(candidate, clauses[candidate.clause_index - 1].text)
    if path is None and context.pending_path and _compatible(context.pending_path, mention):
        path = context.pending_path
    if path is None and context.correcting:
        targets = [p for p in context.last_paths if _compatible(p, mention)]
        if len(targets) == 1:
            return targets[0], None
        return None, vocab.CONFIRM_QUESTIONS["correction_target"].format(number=mention.text)
    if path is None and mention.unit in vocab.UNIT_DEFAULT_FACTS and _is_bare(context.text, mention):
        # "一百二十家" alone counts enterprises; "服务器有两台" in a sentence counts something else.
        path = vocab.UNIT_DEFAULT_FACTS[mention.unit]
    return path, None


def _check_value(path: str, candidate: _Candidate, clause: Clause) -> tuple[int | None, str | None]:
    """The integer value to record, or a question when the number is not exact enough."""
    mention = candidate.mention
    label = vocab.FACT_LABELS[path]
    if not mention.exact or mention.integer is None:
        return None, vocab.CONFIRM_QUESTIONS["number_inexact"].format(label=label, number=mention.text)
    if _RULES[path].is_money and not mention.unit and not mention.has_scale:
        return None, vocab.CONFIRM_QUESTIONS["money_without_scale"].format(label=label, number=mention.text)
    if path == vocab.RESOLUTIONS and any(w in clause.text for w in vocab.CUMULATIVE_MARKERS):
        if not any(w in clause.text for w in vocab.DAILY_MARKERS):
            return None, vocab.CONFIRM_QUESTIONS["resolutions_not_daily"].format(number=mention.text)
    return mention.integer, None


def _is_bare(text: str, mention: NumberMention) -> bool:
    """The message is little more than the number ("420", "大概150个吧")."""
    rest = text[: mention.start] + text[mention.end :]
    return len(_FILLER_RE.sub("", rest)) <= 2


def _single_year(clause: Clause) -> bool:
    """去年/每年 revenue without a two-year word: one year, not the two-year total."""
    if any(word in clause.text for word in vocab.TWO_YEAR_MARKERS):
        return False
    return any(word in clause.text for word in vocab.SINGLE_YEAR_MARKERS)


def _record(
    path: str, values: list[tuple[int, _Candidate]], clauses: list[Clause], findings: Findings
) -> None:
    """Write one fact from its values; two yearly revenues add up, other disagreements are asked."""
    label = vocab.FACT_LABELS[path]
    source = "，".join(c.mention.text for _v, c in values)
    yearly = [_single_year(clauses[c.clause_index]) for _v, c in values]
    if path == vocab.REVENUE and any(yearly):
        if len(values) == 2 and all(yearly):
            total = values[0][0] + values[1][0]
            detail = "（" + "+".join(c.mention.text for _v, c in values) + "）"
            clause_indices = sorted({c.clause_index for _v, c in values})
            findings.state(path, total, "，".join(clauses[i].text for i in clause_indices), detail)
        else:
            findings.ask(vocab.CONFIRM_QUESTIONS["revenue_one_year"].format(number=source))
        return
    distinct = {value for value, _c in values}
    if len(distinct) > 1:
        findings.ask(
            vocab.CONFIRM_QUESTIONS["number_conflict"].format(
                label=label, numbers="、".join(c.mention.text for _v, c in values)
            )
        )
        return
    value, candidate = values[-1]
    findings.state(path, value, clauses[candidate.clause_index].text)


def read_quantities(clauses: list[Clause], context: QuantityContext, findings: Findings) -> None:
    """Every counted or money fact the message states, with questions for unsure numbers."""
    text = context.text
    candidates = _candidates(text, clauses)
    chosen: list[tuple[_Candidate, str]] = []
    values: dict[str, list[tuple[int, _Candidate]]] = {}
    for candidate in candidates:
        clause = clauses[candidate.clause_index]
        mention = candidate.mention
        if clause.is_hypothetical or clause.quotes_policy or _blocked(candidate):
            continue
        if clause.is_interrogative and not mention.exact:
            continue  # 不少于两项…吗: a threshold quoted in a question
        if context.correcting and _CORRECTED_AWAY_RE.search(candidate.prefix):
            continue  # 不是420万，是380万: the old value is not restated
        path, question = _choose_fact(candidate, chosen, clauses, context)
        if question:
            findings.ask(question)
            continue
        if path is None:
            if _is_bare(text, mention) and not (mention.chinese_only and mention.value == 1):
                findings.ask(vocab.CONFIRM_QUESTIONS["number_unknown"].format(number=mention.text))
            continue
        chosen.append((candidate, path))
        value, question = _check_value(path, candidate, clause)
        if question:
            findings.ask(question)
            continue
        assert value is not None
        values.setdefault(path, []).append((value, candidate))
    for path, path_values in values.items():
        _record(path, path_values, clauses, findings)
