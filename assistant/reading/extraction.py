"""Read the facts a chat message states, deterministically, asking back when unsure.

``read_facts(message, context, reader)`` is the one entry point; the reader carries one regulation
package's words (``FactReader.from_facts(package.facts)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.language import markers
from assistant.language.declared_units import with_declared_unit
from assistant.language.normalise import normalise_message as normalise
from assistant.language.segments import SEGMENT_EDGES
from assistant.language.segments import Segment as Clause
from assistant.language.segments import split_segments as split_clauses
from assistant.reading.facts_merge import value_at
from assistant.reading.findings import Finding, Findings
from assistant.reading.places import read_place
from assistant.reading.quantities import QuantityContext, read_quantities
from assistant.reading.reader import CueFact, FactReader
from assistant.reading.statements import (
    read_legal_form,
    read_recognitions,
    read_reply_to_asked,
    read_yes_no_facts,
    told_part_stands,
)

_CORRECTION_RE = re.compile(markers.CORRECTION_PATTERN)
_WEAK_CORRECTION_RE = re.compile(markers.WEAK_CORRECTION_PATTERN)
_YES_RE = re.compile(markers.YES_PATTERN)
_NO_RE = re.compile(markers.NO_PATTERN)
_DOUBLE_NEGATION_RE = re.compile(markers.DOUBLE_NEGATION_PATTERN)
_PLAIN_YES_RE = re.compile(markers.PLAIN_YES_PATTERN)
_DECLINE_RE = re.compile(markers.DECLINE_PATTERN)
_LEADING_FILLER_RE = re.compile(markers.LEADING_FILLER_PATTERN)
_HESITATION_RE = re.compile(markers.HESITATION_PATTERN)
_HEDGED_RE = re.compile(markers.HEDGED_PATTERN)
_NEGATION_RE = re.compile(markers.NEGATION_PATTERN)
# A reply read as the answer to the question just asked: longer messages tell more than an answer.
_SHORT_REPLY_CHARS = 30


@dataclass(frozen=True)
class ReadingContext:
    """What the conversation knows beyond the message: the last turn's facts and the open question."""

    last_fact_paths: list[str] = field(default_factory=list)
    pending_question_fact: str | None = None
    known: dict[str, Any] = field(default_factory=dict)  # the session's facts so far (nested schema)
    sources: dict[str, str] = field(default_factory=dict)  # dotted fact path -> the message that stated it


@dataclass(frozen=True)
class UnderstoodFact:
    """One fact taken from the message, as it is shown back to the user."""

    path: str
    value: Any
    display: str
    source_text: str


@dataclass
class Reading:
    """The facts a message states, what was understood, what must be confirmed, what was corrected."""

    delta: dict[str, Any]
    understood: list[UnderstoodFact]
    to_confirm: list[str]
    corrections: list[str]
    confirm_facts: dict[str, str] = field(default_factory=dict)  # question → fact it asks about


def _understood(finding: Finding, reader: FactReader) -> UnderstoodFact:
    """The user-facing form of a finding: label, value and any detail (200万元+220万元)."""
    value = reader.display(finding.path, finding.value)
    display = f"{reader.label(finding.path)}：{value}{finding.detail}"
    return UnderstoodFact(finding.path, finding.value, display, finding.source_text)


def nested(facts: dict[str, Any]) -> dict[str, Any]:
    """Dotted paths to the nested facts schema."""
    delta: dict[str, Any] = {}
    for path, value in facts.items():
        *parents, leaf = path.split(".")
        node = delta
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return delta


def _under_head_office(findings: Findings, reader: FactReader) -> bool:
    """The message states a legal form whose units belong to a head office elsewhere (a branch)."""
    words = reader.legal_form
    form = findings.facts.get(words.fact) if words is not None else None
    return words is not None and form is not None and any(
        entry.under_head_office and entry.values == [form.value] for entry in words.forms
    )


def _answer_pending(clauses: list[Clause], pending: str, reader: FactReader, findings: Findings) -> None:
    """A bare 是的/没有 answers the yes/no question just asked; it may follow a segment that only sets the
    scene ("结果出来了，没入选")."""
    if pending in findings.facts or not clauses:
        return
    spec = reader.facts.fact(pending)
    if spec is None:
        return
    if findings.facts and len(clauses) > 1 and _HESITATION_RE.match(clauses[0].text.strip()):
        return  # "嗯，那个运营这块呢，包给了外面的服务商": a hesitation before another fact, not a yes
    if spec.type == "boolean" and not findings.facts and not findings.questions:
        clauses = _after_scene(clauses, reader)
    if clauses[0].is_unsure:
        return  # "不清楚", "不确定有没有评上": the speaker does not know; 不 and 没有 are no answer
    asked = next((fact for fact in reader.cue_facts if fact.path == pending), None)
    if asked is not None and _doubted(clauses, asked):
        return  # "…到底算不算重大事故，我现在不敢下结论": the speaker doubts the very fact asked
    if _HEDGED_RE.match(clauses[0].text.strip()) and any(clause.is_unsure for clause in clauses[1:]):
        return  # "应该没有吧，我刚来半年不太清楚": a guess the speaker disowns
    answer = _LEADING_FILLER_RE.sub("", clauses[0].text.strip())  # "这个还没有评上"
    source = answer.strip(SEGMENT_EDGES)
    if any(finding.source_text == source for finding in findings.facts.values()):
        return  # "没有发生重大事故": the 没有 belongs to the fact it names, not to the question asked
    if spec.type == "count" and _NO_RE.match(answer) and len(source) <= 8:
        findings.state(pending, 0, source)  # "还没有" to "已形成几项典型应用场景？": none
        return
    if spec.type != "boolean":
        return
    recognition = reader.recognition
    if recognition is not None and pending == recognition.first_time:
        # "之前拿过一次" / "以前没评上过" answer "is this the first time?" in the rule's own words.
        first_time = _first_time_said(answer, reader)
        if first_time is not None:
            findings.state(pending, first_time, source)
            return
    awarded = recognition is not None and pending == recognition.awarded
    if awarded and Clause(0, answer).is_in_progress and not findings.facts:
        findings.state(pending, False, source)  # "报上去了还在等": applied for, not awarded (yet)
        return
    if asked is not None and asked.parts is not None and asked.cue.search(answer) and _forgotten_in(clauses, asked):
        return  # "没有重大安全或质量事故。环保，不确定": the parts named were read, and the one in doubt leaves it open
    if asked is not None and asked.deny is not None and asked.deny.search(answer) and not _NEGATION_RE.search(answer):
        findings.state(pending, False, source)  # "已经信用修复移出了": the asked fact's own word for "no"
        return
    if _DOUBLE_NEGATION_RE.match(answer):
        findings.state(pending, True, source)  # "不是没认定", "没有假手于人": two negations affirm
    elif _NO_RE.match(answer):
        findings.state(pending, False, source)
    elif _PLAIN_YES_RE.match(answer) and spec.words.confirm_yes_question:
        # "是的" to a fact that means something went wrong: make sure it is not a misread question.
        findings.ask(spec.words.confirm_yes_question, about=pending)
    elif _YES_RE.match(answer):
        findings.state(pending, True, source)
        if awarded and recognition is not None and recognition.first_time not in findings.facts:
            # "评上了，今年头一回": the award and, said after it, whether it was the first
            rest = "".join(clause.text for clause in clauses)
            first_time = _first_time_said(rest, reader)
            if first_time is not None:
                findings.state(recognition.first_time, first_time, rest)
    elif not findings.facts and not findings.questions:
        # Not a bare 是/没有: read the reply with the asked fact's own words ("一起也没", "差了交换，别的都有").
        text = "".join(clause.text for clause in clauses)
        if asked is not None and len(text) <= _SHORT_REPLY_CHARS:
            read_reply_to_asked(clauses, text, asked, findings)


def _first_time_said(text: str, reader: FactReader) -> bool | None:
    """Whether a text says a title was not the first (第二次, 以前拿过) or the first (头一回); None when neither."""
    words = reader.recognition
    if words is None:
        return None
    if reader.pattern(words.not_first).search(text):
        return False
    if reader.pattern(words.first).search(text):
        return True
    return None


def _doubted(clauses: list[Clause], fact: CueFact) -> bool:
    """A segment naming the fact is doubted, by itself or by the segment right after it."""
    return any(
        fact.cue.search(clause.text) and (clause.is_unsure or (after is not None and after.is_unsure))
        for clause, after in zip(clauses, [*clauses[1:], None], strict=True)
    )


def _forgotten_in(clauses: list[Clause], fact: CueFact) -> bool:
    """Some segment doubts a part of the fact ("环保，不确定"): the message leaves the fact open."""
    return any(clause.is_unsure for clause in clauses) and any(
        fact.parts is not None and fact.parts.search(clause.text) for clause in clauses[1:])


def _after_scene(clauses: list[Clause], reader: FactReader) -> list[Clause]:
    """The clauses from the bare 是/没有 on, when a first segment that neither answers nor states a fact only
    sets the scene ("结果出来了，没入选"); otherwise all of them."""
    stating = [c for c in clauses[:3] if not c.is_interrogative]
    if not stating or _bare_yes_or_no(stating[0]) or reader.statement_words.search(stating[0].text):
        return clauses
    rest = stating[1:]
    answer = next((clause for clause in rest if _bare_yes_or_no(clause)), None)
    return clauses[clauses.index(answer):] if answer is not None else clauses


def _bare_yes_or_no(clause: Clause) -> bool:
    answer = _LEADING_FILLER_RE.sub("", clause.text.strip())
    return bool(_NO_RE.match(answer) or _YES_RE.match(answer) or _DOUBLE_NEGATION_RE.match(answer))


def _first_time_of_known(
    clauses: list[Clause], text: str, context: ReadingContext, reader: FactReader, findings: Findings
) -> None:
    """"这已经是他们第二次入选" after a turn that named one title: the first time is that title's."""
    words = reader.recognition
    if words is not None and _known_programme_not_first(clauses, context, reader, findings):
        return
    if words is None or any(path.startswith(words.records) or path in (words.awarded, words.first_time)
                            for path in findings.facts):
        return
    stating = "".join(c.text for c in clauses if not (c.is_interrogative or c.is_hypothetical or c.is_planned))
    first_time = _first_time_said(stating, reader)
    if first_time is None:
        return
    award = value_at(context.known, words.awarded) is True
    records = value_at(context.known, words.records) or []
    if award and not records and value_at(context.known, words.first_time) is None:
        findings.state(words.first_time, first_time, text)
    elif len(records) == 1 and not award and isinstance(records[0], dict):
        first_field = next((f.path for f in reader.spec(words.records).fields if f.type == "boolean"), None)
        if first_field is not None and first_field not in records[0]:
            findings.state(words.records, [{**records[0], first_field: first_time}], text)


def _known_programme_not_first(
    clauses: list[Clause], context: ReadingContext, reader: FactReader, findings: Findings
) -> bool:
    """"融合发展那个2021年就入选过一次，这次不算首次": a programme told before, named again with not-first in its
    sentence, was not a first time; the records this message states keep theirs."""
    words = reader.recognition
    assert words is not None
    known = [entry for entry in value_at(context.known, words.records) or [] if isinstance(entry, dict)]
    spec = reader.spec(words.records)
    program_field = next((f.path for f in spec.fields if f.type == "enum"), None)
    first_field = next((f.path for f in spec.fields if f.type == "boolean"), None)
    if not known or program_field is None or first_field is None:
        return False
    not_first = reader.pattern(words.not_first)
    patterns = {program: reader.pattern(pattern) for program, pattern in spec.words.choice_patterns.items()}
    stated = findings.facts.get(words.records)
    entries = [dict(entry) for entry in stated.value] if stated is not None else []
    corrected = []
    for entry in known:
        program = entry.get(program_field)
        if program not in patterns or entry.get(first_field) is False or any(e.get(program_field) == program for e in entries):
            continue
        for index, clause in enumerate(clauses):
            named = patterns[program].search(clause.text)
            if clause.is_interrogative or named is None:
                continue
            # The rest of its sentence, up to another programme: "…入选过一次，这次不算首次。"
            sentence = clause.text
            for following in [] if clause.ends_sentence else clauses[index + 1 :]:
                if any(other.search(following.text) for other in patterns.values()):
                    break
                sentence += following.text
                if following.ends_sentence:
                    break
            if not_first.search(sentence[named.end() :]):
                corrected.append({**entry, first_field: False})
                break
    if not corrected:
        return False
    findings.state(words.records, entries + corrected, "，".join(c.text for c in clauses))
    return True


def _known_section_words(known: dict[str, Any], reader: FactReader) -> str:
    """The labels of the sections the session holds facts of, as if the message had named them."""
    return "".join(
        section.label for section in reader.facts.sections if section.cue and value_at(known, section.path)
    )



def warm_up(reader: FactReader) -> None:
    """Load the lazily built tables (script converter, jieba with place names) now, e.g. at start-up."""
    normalise("預熱")
    reader.english.render("warm up")  # the places' pinyin
    if reader.place_table is not None:
        reader.place_table.tokenizer.initialize()


def read_question_figures(question: str, reader: FactReader) -> Reading:
    """The figures and programmes a question states or supposes ("收入500万能补多少？" → revenue 500万),
    for computing an answer; the chat never stores these (``read_facts`` leaves figures in questions out)."""
    # The answering layer computes with figures and named programmes only: the statements about place,
    # legal form and yes/no facts (half of the reading's cost) are not read for it.
    text = _normalised(question, reader)
    clauses = split_clauses(text)
    correcting = _CORRECTION_RE.search(text) is not None or _WEAK_CORRECTION_RE.search(text) is not None
    findings = Findings()
    read_recognitions(clauses, text, reader, findings, asked=False)
    read_quantities(clauses, QuantityContext(text, None, correcting, (), reader, figures_in_questions=True), findings)
    findings.settle()
    return Reading(
        delta=nested({path: finding.value for path, finding in findings.facts.items()}),
        understood=[], to_confirm=list(findings.questions), corrections=[], confirm_facts={},
    )


def _amend_earlier_statement(message: str, context: ReadingContext, reader: FactReader, findings: Findings) -> None:
    """A correction of part of what an earlier message stated ("刚才说错了，2025年是两百一十万" after two yearly
    figures): the earlier message and this one are read as one, and the amended figure replaces the question."""
    asked = {path for path in findings.question_facts.values() if path not in findings.facts}
    for path in sorted(asked & context.sources.keys()):
        amended = read_facts(context.sources[path] + "\n" + message, ReadingContext(), reader)
        finding = next((f for f in amended.understood if f.path == path), None)
        if finding is not None:
            findings.state(path, finding.value, finding.source_text)


def _keep_told_parts(context: ReadingContext, reader: FactReader, findings: Findings) -> None:
    """A "no" that names some parts does not undo an earlier "yes" told of another part: "2025年出了一起重大环保
    事故" and later "安全和质量方面倒是没出过事" still has the accident."""
    for fact in reader.cue_facts:
        finding = findings.facts.get(fact.path)
        earlier = context.sources.get(fact.path)
        if fact.parts is None or fact.all_parts or finding is None or finding.value is not False or earlier is None:
            continue
        if value_at(context.known, fact.path) is not True:
            continue
        if told_part_stands(fact, earlier, finding.source_text):
            del findings.facts[fact.path]


def _normalised(message: str, reader: FactReader) -> str:
    """The message as read: normalised (written in English: rendered in the package's Chinese words first), a
    declared money unit written after its bare figures, and homophone typos of the package's terms undone."""
    text = with_declared_unit(normalise(reader.english.render(message) or message))
    return reader.corrector.correct(text) if reader.corrector is not None else text


def read_facts(message: str, context: ReadingContext | None, reader: FactReader) -> Reading:
    """The facts delta a message states; unsure readings go to ``to_confirm`` instead of the delta."""
    context = context or ReadingContext()
    pending = context.pending_question_fact
    text = _normalised(message, reader)
    clauses = split_clauses(text)
    strong_correction = _CORRECTION_RE.search(text) is not None
    correcting = strong_correction or _WEAK_CORRECTION_RE.search(text) is not None
    findings = Findings()

    asked_form = reader.legal_form is not None and pending == reader.legal_form.fact
    read_legal_form(clauses, reader, findings, asked=asked_form)
    places = reader.places
    if places is not None and reader.place_table is not None:
        place = read_place(clauses, reader.place_table, place_is_asked=pending == places.fact,
                           speaker_is_branch=_under_head_office(findings, reader))
        if place is not None and place.unsure:
            findings.ask(places.unsure_question, about=places.fact)
        elif place is not None and place.registered_in_wuhan is not None:
            findings.state(places.fact, place.registered_in_wuhan, place.source_text)
    read_yes_no_facts(clauses, text, reader, findings, pending, _known_section_words(context.known, reader))
    asked_award = reader.recognition is not None and pending in (
        reader.recognition.awarded,
        reader.recognition.records,
    )
    read_recognitions(clauses, text, reader, findings, asked=asked_award)
    read_quantities(clauses, QuantityContext(text, pending, correcting, tuple(context.last_fact_paths), reader), findings)
    if pending and not strong_correction:
        _answer_pending(clauses, pending, reader, findings)
    _first_time_of_known(clauses, text, context, reader, findings)
    if correcting:
        _amend_earlier_statement(message, context, reader, findings)
    else:
        _keep_told_parts(context, reader, findings)
    findings.settle()
    if _DECLINE_RE.search(text):
        findings.questions = []  # "具体在哪个市不方便说": what the user declines to say is not asked back

    corrections = [
        path
        for path in findings.facts
        if strong_correction or (correcting and path in context.last_fact_paths)
    ]
    return Reading(
        delta=nested({path: finding.value for path, finding in findings.facts.items()}),
        understood=[_understood(finding, reader) for finding in findings.facts.values()],
        to_confirm=list(findings.questions),
        corrections=corrections,
        confirm_facts={q: f for q, f in findings.question_facts.items() if q in findings.questions},
    )
