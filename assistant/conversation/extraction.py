"""Extract a facts delta from one chat message, deterministically, asking back when unsure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.conversation import vocabulary as vocab
from assistant.conversation.findings import Finding, Findings
from assistant.conversation.places import read_place, warm_up_places
from assistant.conversation.quantities import QuantityContext, read_quantities
from assistant.conversation.statements import read_legal_form, read_recognitions, read_yes_no_facts
from assistant.language.normalise import normalise_message as normalise
from assistant.language.segments import Segment as Clause
from assistant.language.segments import split_segments as split_clauses

_CORRECTION_RE = re.compile(vocab.CORRECTION_PATTERN)
_WEAK_CORRECTION_RE = re.compile(vocab.WEAK_CORRECTION_PATTERN)
_YES_RE = re.compile(vocab.YES_PATTERN)
_NO_RE = re.compile(vocab.NO_PATTERN)
_PLAIN_YES_RE = re.compile(vocab.PLAIN_YES_PATTERN)


@dataclass(frozen=True)
class ExtractionContext:
    """What the conversation knows beyond the message: the last turn's facts and the open question."""

    last_fact_paths: list[str] = field(default_factory=list)
    pending_question_fact: str | None = None


@dataclass(frozen=True)
class UnderstoodFact:
    """One fact taken from the message, as it is shown back to the user."""

    path: str
    value: Any
    display: str
    source_text: str


@dataclass
class Extraction:
    """The facts a message states, what was understood, what must be confirmed, what was corrected."""

    delta: dict[str, Any]
    understood: list[UnderstoodFact]
    to_confirm: list[str]
    corrections: list[str]


def _format_count(value: int) -> str:
    """120, 8000, 60万, 1.2亿 — the way people write these counts."""
    if value >= 100_000_000 and value % 1_000_000 == 0:
        return f"{value / 100_000_000:g}亿"
    if value >= 10_000 and value % 100 == 0:
        return f"{value / 10_000:g}万"
    return str(value)


def _display_value(path: str, value: Any) -> str:
    """A fact value in Chinese."""
    if path == vocab.LEGAL_FORM:
        return vocab.LEGAL_FORM_LABELS.get(value, str(value))
    if path == vocab.PILOT_DEMO:
        parts = []
        for entry in value:
            part = vocab.PILOT_PROGRAM_LABELS[entry["program"]]
            if "first_time" in entry:
                part += "（首次）" if entry["first_time"] else "（非首次）"
            parts.append(part)
        return "、".join(parts)
    if isinstance(value, bool):
        return "是" if value else "否"
    if path == vocab.REVENUE:
        return _format_count(value) + "元"
    return _format_count(value) + vocab.COUNT_DISPLAY_UNITS.get(path, "")


def _understood(finding: Finding) -> UnderstoodFact:
    """The user-facing form of a finding."""
    display = (
        f"{vocab.FACT_LABELS[finding.path]}：{_display_value(finding.path, finding.value)}{finding.detail}"
    )
    return UnderstoodFact(finding.path, finding.value, display, finding.source_text)


def _nested(facts: dict[str, Finding]) -> dict[str, Any]:
    """Dotted paths to the nested facts schema."""
    delta: dict[str, Any] = {}
    for path, finding in facts.items():
        *parents, leaf = path.split(".")
        node = delta
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = finding.value
    return delta


def _answer_pending(clauses: list[Clause], pending: str, findings: Findings) -> None:
    """A bare 是的/没有 answers the yes/no question just asked."""
    if pending in findings.facts or pending not in vocab.BOOLEAN_FACTS or not clauses:
        return
    answer = clauses[0].text.strip()
    source = answer.strip("，,。；;！!？? ")
    if _NO_RE.match(answer):
        findings.state(pending, False, source)
    elif _PLAIN_YES_RE.match(answer) and pending in vocab.NEGATIVELY_PHRASED_FACTS:
        # "是的" to a fact that means something went wrong: make sure it is not a misread question.
        key = "accident_yes" if pending == vocab.MAJOR_ACCIDENT else "dishonesty_yes"
        findings.ask(vocab.CONFIRM_QUESTIONS[key])
    elif _YES_RE.match(answer):
        findings.state(pending, True, source)
    elif pending == vocab.PILOT_DEMO:
        findings.ask(vocab.CONFIRM_QUESTIONS["pilot_program_unsure"])


def warm_up() -> None:
    """Load the lazily built tables (script converter, jieba with place names) now, e.g. at start-up."""
    normalise("預熱")
    warm_up_places()


def extract_facts(message: str, context: ExtractionContext | None = None) -> Extraction:
    """The facts delta a message states; unsure readings go to `to_confirm` instead of the delta."""
    context = context or ExtractionContext()
    pending = context.pending_question_fact
    text = normalise(message)
    clauses = split_clauses(text)
    strong_correction = _CORRECTION_RE.search(text) is not None
    correcting = strong_correction or _WEAK_CORRECTION_RE.search(text) is not None
    findings = Findings()

    place = read_place(clauses, place_is_asked=pending == vocab.REGISTERED_IN_WUHAN)
    if place is not None and place.unsure:
        findings.ask(vocab.CONFIRM_QUESTIONS["place_unsure"])
    elif place is not None and place.registered_in_wuhan is not None:
        findings.state(vocab.REGISTERED_IN_WUHAN, place.registered_in_wuhan, place.source_text)
    read_legal_form(clauses, findings, legal_form_is_asked=pending == vocab.LEGAL_FORM)
    read_yes_no_facts(clauses, text, findings)
    read_recognitions(clauses, text, findings)
    quantity_context = QuantityContext(text, pending, correcting, tuple(context.last_fact_paths))
    read_quantities(clauses, quantity_context, findings)
    if pending and not strong_correction:
        _answer_pending(clauses, pending, findings)

    corrections = [
        path
        for path in findings.facts
        if strong_correction or (correcting and path in context.last_fact_paths)
    ]
    return Extraction(
        delta=_nested(findings.facts),
        understood=[_understood(finding) for finding in findings.facts.values()],
        to_confirm=list(findings.questions),
        corrections=corrections,
    )
