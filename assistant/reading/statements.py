"""Facts stated in words: legal form, yes/no facts with negation, and recognitions with 首次."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.language import markers
from assistant.language.segments import SEGMENT_EDGES
from assistant.language.segments import Segment as Clause
from assistant.package.fact_words import LegalForm
from assistant.reading.findings import Findings
from assistant.reading.reader import CueFact, FactReader

_DENIAL_BEFORE_RE = re.compile(markers.DENIAL_BEFORE_PATTERN)
_DENIED_RIGHT_BEFORE_RE = re.compile(markers.DENIED_RIGHT_BEFORE_PATTERN)
_UNRELATED_AFTER_RE = re.compile(markers.UNRELATED_AFTER_PATTERN)
_POSTPOSED_DENIAL_RE = re.compile(markers.POSTPOSED_DENIAL_PATTERN)
_FIELD_YES_AFTER_RE = re.compile(markers.FIELD_YES_AFTER_PATTERN)
_POSSESSION_RE = re.compile(markers.POSSESSION_PATTERN)
_BARE_NEGATION_RE = re.compile(markers.BARE_NEGATION_END_PATTERN)
_QUANTIFIED_NEGATION_RE = re.compile(markers.QUANTIFIED_NEGATION_PATTERN)
_DOUBLE_NEGATION_RE = re.compile(markers.DOUBLE_NEGATION_PATTERN)
_LIST_SEPARATORS_RE = re.compile(r"[、，,。；;和及与或\s]")
_NEGATION_RE = re.compile(markers.NEGATION_PATTERN)
_OWN_SUBJECT_RE = re.compile(rf"^({markers.CONTRAST_CONJUNCTIONS})?({markers.OWN_SUBJECT_PATTERN})?$")
_OWN_SUBJECT_START_RE = re.compile(rf"^(?:{markers.CONTRAST_CONJUNCTIONS})?(?:{markers.OWN_SUBJECT_PATTERN})")
_WORKPLACE_BEFORE_RE = re.compile(markers.WORKPLACE_BEFORE_PATTERN)
_CREDENTIAL_AFTER_RE = re.compile(markers.CREDENTIAL_AFTER_PATTERN)
_APPLYING_RE = re.compile(markers.APPLYING_PATTERN)
_ASIDE_RE = re.compile(markers.ASIDE_PATTERN)
_CORRECTION_RE = re.compile(markers.CORRECTION_PATTERN)
_FORM_CHANGED_RE = re.compile(markers.FORM_CHANGED_PATTERN)
_LIST_JOINER_RE = re.compile(markers.ALTERNATIVES_JOINER_PATTERN)
_EITHER_OR_RE = re.compile(markers.EITHER_OR_PATTERN)
_OBJECT_BEFORE_RE = re.compile(markers.OBJECT_BEFORE_PATTERN)
_BUSINESS_BEFORE_RE = re.compile(markers.BUSINESS_BEFORE_PATTERN)
_DOUBT_RE = re.compile(markers.DOUBT_PATTERN)
_DETAIL_DOUBT_RE = re.compile(markers.DETAIL_DOUBT_PATTERN)
_DENIED_REPLY_RE = re.compile(markers.DENIED_REPLY_PATTERN)
_NOT_OURS_OR_PARTIAL_RE = re.compile(markers.NOT_OURS_OR_PARTIAL_PATTERN)
_EXCEPTION_RE = re.compile(markers.EXCEPTION_PATTERN)
_SET_APART_RE = re.compile(markers.SET_APART_PATTERN)
_NOT_SEEN_RE = re.compile(markers.NOT_SEEN_PATTERN)
_ANAPHORIC_EXCEPTION_RE = re.compile(markers.ANAPHORIC_EXCEPTION_PATTERN)
_REST_RE = re.compile(markers.REST_PATTERN)
_BEFORE_NOW_RE = re.compile(markers.BEFORE_NOW_PATTERN)
_LACKING_RE = re.compile(markers.LACKING_PATTERN)
_BLANK_RE = re.compile(markers.BLANK_PATTERN)
_DENIED_AFTER_RE = re.compile(markers.DENIED_AFTER_PATTERN)
_CONCESSION_RE = re.compile(rf"(?:只是|而是|{markers.CONTRAST_CONJUNCTIONS})")


def states_something(clause: Clause, *, plans_count: bool = False) -> bool:
    """The clause asserts something about the enterprise (not 如果…, not a question about the rules); with
    plans_count, a plan does too ("准备和两家企业组成联合体" is how the applicant applies)."""
    return not (
        clause.is_hypothetical
        or clause.quotes_policy
        or clause.is_interrogative
        or (clause.is_planned and not plans_count)
        or clause.is_about_others
        or clause.is_unsure
    )


def _form_words_in(text: str, forms: list[LegalForm]) -> list[tuple[int, str, int]]:
    """(form index, word, position) of every form word in the text, except words inside a longer one
    found there (公司 inside 分公司, 法人 inside 非独立法人)."""
    found = [
        (index, word, position)
        for index, form in enumerate(forms)
        for word in form.words
        if (position := text.find(word)) >= 0
    ]
    return [
        (index, word, position)
        for index, word, position in found
        if not any(
            other_start <= position and position + len(word) <= other_start + len(other)
            and len(other) > len(word)
            for _i, other, other_start in found
        )
    ]


# A gloss in brackets after the word ("独立法人公司（本单位）", "独立法人(有限责任公司)"): it adds, it does not go on.
_BRACKETED_ASIDE_RE = re.compile(r"[（(][^（）()]{1,16}[）)]")


def _names_speaker(text: str, start: int, end: int, fillers: re.Pattern[str] | None) -> bool:
    """Without a verb, the word names the speaker when it ends its segment ("武汉注册的独立法人单位",
    "汉阳的一家分公司") or begins it ("公司注册在长沙"); not when possessed ("我们有3家子公司")."""
    before = text[:start].strip(SEGMENT_EDGES)
    if _OWN_SUBJECT_RE.match(before) or _WORKPLACE_BEFORE_RE.match(before):
        return True
    if _POSSESSION_RE.search(before):
        return False
    rest = _BRACKETED_ASIDE_RE.sub("", text[end:]).strip(SEGMENT_EDGES)
    return not rest or (fillers is not None and fillers.fullmatch(rest) is not None)


def read_legal_form(clauses: list[Clause], reader: FactReader, findings: Findings, asked: bool) -> None:
    """独立法人, 分公司, 联合体, 个体户, 公司 (still two forms) …; 不是独立法人 alone is asked back."""
    words = reader.legal_form
    if words is None:
        return
    verbs = reader.pattern(words.verbs)
    fillers = reader.pattern(words.head_fillers) if words.head_fillers else None
    stated: dict[int, str] = {}
    stated_at: dict[int, tuple[int, int]] = {}  # form → (segment, position) where it was first stated
    denied: set[str] = set()
    listed: list[int] = []  # the forms the segment before named
    denied_words = 0  # form words denied one by one ("不是联合体，也不是合伙的": two)
    corrected_at: tuple[int, int] | None = None  # the last "不对"/"说岔了"/"更正" of the message
    for number, clause in enumerate(clauses):
        corrections = [match.start() for pattern in (_CORRECTION_RE, _FORM_CHANGED_RE) for match in pattern.finditer(clause.text)]
        if corrections:
            corrected_at = (number, max(corrections))
        if not states_something(clause, plans_count=True):
            continue  # 准备和两家企业组成联合体: a planned consortium is how the applicant applies
        if clause.is_past_state:
            continue  # 以前是个体户: no longer the form
        found = _form_words_in(clause.text, words.forms)
        if not found and listed and _denies_what_came_before(clause) and not reader.names_a_fact(clause.text):
            # "分公司、个体户、合伙企业，上面这几种我们一样都不是": the list is denied, not stated;
            # "独立法人，应用场景还没有" denies the scenarios, not the form.
            for index in listed:
                stated.pop(index, None)
                denied.update(_ruled_out(words.forms[index]))
            listed = []
            continue
        # Only a bare list of forms can be denied by the next segment ("分公司、个体户，这几种都不是").
        listed = [index for index, _word, _position in found] if _only_listed(clause.text, found) else []
        bare_term = len(clause.text.strip(SEGMENT_EDGES)) <= 6  # "独立法人，" as a list item
        verb = asked or bare_term or verbs.search(clause.text) is not None or _FORM_CHANGED_RE.search(clause.text) is not None
        for index, word, position in found:
            if _OBJECT_BEFORE_RE.search(clause.text[:position]):
                continue  # "请外包公司干", "包给了一家合作公司": another company, not the speaker
            after = position + len(word)
            if (_denied_before(clause.text, position, found) or _UNRELATED_AFTER_RE.search(clause.text, after)
                    or _POSTPOSED_DENIAL_RE.match(clause.text, after)):
                if len(words.forms[index].values) > 1 and _BUSINESS_BEFORE_RE.search(clause.text[:position]):
                    continue  # "我们不是平台公司": what the company does is denied, not that it is a company
                denied.update(_ruled_out(words.forms[index]))
                denied_words += 1
                continue
            held = (  # 有法人证书, 有独立法人资格: a credential held; 独立法人：有, a field ticked
                _CREDENTIAL_AFTER_RE.match(clause.text, after) is not None
                or _FIELD_YES_AFTER_RE.match(clause.text, after) is not None
                or _CREDENTIAL_AFTER_RE.search(word[-3:]) is not None
            )
            if verb or held or _names_speaker(clause.text, position, position + len(word), fillers):
                stated.setdefault(index, clause.text)
                stated_at.setdefault(index, (number, position))
    if corrected_at is not None and any(at > corrected_at for at in stated_at.values()):
        # "刚才说是个体户，不对，登记的是合伙企业": a form said before the speaker corrects it is taken back.
        for index, at in stated_at.items():
            if at < corrected_at:
                stated.pop(index, None)
    for question, reply in zip(clauses, clauses[1:], strict=False):
        # "分公司？不是。个体户？也不是。": a form asked and denied in turn.
        asked_forms = _form_words_in(question.text, words.forms)
        if question.is_interrogative and len(question.text.strip(SEGMENT_EDGES)) <= 6 and asked_forms:
            if _DENIED_REPLY_RE.match(reply.text.strip()):
                for index, _word, _position in asked_forms:
                    denied.update(_ruled_out(words.forms[index]))
    spec = reader.spec(words.fact)
    offered = _offered_either(stated_at, clauses)
    if offered:
        # "个体户或者合伙企业，我也分不太清": either form may be the one, so each of their values stays possible.
        either = {value for index in offered for value in words.forms[index].values}
        values = [value for value in spec.choice_values if value in either and value not in denied]
        if values:
            findings.state(words.fact, values[0] if len(values) == 1 else values, stated[offered[0]])
            return
    if stated:
        index = min(stated)  # table order is priority order
        values = [value for value in words.forms[index].values if value not in denied] or words.forms[index].values
        findings.state(words.fact, values[0] if len(values) == 1 else list(values), stated[index])
        return
    remaining = [value for value in spec.choice_values if value not in denied]
    if denied and (len(remaining) <= len(spec.choice_values) - 2 or denied_words >= 2):
        # 不是分公司，也不是个体户: what is left is still possible (the list narrows the next question); so after two
        # denials even when one of them names one kind of "other" only ("不是联合体，也不是合伙的").
        source = "，".join(c.text for c in clauses if _DENIAL_BEFORE_RE.search(c.text))
        findings.state(words.fact, remaining[0] if len(remaining) == 1 else remaining, source)
    elif denied:
        findings.ask(words.negated_question, about=words.fact)  # one denial leaves nearly all open


def _offered_either(stated_at: dict[int, tuple[int, int]], clauses: list[Clause]) -> list[int]:
    """The forms said as alternatives of each other (an either-or word between two of them), in the order said."""
    said = sorted(stated_at, key=lambda index: stated_at[index])
    for first, second in zip(said, said[1:], strict=False):
        (segment_a, position_a), (segment_b, position_b) = stated_at[first], stated_at[second]
        if segment_a == segment_b:
            between = clauses[segment_a].text[position_a:position_b]
        elif segment_b == segment_a + 1 and not clauses[segment_a].ends_sentence:
            between = clauses[segment_b].text[:position_b]
        else:
            continue
        if _EITHER_OR_RE.search(between):
            return said
    return []


def _denied_before(text: str, position: int, found: list[tuple[int, str, int]]) -> bool:
    """A denial just before the form word, or before a list the word ends ("不是联合体或者个体户")."""
    while not _DENIAL_BEFORE_RE.search(text[:position]):
        before = next((start for _i, word, start in found
                       if start < position and _LIST_JOINER_RE.fullmatch(text[start + len(word):position])), None)
        if before is None:
            return False
        position = before
    return True


def _ruled_out(form: LegalForm) -> list[str]:
    """The values a denial of the form's word rules out: none when the word names one kind of its value
    (不是合伙制的: other kinds of "other" remain)."""
    return [] if form.one_kind else form.values


def _cue_value(fact: CueFact, clause: Clause, text: str, negated: bool, *, asked: bool = False) -> bool | None | str:
    """True/False for the fact in this clause, None when it says nothing, "ask" when unsure. ``asked``: the
    clause replies to the question about this fact, which named it and its verb for the reply."""
    if not asked and fact.cue.search(clause.text) is None:
        return None
    if fact.unless is not None and fact.unless.search(clause.text):
        return None
    denial = fact.deny.search(text if fact.deny_in_message else clause.text) if fact.deny is not None else None
    if denial is not None:
        # 不算重大 anywhere says "no"; 上线之前 says "no" unless that very word is denied (不是之前建的);
        # 市级平台还在申报 says "no" without the verb the fact otherwise needs.
        if fact.deny_in_message:
            return False
        # …and a deny word denied after it affirms too ("一个外包也没用").
        return _denies_deny_word(fact, clause)
    if clause.is_in_progress:
        return False  # 市级平台申报了，还在评审: not had yet, whatever the verb
    if not asked and fact.needs is not None and fact.needs.search(clause.text) is None:
        return None
    if negated or (asked and _NOT_OURS_OR_PARTIAL_RE.search(_DOUBLE_NEGATION_RE.sub("", clause.text))):
        return False
    if fact.affirm is None:
        return True
    if fact.affirm.search(clause.text):
        return True
    return "ask" if fact.unsure_question else None


def read_yes_no_facts(
    clauses: list[Clause],
    text: str,
    reader: FactReader,
    findings: Findings,
    pending: str | None = None,
    known_sections: str = "",
) -> None:
    """Every cue-named yes/no fact of the package, negated where its segment is ("没A，也没B" sets both);
    a bare negation ("五年前出过事故，最近两年都没有") denies what the segment before named. The section of
    the question just asked counts as named ("具备的，有二十人的运营服务团队" answers the platform's)."""
    previous: list[CueFact] = []
    # Sections the session already has facts of count as named ("运营自己干" after a platform's figures).
    speaker = "".join(c.text for c in clauses if states_something(c)) + known_sections
    asked = next((fact for fact in reader.cue_facts if fact.path == pending), None)
    facts = [
        fact
        for fact in reader.cue_facts
        if not _other_section_only(fact, speaker, reader)
        and not _outside_asked_section(fact, asked, speaker)
    ]
    excepted = _read_exceptions(clauses, facts, findings)
    for index, clause in enumerate(clauses):
        if not states_something(clause):
            # "重大安全、质量、环保事故？近两年一起都没有": a question the speaker answers at once names
            # what a bare denial after it denies.
            previous = [fact for fact in facts if fact.cue.search(clause.text)] if clause.is_interrogative else []
            continue
        named = [fact for fact in facts if fact.cue.search(clause.text)]
        if index in excepted:
            previous = named
            continue
        if not named and _denies_what_came_before(clause):
            for fact in previous:
                if not _denies_deny_word(fact, clause):  # "…自己的人，一个外包都没有" confirms
                    findings.state(fact.path, False, clause.text)
            continue
        lacking = [fact for fact in previous if _denies_part(fact, clause)]
        if not named and lacking:
            # "采集、管理两项上线了，交换和安全保障还是空白": a part of the whole just named is missing.
            for fact in lacking:
                findings.state(fact.path, False, clause.text)
            previous = []
            continue
        if not named and _LACKING_RE.match(clause.text):
            # "设备、生产都连上了，就差成品出厂以后那截流通": the whole named before lacks a part.
            for fact in previous:
                if fact.all_parts:
                    findings.state(fact.path, False, clause.text)
            previous = []
            continue
        after = clauses[index + 1] if index + 1 < len(clauses) else None
        if after is not None and (
            not states_something(after) or any(fact.cue.search(after.text) for fact in reader.cue_facts)
        ):
            after = None  # the next segment asks something or names a fact of its own
        for fact in facts:
            value = _cue_value(fact, clause, text, _negated_around_cue(fact, clause, reader.cue_facts))
            if value is not False and fact.all_parts and (
                _lacks_part(fact, clause) or (fact.cue.search(clause.text) and _BLANK_RE.search(clause.text))
            ):
                value = False  # "就差成品出厂以后那截流通", "交换和安全保障还是空白": a part missing
            # "…平台的认定，我们迄今未获得": a denied acquiring verb in the next segment (not "还没移出").
            negated_after = (
                after is not None
                and (after.is_negated or after.is_in_progress)
                and fact.needs is not None
                and fact.needs.search(after.text) is not None
                and not (after.is_negated and _BEFORE_NOW_RE.search(after.text))  # "…以前都没评上过": earlier years
            )
            denied_after = after is not None and _undone_by(fact, after)
            if (value is None or (value is True and (negated_after or denied_after))) and after is not None \
                    and fact.cue.search(clause.text):
                # "市里那个平台的认定，我们迄今未获得": the verb, or its denial, comes in the next segment.
                joined = Clause(clause.start, clause.text + after.text)
                value = _cue_value(fact, joined, text, joined.is_negated)
            if value == "ask":
                findings.ask(fact.unsure_question, about=fact.path)
            elif isinstance(value, bool):
                held = findings.facts.get(fact.path)
                if fact.all_parts and value and held is not None and held.value is False:
                    continue  # "不具备数据交换，采集、管理倒是都有": one missing part decides a whole chain
                if not fact.all_parts and value is False and held is not None and held.value is True \
                        and told_part_stands(fact, held.source_text, clause.text):
                    continue  # "发生一起重大环保事故…安全、质量方面倒是没出事": the part told stands
                findings.state(fact.path, value, clause.text)
        previous = named
    _forget_unsure_parts(clauses, facts, findings)
    _forget_unsure_topics(clauses, facts, findings)


def told_part_stands(fact: CueFact, told_text: str, denying_text: str) -> bool:
    """A "no" naming some parts of a fact that any one part makes true leaves a part told before standing."""
    if fact.parts is None:
        return False
    told = {match.group() for match in fact.parts.finditer(told_text)}
    denied = {match.group() for match in fact.parts.finditer(denying_text)}
    return bool(denied) and bool(told - denied)


# At most this many characters in a segment that only names a topic ("环保，不确定").
_TOPIC_MAX_CHARS = 6


def _forget_unsure_parts(clauses: list[Clause], facts: list[CueFact], findings: Findings) -> None:
    """"安全事故没有。质量和环保有没有出过，我说不准": a fact made of parts is not known when the speaker is
    unsure of one part — a denial of the others says nothing (or, for a chain, a yes of the others)."""
    for index, clause in enumerate(clauses):
        if not clause.is_unsure:
            continue
        about = [clause.text]
        before = clauses[index - 1] if index else None
        if before is not None and (before.is_interrogative or (
                not before.ends_sentence and len(before.text.strip(SEGMENT_EDGES)) <= _TOPIC_MAX_CHARS)):
            about.append(before.text)  # "有没有出过重大事故，我说不准", "环保，不确定"
        for fact in facts:
            if fact.parts is None or not any(fact.cue.search(text) or fact.parts.search(text) for text in about):
                continue
            held = findings.facts.get(fact.path)
            if held is not None and held.value is fact.all_parts and held.source_text not in about:
                del findings.facts[fact.path]


def _forget_unsure_topics(clauses: list[Clause], facts: list[CueFact], findings: Findings) -> None:
    """"至于严重失信名单，说实话我不确定": a fact named and, in the same sentence, followed by the speaker's doubt
    naming nothing of its own is not known; it is asked back."""
    for clause, after in zip(clauses, clauses[1:], strict=False):
        if clause.ends_sentence or not _DOUBT_RE.search(after.text) or any(fact.cue.search(after.text) for fact in facts):
            continue
        if _DETAIL_DOUBT_RE.search(after.text):
            continue  # "顶级节点上线以后吧，具体哪个月记不清了": the month is unsure, not the fact
        for fact in facts:
            held = findings.facts.get(fact.path)
            if held is not None and held.source_text and held.source_text in clause.text and fact.cue.search(clause.text):
                del findings.facts[fact.path]
                findings.ask(fact.unsure_question, about=fact.path)


def _read_exceptions(clauses: list[Clause], facts: list[CueFact], findings: Findings) -> set[int]:
    """States the facts of an exception segment followed by its rest ("除了X，别的…"); returns the indexes
    of both segments, which the caller does not read again."""
    read: set[int] = set()
    for index in range(len(clauses) - 1):
        exception, rest = clauses[index], clauses[index + 1]
        if _ANAPHORIC_EXCEPTION_RE.search(exception.text.rstrip("，,")):
            # "除了这次，质量和环保没出过事": the rest denies only what is not the one just told — it
            # neither denies that one nor, naming no fields, says anything for certain of the others.
            read |= {index, index + 1}
            continue
        if not _EXCEPTION_RE.search(exception.text) or not states_something(rest):
            continue
        named = [fact for fact in facts if fact.cue.search(exception.text)]
        if not named:
            # "除了流通那段，别的都接上了", "除了安全保障，采集、管理、交换都有": one part of a whole is set
            # apart, so the whole is not there.
            parted = [fact for fact in facts if fact.all_parts and fact.parts is not None
                      and fact.parts.search(exception.text) and _rest_is_the_others(fact, rest)]
            for fact in parted:
                findings.state(fact.path, False, exception.text + "，" + rest.text)
            if parted:
                read.update((index, index + 1))
            continue
        if not any(_rest_is_the_others(fact, rest) for fact in named):
            continue
        value = rest.is_negated or "也" in rest.text
        for fact in named:
            findings.state(fact.path, value, exception.text + "，" + rest.text)
        read.update((index, index + 1))
    return read


def _rest_is_the_others(fact: CueFact, rest: Clause) -> bool:
    """The segment after an exception speaks of everything else: "别的…", or, for a whole, its other parts said
    all there ("采集、管理、交换都有")."""
    return _REST_RE.match(rest.text) is not None or (
        fact.all_parts and "都" in rest.text and fact.cue.search(rest.text) is not None
    )


def _denies_part(fact: CueFact, clause: Clause) -> bool:
    """The segment names a part of a whole and says it is missing or not yet there."""
    if not fact.all_parts or fact.parts is None or not fact.parts.search(clause.text):
        return False
    return clause.is_negated or clause.is_in_progress or _BLANK_RE.search(clause.text) is not None


def _lacks_part(fact: CueFact, clause: Clause) -> bool:
    """A part said missing before the cue or after it ("就差…那截流通", "数据链断在交换那一环")."""
    cue = fact.cue.search(clause.text)
    return cue is not None and _LACKING_RE.search(clause.text[: cue.start()] + "，" + clause.text[cue.end():]) is not None


def _undone_by(fact: CueFact, after: Clause) -> bool:
    """The next segment takes back a yes: it says who really does the work ("节点的研发，基本上都是外包给一家
    软件公司做的", not "…，不靠外包"), or concedes and then hands it over ("团队也不是没有，只是全靠集成商的人在干")."""
    denial = fact.deny.search(after.text) if fact.deny is not None else None
    if denial is not None and not Clause(0, after.text[: denial.start()]).is_negated:
        return True
    conceded = _CONCESSION_RE.match(after.text)
    return conceded is not None and _NOT_OURS_OR_PARTIAL_RE.search(after.text[conceded.end():]) is not None


def _only_listed(text: str, found: list[tuple[int, str, int]]) -> bool:
    """The segment is nothing but the words found, with list separators ("分公司、个体户、合伙企业，")."""
    rest = text
    for _index, word, _position in found:
        rest = rest.replace(word, "")
    return len(_LIST_SEPARATORS_RE.sub("", rest)) <= 1


def _denies_deny_word(fact: CueFact, clause: Clause) -> bool:
    """The segment denies one of the fact's own deny words ("一个外包都没有", "都不外包"): a yes, not a no."""
    denial = fact.deny.search(clause.text) if fact.deny is not None and not fact.deny_in_message else None
    if denial is None:
        return False
    before = clause.text[: denial.start()]
    return (_DENIAL_BEFORE_RE.search(before) is not None or _DENIED_RIGHT_BEFORE_RE.search(before) is not None
            or _DENIED_AFTER_RE.match(clause.text, denial.end()) is not None)


def _denies_what_came_before(clause: Clause) -> bool:
    """A segment naming no fact that denies the previous one's: "最近两年都没有", "这两样我们一样都不具备"."""
    if _BARE_NEGATION_RE.search(_ASIDE_RE.sub("", clause.text).strip(SEGMENT_EDGES)):
        return True
    return clause.is_negated and _QUANTIFIED_NEGATION_RE.search(clause.text) is not None


# A clause typed with no punctuation runs on ("在蔡甸注册的做工控安全两年…没出过重大事故"): past this length a
# negation bears on a fact only when it stands near that fact's words (没做过工控安全, 重大事故一次没出).
_RUN_ON_LENGTH = 24
_NEGATION_BEFORE_CUE = 24  # 没有一家碰上过安全、质量、环保方面的重大事故 (unless another fact's words come between)
_NEGATION_AFTER_CUE = 8


# "零" right before the fact's words negates them ("三方面零重大事故"); the negation pattern's own 零 looks ahead
# to the cue, which the window before the cue leaves out.
_ZERO_BEFORE_RE = re.compile(r"零[^，,。；;\d]{0,3}$")


def _negated_around_cue(fact: CueFact, clause: Clause, facts: Sequence[CueFact]) -> bool:
    # An aside in brackets ("重大事故（安全、质量、环保三项）零起") neither lengthens the clause nor separates
    # a fact's words from their negation, unless the fact's words are only inside it.
    text = _ASIDE_RE.sub("", clause.text)
    if not fact.cue.search(text):
        text = clause.text
    if not clause.is_negated or len(text) <= _RUN_ON_LENGTH:
        return clause.is_negated
    for match in fact.cue.finditer(text):
        start = max(0, match.start() - _NEGATION_BEFORE_CUE)
        for other in facts:
            if other is not fact:
                start = max([start] + [m.end() for m in other.cue.finditer(text, start, match.start())])
        before = text[start : match.start()]
        if Clause(0, before).is_negated or _ZERO_BEFORE_RE.search(before):
            return True  # 没做过工控安全, 零重大事故
        after = text[match.end() : match.end() + _NEGATION_AFTER_CUE]
        negation = _NEGATION_RE.search(after)
        if negation is None or not Clause(0, after).is_negated:
            continue
        # 重大事故一次没出 — unless the negation leads on to another fact's words ("收入四百万没出过重大事故").
        following = text[match.end() + negation.end() : match.end() + negation.end() + _NEGATION_AFTER_CUE]
        if not any(other is not fact and other.cue.search(following) for other in facts):
            return True
    return False


def read_reply_to_asked(clauses: list[Clause], text: str, fact: CueFact, findings: Findings) -> None:
    """A reply to the yes/no question just asked, read with that fact's own words as if the reply named it:
    "一起也没" (事故), "还在排队评呢，暂时不是" (市级平台), "节点的实施都是请外面的施工队" (团队). The first
    segment that says yes or no decides, unless it says yes and the next one says no to another part."""
    asserting = [c for c in clauses[:3] if states_something(c) and not c.describes_typing_slip]
    if not asserting:
        return
    clause = asserting[0]
    value = _cue_value(fact, clause, text, clause.is_negated, asked=True)
    if value is None and len(asserting) > 1:
        clause = asserting[1]  # "报过，没选上": the first segment only sets the scene
        value = _cue_value(fact, clause, text, clause.is_negated, asked=True)
    elif value is True and len(asserting) > 1:
        # "研发有，运营交给别人了", "采集和管理做了，交换还没打通": a yes to one part, then a no to another, is a no;
        # so is a denial of all that was listed ("采集、管理、交换，上面那些一个都还没做起来").
        later = asserting[1]
        later_value = _cue_value(fact, later, text, later.is_negated, asked=True)
        if later_value is False or (
            not fact.cue.search(later.text) and _denies_what_came_before(later) and not _denies_deny_word(fact, later)
        ):
            clause, value = later, False
    if value == "ask":
        findings.ask(fact.unsure_question, about=fact.path)
    elif isinstance(value, bool):
        findings.state(fact.path, value, clause.text)


def _outside_asked_section(fact: CueFact, asked: CueFact | None, speaker: str) -> bool:
    """A fact of another section than the question just asked, whose own section the message does not name."""
    if asked is None or asked.section_cue is None or fact.section_cue is None:
        return False
    if fact.section_cue.pattern == asked.section_cue.pattern:
        return False
    return fact.section_cue.search(speaker) is None


def _other_section_only(fact: CueFact, speaker: str, reader: FactReader) -> bool:
    """The message names another section's subject and not this fact's ("节点…运营服务能力" is the node's)."""
    if fact.section_cue is None or fact.section_cue.search(speaker):
        return False
    return any(cue.pattern != fact.section_cue.pattern and cue.search(speaker) for cue in reader.section_cues)


def _first_time(
    clause: Clause, after: str, text: str, named: int, reader: FactReader, before: str = ""
) -> bool | None:
    """首次 / 第二次 in the clause, then in the segment after it when that names no recognition of its own
    ("拿到工业互联网试点示范，之前没拿过"), then a "never before" just before it ("以前从没拿过国家级试点
    示范，今年…评上了"), else in the message when it names only one recognition."""
    words = reader.recognition
    assert words is not None
    first, not_first = reader.pattern(words.first), reader.pattern(words.not_first)
    corrections = list(_CORRECTION_RE.finditer(text))
    if corrections:  # "我们是第一次——不对，前年也进过，这次算第二次": what follows the correction stands
        earlier, later = text[: corrections[-1].start()], text[corrections[-1].end() :]
        if first.search(earlier) or not_first.search(earlier):
            if not_first.search(later):
                return False
            if first.search(later):
                return True
    denied_before = bool(before) and Clause(0, before).is_negated
    never_before = before if denied_before and first.search(before) and not not_first.search(before) else ""
    for scope in (clause.text, after, never_before, text if named == 1 else ""):
        if not_first.search(scope):
            return False
        if first.search(scope):
            return True
    if reader.pattern(words.all_first).search(text) and not not_first.search(text):
        return True
    return None


# At most this many characters in a question that only echoes a topic ("双跨？", "国家试点示范？").
_ECHO_MAX_CHARS = 8


_NONE_HELD_RE = re.compile(markers.NONE_HELD_PATTERN)
# The frame of a topic asked about in turn: "那工业互联网试点示范呢？", "还有双跨的话？".
_TOPIC_FRAME_RE = re.compile(markers.TOPIC_FRAME_PATTERN)


def _only_echoes(question: str, topics: Sequence[re.Pattern[str]]) -> bool:
    """A question that names a topic and nothing else ("双跨？", "那工业互联网试点示范呢？"); the longest
    topic words come first in ``topics`` (a programme's name before the bare 试点)."""
    text = question.strip(SEGMENT_EDGES)
    if len(text) <= _ECHO_MAX_CHARS:
        return True
    for topic in topics:
        text = topic.sub("", text)
    return len(_TOPIC_FRAME_RE.sub("", text)) <= 1


def read_recognitions(
    clauses: list[Clause], text: str, reader: FactReader, findings: Findings, asked: bool = False
) -> None:
    """An award with 首次 when said, and programmes of a records fact; when the award was just asked
    about, naming it answers without a verb ("工业互联网试点示范，第一次")."""
    words = reader.recognition
    if words is None:
        return
    award_cue = reader.pattern(reader.spec(words.awarded).words.cue)
    records_cue = reader.pattern(words.records_cue)
    verbs = reader.pattern(words.award_verbs)
    first = reader.pattern(words.first)
    lower_level = reader.pattern(words.not_national) if words.not_national else None
    records = reader.spec(words.records)
    program_field = next(f for f in records.fields if f.type == "enum")
    first_field = next((f for f in records.fields if f.type == "boolean"), None)
    programs = [(value, reader.pattern(p)) for value, p in records.words.choice_patterns.items()]
    not_yet = reader.pattern(words.not_yet) if words.not_yet else None
    # "双跨？俺们没评上": a title echoed as a question and answered at once is the topic of the answer.
    echoed = {
        id(clause)
        for clause, reply in zip(clauses, clauses[1:], strict=False)
        if clause.is_interrogative
        and _only_echoes(clause.text, (*(p for _value, p in programs), award_cue, records_cue))
        and not reply.is_interrogative
        and states_something(reply)
        # an award verb beyond a copula: "我们是做平台的" says what the speaker does, not whether it won;
        # or a bare denial ("试点示范？一个都没有")
        and (any(match.group() not in markers.COPULAS for match in verbs.finditer(reply.text))
             or _denies_what_came_before(reply))
    }
    # "集团拿了双跨，我们子公司自己没有": another's title, denied for the speaker in the next segment.
    denied_for_us = {
        id(clause)
        for clause, reply in zip(clauses, clauses[1:], strict=False)
        if clause.is_about_others and _OWN_SUBJECT_START_RE.match(reply.text.strip()) and _denies_what_came_before(reply)
    }
    stating = [c for c in clauses if states_something(c) or id(c) in echoed or id(c) in denied_for_us]
    named = [c for c in stating if award_cue.search(c.text) or records_cue.search(c.text)]
    # What the sentence goes on to say of a title, up to the next title it names: "至于国家“双跨”，那是大师级的
    # 棋，我们还没下到那一步，没评上" — the verdict may come several segments on.
    following: dict[int, str] = {}
    for index, clause in enumerate(clauses):
        rest = []
        for next_clause in clauses[index + 1 :]:
            if award_cue.search(next_clause.text) or records_cue.search(next_clause.text):
                break
            rest.append(next_clause.text)
            if next_clause.ends_sentence:
                break
        if rest:
            following[id(clause)] = "".join(rest)
    previous_text = {id(clause): before.text for before, clause in zip(clauses, clauses[1:], strict=False)}
    after_states = {
        id(clause): states_something(next_clause) for clause, next_clause in zip(clauses, clauses[1:], strict=False)
    }
    entries: list[dict[str, object]] = []
    source = denied_records = ""
    award_seen = False
    not_ours = reader.pattern(words.not_ours) if words.not_ours else None
    for clause in named:
        if lower_level is not None and _qualifies_title(lower_level, (award_cue, records_cue), clause.text):
            continue  # 省级双跨, 市级试点示范: not a national title (but "双跨和市级行业平台都不是" is)
        if not_ours is not None and not_ours.search(clause.text):
            continue  # 我们服务的几家工厂被评上过…: somebody else's title
        after = following.get(id(clause), "")
        said_after = bool(after) and after_states.get(id(clause), False) and (
            verbs.search(after) is not None or first.search(after) is not None
            or (not_yet is not None and not_yet.search(after) is not None and not first.search(after))
            or reader.pattern(words.not_first).search(after) is not None
            or _denies_what_came_before(Clause(0, after))  # "双跨、国家试点示范，这些我们一个都没有"
        )  # "融合发展试点示范，首次获评": the verb comes in the next segment
        # "头一回评上…，以前怎么报都没评上过": a first time now, denied for the years before, is still had.
        earlier_denied = first.search(clause.text) is not None and _BEFORE_NOW_RE.search(after) is not None
        in_progress_after = bool(after) and (  # 报上去了，还在等评审 / 冲双跨那次，我们落选了
            Clause(0, after).is_in_progress
            or (not_yet is not None and not_yet.search(after) is not None and not first.search(after)
                and not earlier_denied)
        )
        denied_after = (  # "双跨平台嘛，我们压根没评上过" (not "…，之前没拿过", which says first time)
            said_after
            and Clause(0, after).is_negated
            and not first.search(after)
            and not reader.pattern(words.not_first).search(after)
            and not earlier_denied
        )
        pending = (
            clause.is_in_progress
            or in_progress_after
            or denied_after
            or (not_yet is not None and not_yet.search(clause.text) is not None)
        )
        negated = pending or (clause.is_negated and not first.search(clause.text))
        # "获批了A试点示范，还有B试点示范": a listed programme shares the verb of the clause before it.
        listed = award_seen and records_cue.search(clause.text) is not None
        # "双跨首次": a title with its first time needs no verb (but 首次申报 is an application).
        first_said = first.search(clause.text) is not None and not _APPLYING_RE.search(clause.text)
        if not negated and not verbs.search(clause.text) and not (listed or asked or said_after or first_said):
            continue
        award_seen = award_seen or not negated
        before = previous_text.get(id(clause), "")
        first_time = _first_time(clause, after, text, len(named), reader, before)
        # "A、B两个都入选了，A那个是首次": a first time said after, of one programme, is that one's only.
        first_for = {value for value, p in programs if p.search(after)} if after else set()
        if award_cue.search(clause.text):
            findings.state(words.awarded, not negated, clause.text)
            if not negated and first_time is not None:
                findings.state(words.first_time, first_time, clause.text)
            if not records_cue.search(award_cue.sub("", clause.text)):
                continue  # "双跨平台和工业互联网试点示范都拿了": the programme in the same segment follows
        if negated:
            # 没获批过任何国家试点示范: an empty list says "none" — unless one programme is named or others
            # are set apart ("别的试点没有"), which leaves the rest unknown; naming every programme denies all.
            named_programs = [value for value, p in programs if p.search(clause.text)]
            every_programme = len(named_programs) == len(programs) or (
                named_programs and _listed_before(clause.text, records_cue) >= len(programs)
            )  # "融合发展、工业互联网、双创试点示范都没入选过": each item of the list is a programme
            if (clause.is_negated or denied_after) and records_cue.search(clause.text) \
                    and (not named_programs or every_programme) \
                    and not _SET_APART_RE.search(clause.text) and not _NOT_SEEN_RE.search(clause.text):
                denied_records = clause.text
            continue
        mentioned = [(match.start(), value) for value, p in programs if (match := p.search(clause.text))]
        found = [value for _start, value in sorted(mentioned)]  # in the order the user named them
        if not found:
            findings.ask(words.program_question, about=words.records)
        for value in found:
            entry: dict[str, object] = {program_field.path: value}
            applies = not first_for or value in first_for or first.search(clause.text) is not None
            if first_time is not None and first_field is not None and applies:
                entry[first_field.path] = first_time
            entries.append(entry)
            source = clause.text
    denied_all = _denies_all_titles(clauses, reader) if words.all_titles and not award_seen and not named else None
    if denied_all is not None:
        # "国家级称号一个都没有": no national title of any kind, so neither the award nor a programme
        findings.state(words.awarded, False, denied_all)
        denied_records = denied_records or denied_all
    if entries:
        findings.state(words.records, entries, source)
    elif denied_records:
        findings.state(words.records, [], denied_records)


_LIST_ITEM_SEPARATOR_RE = re.compile(r"[、/]|和|与|及|以及")


def _listed_before(text: str, cue: re.Pattern[str]) -> int:
    """How many items the list before the first ``cue`` word holds ("A、B、C试点示范": 3)."""
    found = cue.search(text)
    return len(_LIST_ITEM_SEPARATOR_RE.split(text[: found.start()])) if found else 0


def _qualifies_title(lower_level: re.Pattern[str], cues: tuple[re.Pattern[str], ...], text: str) -> bool:
    """A lower-level word (省级, 市级) that qualifies a title named after it, no list joiner between."""
    for match in lower_level.finditer(text):
        for cue in cues:
            title = cue.search(text, match.start())
            if title is not None and not _LIST_ITEM_SEPARATOR_RE.search(text[match.end() : title.start()]):
                return True
    return False


def _denies_all_titles(clauses: list[Clause], reader: FactReader) -> str | None:
    """The segment saying the speaker holds no national title at all, or None."""
    words = reader.recognition
    assert words is not None
    every_title = reader.pattern(words.all_titles)
    for index, clause in enumerate(clauses):
        after = clauses[index + 1] if index + 1 < len(clauses) else None
        if clause.is_about_others or clause.is_hypothetical or clause.is_interrogative:
            continue
        if every_title.search(clause.text) and (
            _NONE_HELD_RE.search(clause.text) or (after is not None and _denies_what_came_before(after))
        ):
            return clause.text.strip(SEGMENT_EDGES)
    return None
