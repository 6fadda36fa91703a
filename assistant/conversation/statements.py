"""Facts stated in words: legal form, yes/no facts with negation, and national recognitions."""

from __future__ import annotations

import re

from assistant.conversation import vocabulary as vocab
from assistant.conversation.findings import Findings
from assistant.language.segments import Segment as Clause

_LEGAL_NEGATION_RE = re.compile(vocab.LEGAL_FORM_NEGATION)
_LEGAL_VERB_RE = re.compile(vocab.LEGAL_FORM_VERBS)
_AWARD_RE = re.compile(vocab.AWARD_WORDS)
_DUAL_RE = re.compile(vocab.DUAL_CROSS_PATTERN)
_PILOT_RE = re.compile(r"试点|示范")
_FIRST_RE = re.compile(vocab.FIRST_TIME_PATTERN)
_NOT_FIRST_RE = re.compile(vocab.NOT_FIRST_TIME_PATTERN)
_ALL_FIRST_RE = re.compile(vocab.ALL_FIRST_TIME_PATTERN)
_PROGRAMS = tuple((program, re.compile(pattern)) for program, pattern in vocab.PILOT_PROGRAM_PATTERNS)


def states_something(clause: Clause) -> bool:
    """The clause asserts something about the enterprise (not 如果…, not a question about the rules)."""
    return not (clause.is_hypothetical or clause.quotes_policy or clause.is_interrogative)


def read_legal_form(clauses: list[Clause], findings: Findings, legal_form_is_asked: bool) -> None:
    """独立法人, 分公司, 联合体, 个体户 …; 不是独立法人 alone is asked back, not guessed."""
    stated: dict[str, str] = {}
    denied_independence = False
    for clause in clauses:
        if not states_something(clause):
            continue
        bare_term = len(clause.text.strip("，,。；;！!？? ")) <= 6  # "独立法人，" as a list item
        if not (legal_form_is_asked or bare_term or _LEGAL_VERB_RE.search(clause.text)):
            continue
        for form, words in vocab.LEGAL_FORM_WORDS:
            for word in words:
                position = clause.text.find(word)
                if position < 0:
                    continue
                if _LEGAL_NEGATION_RE.search(clause.text[:position]):
                    denied_independence |= form == "independent_legal_person"
                    continue
                stated.setdefault(form, clause.text)
    for form, _words in vocab.LEGAL_FORM_WORDS:  # table order is priority order
        if form in stated:
            findings.state(vocab.LEGAL_FORM, form, stated[form])
            return
    if denied_independence:
        findings.ask(vocab.CONFIRM_QUESTIONS["legal_form_unsure"])


def _read_cue_statements(clause: Clause, findings: Findings) -> None:
    """Yes/no facts of the STATEMENT_CUES table, negated when the clause is."""
    for cue in vocab.STATEMENT_CUES:
        if not re.search(cue.cue, clause.text):
            continue
        if cue.needs and not re.search(cue.needs, clause.text):
            continue
        if cue.unless and re.search(cue.unless, clause.text):
            continue
        findings.state(cue.path, not clause.is_negated, clause.text)


def _read_top_node(clause: Clause, findings: Findings) -> None:
    """Built after the national top node (武汉) went live, or before."""
    if not re.search(vocab.TOP_NODE_CUE, clause.text):
        return
    if re.search(vocab.BEFORE_LAUNCH, clause.text):
        after = False
    elif re.search(vocab.AFTER_LAUNCH, clause.text):
        after = True
    else:
        return
    findings.state("identifier_node.built_after_top_node_launch", after != clause.is_negated, clause.text)


def _read_accident(clause: Clause, findings: Findings, not_major: bool) -> None:
    """No accident at all means no major accident; an accident of unknown severity is asked back."""
    if not re.search(vocab.ACCIDENT_CUE, clause.text):
        return
    if clause.is_negated or not_major:
        findings.state(vocab.MAJOR_ACCIDENT, False, clause.text)
    elif "重大" in clause.text:
        findings.state(vocab.MAJOR_ACCIDENT, True, clause.text)
    else:
        findings.ask(vocab.CONFIRM_QUESTIONS["accident_unsure"])


def _read_dishonesty(clause: Clause, findings: Findings) -> None:
    """失信 negated is False; listed as 失信被执行人 is True; a vague 失信 is asked back."""
    if re.search(vocab.GOOD_CREDIT, clause.text):
        findings.state(vocab.SERIOUS_DISHONESTY, False, clause.text)
        return
    if not re.search(vocab.DISHONESTY_CUE, clause.text):
        return
    if clause.is_negated:
        findings.state(vocab.SERIOUS_DISHONESTY, False, clause.text)
    elif re.search(vocab.SERIOUS_DISHONESTY_WORDS, clause.text):
        findings.state(vocab.SERIOUS_DISHONESTY, True, clause.text)
    else:
        findings.ask(vocab.CONFIRM_QUESTIONS["dishonesty_unsure"])


def read_yes_no_facts(clauses: list[Clause], text: str, findings: Findings) -> None:
    """Every yes/no fact of the schema stated in the message."""
    not_major = re.search(vocab.NOT_MAJOR, text) is not None
    for clause in clauses:
        if not states_something(clause):
            continue
        _read_cue_statements(clause, findings)
        _read_top_node(clause, findings)
        _read_accident(clause, findings, not_major)
        _read_dishonesty(clause, findings)
    if not_major and vocab.MAJOR_ACCIDENT in findings.facts:
        # 出过一次小事故，不算重大: the user has answered the severity already.
        findings.questions = [
            q for q in findings.questions if q != vocab.CONFIRM_QUESTIONS["accident_unsure"]
        ]


def _first_time(clause: Clause, text: str, recognitions_in_message: int) -> bool | None:
    """首次 / 第二次 in the clause, else in the message when it names only one recognition."""
    for scope in (clause.text, text if recognitions_in_message == 1 else ""):
        if _NOT_FIRST_RE.search(scope):
            return False
        if _FIRST_RE.search(scope):
            return True
    if _ALL_FIRST_RE.search(text) and not _NOT_FIRST_RE.search(text):
        return True
    return None


def read_recognitions(clauses: list[Clause], text: str, findings: Findings) -> None:
    """National “双跨” platform and pilot demonstrations, with 首次 when said."""
    stating = [clause for clause in clauses if states_something(clause)]
    named = [c for c in stating if _DUAL_RE.search(c.text) or _PILOT_RE.search(c.text)]
    pilots: list[dict[str, object]] = []
    pilot_source = ""
    award_seen = False
    for clause in named:
        negated = clause.is_negated and not _FIRST_RE.search(clause.text)
        # "获批了A试点示范，还有B试点示范": a listed programme shares the verb of the clause before it.
        listed = award_seen and _PILOT_RE.search(clause.text) is not None
        if not negated and not _AWARD_RE.search(clause.text) and not listed:
            continue
        award_seen = award_seen or not negated
        first_time = _first_time(clause, text, len(named))
        if _DUAL_RE.search(clause.text):
            findings.state(vocab.DUAL_CROSS_AWARDED, not negated, clause.text)
            if not negated and first_time is not None:
                findings.state(vocab.DUAL_CROSS_FIRST, first_time, clause.text)
            continue
        if negated:
            continue  # 没获批过试点示范: the list form cannot say "none", so nothing is written
        programs = [program for program, pattern in _PROGRAMS if pattern.search(clause.text)]
        if not programs:
            findings.ask(vocab.CONFIRM_QUESTIONS["pilot_program_unsure"])
        for program in programs:
            entry: dict[str, object] = {"program": program}
            if first_time is not None:
                entry["first_time"] = first_time
            pilots.append(entry)
            pilot_source = clause.text
    if pilots:
        findings.state(vocab.PILOT_DEMO, pilots, pilot_source)
