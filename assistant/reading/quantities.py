"""Map the numbers of a message to the facts they count (revenue, served enterprises, resolutions …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language import markers
from assistant.language.numerals import NumberMention, find_numbers
from assistant.language.segments import SEGMENT_EDGES
from assistant.language.segments import Segment as Clause
from assistant.package.fact_words import QuantityWords
from assistant.package.facts import FactSpec
from assistant.reading.findings import Findings
from assistant.reading.reader import FactReader, NumberFact

_SUFFIX_WINDOW = 8
_FILLER_RE = re.compile(markers.FILLER_PATTERN)
_JOINER_RE = re.compile(markers.JOINER_PATTERN)
_CORRECTED_AWAY_RE = re.compile(markers.CORRECTED_AWAY_PATTERN)
_PRESENT_RE = re.compile(markers.PRESENT_PATTERN)
_OWN_SUBJECT_RE = re.compile(markers.OWN_SUBJECT_PATTERN)
_YEAR_RE = re.compile(markers.YEAR_PATTERN)
_ASIDE_RE = re.compile(markers.ASIDE_PATTERN)
_EARLIER_RE = re.compile(markers.EARLIER_PATTERN)
_JOINT_APPLICANTS_AFTER_RE = re.compile(markers.JOINT_APPLICANTS_AFTER_PATTERN)


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
    reader: FactReader
    figures_in_questions: bool = False


def _is_candidate(mention: NumberMention, mapped_units: frozenset[str]) -> bool:
    """Numbers with a fact unit, or Arabic/scaled numbers without a unit; not 一 inside words."""
    if mention.unit == "other":
        return False
    if mention.unit:
        return mention.unit in mapped_units
    return not mention.chinese_only or mention.has_scale


def _candidates(text: str, clauses: list[Clause], reader: FactReader) -> list[_Candidate]:
    """Candidate numbers, each with the local text that says what it counts."""
    mapped = frozenset(unit for rule in reader.number_facts for unit in rule.units if unit)
    mentions = [m for m in find_numbers(text) if _is_candidate(m, mapped)]
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


def another_sum_before(prefix: str, words: QuantityWords, *, counted: bool = False) -> bool:
    """The words before a number make it something other than the enterprise's figure: a blocker (注册资本,
    补贴最高), a difference (就差一万) or, for a sum of money, the support asked about (能拿三百万 — while
    "给206家企业" counts whom the applicant serves)."""
    if any(word in prefix for word in words.blockers) or markers.DIFFERENCE_BEFORE.search(prefix):
        return True
    return not counted and markers.SUPPORT_ASKED_BEFORE.search(prefix) is not None


def another_sum_after(suffix: str, words: QuantityWords) -> bool:
    """The words after a number make it something other than the enterprise's figure: the rule's line quoted
    (300万那个门槛, 过了1亿那条线) or the support itself (拿到的200万补助)."""
    return markers.THRESHOLD_AFTER.match(suffix) is not None or any(word in suffix[:6] for word in words.suffix_blockers)


def _after_label(prefix: str) -> str:
    """The number's own words: a label before a colon says how the figure is taken ("按15%算：…收入600万",
    "税率口径：…") only when nothing but the figure follows it ("注册资本：5000万" stays blocked)."""
    *label, rest = re.split(r"[：:]", prefix)
    return rest if label and rest.strip() else prefix


_EACH_OF_THEM_RE = re.compile(r"[^，,。；;\d]{0,4}?(?:都|均|全都|全部|各自)")
_EACH_OF_THEM_MAX = 10
_DEMONSTRATIVE_BEFORE_RE = re.compile(r"[这那哪]$")
_DEMONSTRATIVE_MAX = 3
# …ending its segment, or with a verb of its own ("客户一家也没有失信" is about dishonesty, not a count)
_NONE_AT_ALL_AFTER_RE = re.compile(
    r"(?:都|也)(?:还)?(?:没有?|未)(?:有|落地|落实|上线|建成?|签约?|接入|形成|做成?|开展|用上)?(?:呢|啊|了|呀)?[\s。！!，,；;]*$"
)


def _blocked(candidate: _Candidate, reader: FactReader) -> bool:
    """注册资本5000万, 补贴最高200万, 3家子公司: the number counts something else."""
    words = reader.quantities
    if another_sum_before(_after_label(candidate.prefix), words, counted=candidate.mention.unit not in ("", "元", "other")):
        return True
    if _is_article(candidate) and candidate.suffix.startswith("是"):
        return True  # "一个是供应链追溯，一个是…": enumerating, not counting
    unit = candidate.mention.unit
    if candidate.mention.chinese_only and unit and candidate.suffix.startswith(candidate.mention.text[-len(unit):]):
        return True  # "一个个报", "一项项来": one by one, not a count
    if (unit and _EACH_OF_THEM_RE.match(candidate.suffix) and (candidate.mention.integer or 0) <= _EACH_OF_THEM_MAX
            and not _is_none_at_all(candidate)):
        return True  # "三家都在武汉注册", "三家近两年都没有…事故": a few already named, each, not a count
    if markers.COMPARED_BEFORE.search(candidate.prefix):
        return True  # "九千八百万个，没到一个亿": the rule's line it is compared with
    if (candidate.mention.chinese_only and (candidate.mention.integer or 0) <= _DEMONSTRATIVE_MAX
            and _DEMONSTRATIVE_BEFORE_RE.search(candidate.prefix)):
        return True  # "这两个一起回答你了": the two things just said, not a count ("那一百零八家" still is)
    return another_sum_after(candidate.suffix, words)  # 过了1亿那条线, 没到100万封顶: the rule's line, quoted


def _unit_fits(rule: NumberFact, mention: NumberMention) -> bool:
    """The number's unit is one the fact is counted in; money (元) never counts a count fact."""
    return mention.unit in rule.units


def _is_article(candidate: _Candidate) -> bool:
    """一家/一个 written in Chinese: usually "a", not a count of one ("只有一项" is a count)."""
    mention = candidate.mention
    return (mention.chinese_only and mention.value == 1 and markers.COUNT_BEFORE.search(candidate.prefix) is None
            and not _is_none_at_all(candidate)
            and not (_NO_NOUN_AFTER_RE.match(candidate.suffix) and _HAVING_BEFORE_RE.search(candidate.prefix)))


# "目前就落地了一个，", "场景有一个而已": no noun follows the 一个, so it counts the noun before it.
# …after a verb of having ("落地了一个", "场景有一个", "就一个"); not "各一个", "多一家", "二级节点一个" (an apposition)
_HAVING_BEFORE_RE = re.compile(r"(?<![多再又])(了|有|得|就|只|仅|才|剩|出来)$|^[\s，,。：:]*$")
_NO_NOUN_AFTER_RE = re.compile(r"\s*(吧|啊|呀|嘛|而已|罢了|了)?\s*([，,。；;！!？?…~～]|$)")


def _is_none_at_all(candidate: _Candidate) -> bool:
    """"应用场景一个都还没落地", "签约企业一家都还没有": one denied with 都/也 is none, a count of zero."""
    mention = candidate.mention
    return mention.chinese_only and mention.value == 1 and _NONE_AT_ALL_AFTER_RE.match(candidate.suffix) is not None


def _keyword_distance(rule: NumberFact, scope: str, before_number: bool) -> tuple[int, int] | None:
    """How near the rule's nearest keyword stands to the number (distance, then longer first)."""
    best: tuple[int, int] | None = None
    if rule.any_keyword.search(scope) is None:
        return None
    for keyword in rule.keywords:
        if before_number:
            position = scope.rfind(keyword)
            distance = len(scope) - position - len(keyword)
        else:
            position = distance = scope.find(keyword)
        if position >= 0 and (best is None or (distance, -len(keyword)) < best):
            best = (distance, -len(keyword))
    return best


def _by_keyword(candidate: _Candidate, reader: FactReader, text_before: str = "") -> str | None:
    """The fact whose keyword stands nearest the number: in the text before it, then the noun after it.
    "二级节点日均解析量90w": 解析 is nearer than 节点, so the figure counts resolutions."""
    article = _is_article(candidate)  # 一个二级节点: an article
    # The noun right after the number ("五个典型应用场景") outranks a keyword further before it ("节点形成了").
    # A keyword inside a bracketed aside ("服务费（只算工业企业客户）：142万") qualifies what stands before it;
    # the words outside the aside are looked at first.
    outside_asides = _ASIDE_RE.sub("", candidate.prefix)
    for scopes in (
        [(outside_asides, True), (candidate.suffix, False)],
        [(candidate.prefix, True), (candidate.suffix, False)],
        [(text_before, True)],
    ):
        best: tuple[tuple[int, int, int], str] | None = None
        for order, (scope, before_number) in enumerate(scopes):
            for rule in reader.number_facts:
                if not _unit_fits(rule, candidate.mention):
                    continue
                # "…收入600万，另外给银行做了200万": what the figure's own words say it is not, no keyword further back makes it
                if _said_not_to_be(rule.path, candidate, reader) or any(word in scope for word in rule.not_keywords):
                    continue
                nearness = _keyword_distance(rule, scope, before_number)
                if nearness is None or article:
                    continue  # "一家客户", "客户里有一家": an article counts nothing
                distance, longer = nearness
                # at equal distance the noun after the number names what it counts ("节点这边三个典型场景")
                ranked = (distance, -order, longer)
                if best is None or ranked < best[0]:
                    best = (ranked, rule.path)
        if best:
            return best[1]
    return None


def _fits_loosely(rule: NumberFact, mention: NumberMention) -> bool:
    """A unit the fact is counted in, or 万/亿 without a unit for money ("三百多万")."""
    if mention.unit:
        return mention.unit in rule.units
    return rule.is_money and mention.has_scale


def _by_section(candidate: _Candidate, clause: Clause, text: str, reader: FactReader) -> str | None:
    """With no keyword, the one fact of the section the segment (else the message) names whose unit fits:
    "平台目前服务九十几家企业" counts the platform's enterprises."""
    if _is_article(candidate):
        return None  # 一家研究院: an article, not a figure
    fitting = [rule for rule in reader.number_facts if _fits_loosely(rule, candidate.mention)]
    for scope in (clause.text, text):
        named = [rule for rule in fitting if rule.section_cue is not None and rule.section_cue.search(scope)]
        if named:
            return named[0].path if len(named) == 1 else None
    return None


def _speaker_text(clauses: list[Clause]) -> str:
    """The segments that speak of the speaker as things stand (not of others, plans or suppositions)."""
    return "".join(
        c.text for c in clauses if not (c.is_about_others or c.is_planned or c.is_hypothetical)
    )


def _names_other_section_only(path: str, text: str, reader: FactReader, candidate: _Candidate) -> bool:
    """The message names another section's subject and not this fact's: "平台服务了260家企业，营收两千万"
    (the platform company's turnover is not the security-service revenue). A keyword that belongs to the
    fact alone ("服务企业105家", "设备七千台") keeps it whatever else the message names."""
    rule = reader.number_fact_by_path.get(path)
    if rule is None or rule.section_cue is None or rule.section_cue.search(text):
        return False
    near = candidate.prefix + candidate.suffix
    if any(word in near for word in reader.spec(path).words.strong_keywords):
        return False
    return any(
        other.section_cue is not None and other.section_cue.pattern != rule.section_cue.pattern
        and other.section_cue.search(text)
        for other in reader.number_facts
    )


def _continues_list(prefix: str, reader: FactReader) -> bool:
    """Between two listed figures only a joiner and a period: "210万、去年190万", "200万和220万"."""
    for word in reader.quantities.single_year:
        prefix = prefix.replace(word, "")
    return _JOINER_RE.fullmatch(_YEAR_RE.sub("", prefix)) is not None


def _written_as_money(mention: NumberMention) -> bool:
    """A figure in 元, or with 万/亿 and no unit ("三百多万"); not 两块能力."""
    return mention.unit in ("元", "") and (mention.has_scale or (mention.unit == "元" and not mention.chinese_only))


_CENTS_RE = re.compile(r"\d[.．]\d\d$")
# Digits grouped in thousands with cents ("1,630,000.00"): how books and invoices write yuan; a figure in 万元
# is never written to the cent with thousands groups, so it needs no unit asked back.
_BOOKKEEPING_YUAN_RE = re.compile(r"^\d{1,3}(?:[,，]\d{3})+[.．]\d\d$")


def _money_given_to_count(path: str, candidate: _Candidate, reader: FactReader) -> bool:
    """A bare figure chosen for a count fact is money: written with cents, or said right after a money word."""
    rule = reader.number_fact_by_path.get(path)
    mention = candidate.mention
    if rule is None or rule.is_money or mention.unit:
        return False
    if _CENTS_RE.search(mention.text):
        return True
    near = candidate.prefix[-6:]
    return any(word in near for word in reader.quantities.money_before)


def _names_money(text: str, reader: FactReader) -> bool:
    """The text names an amount of money, the package's money fact or money that is not it (营收, 平台年收入)."""
    return any(word in text for rule in reader.number_facts if rule.is_money for word in (*rule.keywords, *rule.not_keywords))


def _compatible(path: str, mention: NumberMention, reader: FactReader) -> bool:
    """The number could be a value of this fact (unit and kind agree)."""
    rule = reader.number_fact_by_path.get(path)
    return rule is not None and _unit_fits(rule, mention)


def _said_not_to_be(path: str, candidate: _Candidate, reader: FactReader) -> bool:
    """The figure's own words say it is not this fact ("…收入600万，另外给银行做了200万")."""
    return any(word in candidate.prefix for word in reader.number_fact_by_path[path].not_keywords)


def _choose_fact(
    candidate: _Candidate,
    previous: list[tuple[_Candidate, str]],
    clauses: list[Clause],
    context: QuantityContext,
) -> tuple[str | None, str | None]:
    """The fact a number states, or a question to ask instead (fact path, question)."""
    mention = candidate.mention
    reader = context.reader
    pending = context.pending_path
    if _JOINT_APPLICANTS_AFTER_RE.match(context.text, mention.end):
        return None, None  # "三家作为一个主体一起报": the parties applying together
    if pending in reader.number_fact_by_path and mention.unit and _is_bare(context.text, mention):
        assert pending is not None
        if not _compatible(pending, mention, reader):
            # "六十五万元" to the served-enterprises question: the answer's unit is not the question's.
            label = reader.spec(pending).label
            return None, reader.quantities.wrong_unit.format(label=label, number=mention.text)
    path = _by_keyword(candidate, reader)
    speaker = _speaker_text(clauses)
    if path is not None and path != pending and _names_other_section_only(path, speaker, reader, candidate):
        return None, None
    earlier = previous[-1] if previous else None
    joined = earlier is not None and earlier[0].clause_index == candidate.clause_index
    joined = joined and _continues_list(candidate.prefix, reader)
    next_clause = earlier is not None and earlier[0].clause_index == candidate.clause_index - 1
    if path is None and earlier and (joined or next_clause) and not _is_article(candidate) \
            and not _said_not_to_be(earlier[1], candidate, reader):
        # 去年收入200万，前年220万 / 分别是200万和220万: a parallel list keeps counting the same thing — not when
        # the figure names money after a count ("设备5000台套，平台年收入1.2亿": a turnover, not devices).
        switches_to_money = (
            _written_as_money(mention) and _names_money(candidate.prefix, reader) and not reader.number_fact_by_path[earlier[1]].is_money
        )
        path = earlier[1] if _compatible(earlier[1], mention, context.reader) and not switches_to_money else None
    elif path is None and candidate.clause_index > 0 and not next_clause and not _is_article(candidate):
        # 安全服务收入的话，两年大概420万: the keyword sits in the clause before (unless that clause
        # speaks of somebody else or of a plan).
        before = clauses[candidate.clause_index - 1]
        # "隔壁平台服务企业两百多家，我们才六十家": another's segment still names what is compared.
        current = clauses[candidate.clause_index]
        same_sentence = before.text.rstrip().endswith(("，", ","))
        contrasted = same_sentence and (
            (before.is_about_others and current.names_speaker)
            # "第四条说超过100家，我们正好一百家": ours set against the rule's line
            or (before.quotes_policy and current.names_speaker)
            # "年底目标服务企业150家，目前112家": the present compared with a target.
            or (before.is_planned and _PRESENT_RE.search(current.text) is not None)
        )
        if contrasted or not (before.is_about_others or before.is_planned or before.is_hypothetical):
            path = _by_keyword(candidate, context.reader, before.text)
        if contrasted and path is None:
            theirs = _their_figures(candidate, clauses, context)
            if any(_blocked(c, reader) for c in theirs):
                return None, None  # "隔壁拿了两百万补贴，我们一百万": a subsidy like theirs, not revenue
            if theirs and mention.unit:  # "行业里平均八十家，我们一百零四家": counted as theirs is
                path = reader.bare_unit_facts.get(mention.unit)
    pending_fits = context.pending_path is not None and _compatible(context.pending_path, mention, reader)
    if path is None and pending_fits and (not _is_article(candidate) or _is_bare(context.text, mention)):
        path = context.pending_path
    if path is None and context.correcting and not _is_article(candidate):  # "更正，我们一家单独报": "a"
        targets = [p for p in context.last_paths if _compatible(p, mention, context.reader)]
        if not targets and earlier is not None and _compatible(earlier[1], mention, reader):
            targets = [earlier[1]]  # "服务企业是120家，哦不对，是102家": the figure just said is corrected
        if len(targets) == 1:
            return targets[0], None
        if not any(_compatible(rule.path, mention, reader) for rule in reader.number_facts):
            return None, None  # "有过一条，早就撤销了", "三块都没出事": no figure of ours counts in it
        return None, context.reader.quantities.correction_target.format(number=mention.text)
    bare_units = context.reader.bare_unit_facts
    if path is None and mention.unit in bare_units and _is_bare(context.text, mention):
        # "一百二十家" alone counts enterprises; "服务器有两台" in a sentence counts something else.
        path = bare_units[mention.unit]
    if path is None:
        path = _by_section(candidate, clauses[candidate.clause_index], speaker, reader)
        path = None if path is not None and _said_not_to_be(path, candidate, reader) else path
    if path is None:
        path = _by_own_unit(candidate, clauses[candidate.clause_index], reader)
    if path is not None and _answers_another_section(path, candidate, clauses, context):
        # "三十八家工厂客户" to the security-revenue question: a count the platform section would take, in a reply
        # that names no platform — the caller may have misheard the question, so it is asked back.
        assert pending is not None
        return None, reader.quantities.wrong_unit.format(label=reader.spec(pending).label, number=mention.text)
    if path is None and _only_figure_against_pending(candidate, clauses, context):
        # "场景那块投了一百六十万" to the scenarios question: the one figure of the reply is in a unit the question
        # does not count in, and no word says what else it counts — asked back, not dropped.
        assert pending is not None
        return None, reader.quantities.wrong_unit.format(label=reader.spec(pending).label, number=mention.text)
    return path, None


def _answers_another_section(path: str, candidate: _Candidate, clauses: list[Clause], context: QuantityContext) -> bool:
    """The one figure of a reply to another section's figure question, bound without that section being named
    or a keyword of the fact's own."""
    reader = context.reader
    pending = reader.number_fact_by_path.get(context.pending_path or "")
    rule = reader.number_fact_by_path.get(path)
    if pending is None or rule is None or pending.path == path or rule.section_cue is None:
        return False
    if pending.section_cue is not None and pending.section_cue.pattern == rule.section_cue.pattern:
        return False
    if rule.section_cue.search(context.text) or len(_candidates(context.text, clauses, reader)) != 1:
        return False
    near = candidate.prefix + candidate.suffix
    return not any(word in near for word in reader.spec(path).words.strong_keywords)


def _only_figure_against_pending(candidate: _Candidate, clauses: list[Clause], context: QuantityContext) -> bool:
    pending = context.pending_path
    reader = context.reader
    mention = candidate.mention
    if pending not in reader.number_fact_by_path or _is_article(candidate):
        return False
    assert pending is not None
    if _compatible(pending, mention, reader) or len(_candidates(context.text, clauses, reader)) != 1:
        return False
    # money where a count was asked, or another counter ("这个我记得是八千五百台左右" for the served enterprises):
    # asked back, whatever noun stands beside it — the caller may have answered another question
    is_money = mention.unit == "元" or (mention.unit == "" and mention.has_scale and _written_as_money(mention))
    other_counter = mention.unit not in ("", "other")
    return other_counter or (is_money and not reader.number_fact_by_path[pending].is_money)


def _their_figures(candidate: _Candidate, clauses: list[Clause], context: QuantityContext) -> list[_Candidate]:
    """The figures of the segment before ours written like ours (same unit; money as money): what ours is
    set against, so ours counts what they count."""
    return [
        c for c in _candidates(context.text, clauses, context.reader)
        if c.clause_index == candidate.clause_index - 1
        and c.mention.unit == candidate.mention.unit
        and (c.mention.unit != "" or c.mention.has_scale == candidate.mention.has_scale)
    ]


def _by_own_unit(candidate: _Candidate, clause: Clause, reader: FactReader) -> str | None:
    """The one fact a figure's unit can belong to: a unit only it is counted in ("五千八百台套"), or money
    when the package counts one money fact and the speaker states it as theirs ("我们两年合计有342万")."""
    mention = candidate.mention
    if _is_article(candidate):
        return None
    if len(mention.unit) >= 2:
        owners = [rule.path for rule in reader.number_facts if mention.unit in rule.units]
        if len(owners) == 1:
            return owners[0]
    money = [rule for rule in reader.number_facts if rule.is_money]
    money_like = _written_as_money(mention)
    own = clause.names_speaker or any(word in clause.text for word in reader.quantities.two_years)
    if len(money) == 1 and money_like and own and not any(w in candidate.prefix for w in money[0].not_keywords):
        return money[0].path
    return None


def _check_value(
    path: str, candidate: _Candidate, clause: Clause, reader: FactReader, lead_in: str = ""
) -> tuple[int | None, str | None]:
    """The integer value to record, or a question when the number is not exact enough; ``lead_in``: the
    segment before a bare figure that says what it counts ("我手上只有一整年加总的，两亿三千万次")."""
    mention = candidate.mention
    spec = reader.spec(path)
    words = reader.quantities
    if _is_none_at_all(candidate):
        return 0, None
    if not mention.exact or mention.integer is None or clause.is_unsure:
        # "可能六千也可能七千", "不确定是不是一百二十家": a guess is asked back, not recorded
        return None, words.number_inexact.format(label=spec.label, number=mention.text)
    maximum = spec.words.bare_maximum
    if (
        maximum is not None
        and mention.integer > maximum
        and not mention.unit
        # bare ("420万"), or written with 万/亿 and no counted unit ("场景上前后砸了一百五十万"): money, not a count
        and (mention.has_scale or _is_bare(clause.text, mention, clause.start))
    ):
        return None, words.wrong_unit.format(label=spec.label, number=mention.text)
    if spec.type == "money" and not mention.unit and not mention.has_scale and not _BOOKKEEPING_YUAN_RE.match(mention.text):
        return None, words.money_without_scale.format(label=spec.label, number=mention.text)
    if any(word in clause.text or word in lead_in for word in words.peak):
        # 峰值9000台: a peak is not how the enterprise stands, whatever the fact counts
        return None, words.peak_figure.format(label=spec.label, number=mention.text)
    if _other_period(spec.words.period, lead_in + _scope_of(clause, mention), words):
        return None, spec.words.period_question.format(number=mention.text)
    return mention.integer, None


_MONTH_RANGE_RE = re.compile(markers.MONTH_RANGE_PATTERN)
_DISOWNED_AFTER_RE = re.compile(markers.DISOWNED_AFTER_PATTERN)
_ONE_YEAR_RE = re.compile(markers.ONE_YEAR_PATTERN)
_RELATIVE_YEAR_RE = re.compile("|".join(markers.RELATIVE_YEARS))
_PART_OF_RE = re.compile(markers.PART_OF_PATTERN)
_REST_RE = re.compile(markers.REST_OF_TOTAL_PATTERN)
_ITEM_END_RE = re.compile(r"[，,。；;、]")
_ITEM_SEPARATOR_RE = re.compile(r"[、，,；;]")
# Any numeral of two characters or more, with or without a counter ("三千万上下"): a lead-in segment holding
# one has a figure of its own. _HAS_FIGURE_RE below wants a counter after a Chinese numeral (list items).
_ANY_NUMERAL_RE = re.compile(r"\d|[零〇一二两三四五六七八九十百千万亿]{2,}")
_HAS_FIGURE_RE = re.compile(r"\d|[零〇一二两三四五六七八九十百千]+[万亿]?[个家台套项次条]")


def _scope_of(clause: Clause, mention: NumberMention) -> str:
    """What a figure's period words are read in: its own list item and the items holding no other figure
    ("去年新增企业节点160个、新增注册量1.5亿、日均解析85万": 日均 is the third figure's, not the first's)."""
    start = mention.start - clause.start
    scope, left = [], 0
    for item in _ITEM_SEPARATOR_RE.split(clause.text):
        own = left <= start <= left + len(item)
        left += len(item) + 1  # the separator, one character
        if own or not _HAS_FIGURE_RE.search(item):
            scope.append(item)
    return "".join(scope)


def _other_period(period: str | None, text: str, words: QuantityWords) -> bool:
    """The figure is counted over another period than the fact's: 全年解析量 for a daily figure,
    每个月新增 or 累计 for an annual one."""
    periods = (
        ("daily", words.daily),
        ("annual", words.annual),
        ("monthly", words.monthly),
        ("hourly", words.hourly),
        ("cumulative", words.cumulative),
    )
    said = {name for name, listed in periods if any(w in text for w in listed)}
    if any(word in text for word in words.totals) and not _ONE_YEAR_RE.search(text):
        said.add("cumulative")  # 一共三个亿 with no year: since the start
    if _MONTH_RANGE_RE.search(text):
        said.add("monthly")  # 今年1到9月: part of the year
    if period == "daily":
        return bool(said - {"daily"}) and "daily" not in said
    if period == "annual":
        return bool(said & {"cumulative", "monthly", "daily", "hourly"})
    if period == "two_years":
        return bool(said & {"monthly", "daily", "hourly"})  # 每天进账六十六万元: not two years' revenue
    return False


def _is_bare(text: str, mention: NumberMention, offset: int = 0) -> bool:
    """The message (or segment starting at offset) is little more than the number ("420", "大概150个吧")."""
    rest = text[: mention.start - offset] + text[mention.end - offset :]
    return len(_FILLER_RE.sub("", rest)) <= 2


def _named_year_after_sum(candidate: _Candidate, reader: FactReader) -> bool:
    """A calendar year labels the figure after a two-year heading: "两年网安收入：2024年153万"."""
    prefix = candidate.prefix
    last_sum = max((prefix.rfind(word) + len(word) for word in reader.quantities.two_years if word in prefix), default=-1)
    if last_sum < 0:
        return False
    tail = prefix[last_sum:]
    return _YEAR_RE.search(tail) is not None or any(word in tail for word in reader.quantities.single_year)


# Two calendar years joined, one figure for both ("2024年和2025年…315万", "2024-2025年"): the two years' total.
_RESPECTIVELY_RE = re.compile(r"分别|各自|依次")
_JOINED_YEARS_RE = re.compile(r"(?:19|20)\d\d年?\s*(?:和|与|及|跟|、|至|到|-|—|–|~)\s*(?:19|20)\d\d年")


def _says_two_years(clause: Clause, reader: FactReader) -> bool:
    if _JOINED_YEARS_RE.search(clause.text) and not _RESPECTIVELY_RE.search(clause.text):
        return True  # (not "2024年、2025年收入分别为168万元、193万元": a figure for each)
    text = _YEAR_RE.sub("", clause.text)  # "2022年" holds "2年": a calendar year is one year
    said = [word for word in reader.quantities.two_years if word in text]
    if said and all("年" not in word for word in said) and len(_ONE_YEAR_RE.findall(clause.text)) == 1:
        return False  # "2024年…一共187万": a sum word beside one named year sums that year
    return bool(said)


def _single_year(clause: Clause, reader: FactReader) -> bool:
    """去年/每年 revenue without a two-year word: one year, not the two-year total."""
    words = reader.quantities
    if _says_two_years(clause, reader):
        return False
    return any(word in clause.text for word in words.single_year) or _YEAR_RE.search(clause.text) is not None


def _year_led_in(clauses: list[Clause], index: int, reader: FactReader) -> bool:
    """The segment before a figure's, in the same sentence, names one year and no figure of its own
    ("2024年给工业企业做安全服务，进账一百八十万元"): the figure is that year's."""
    if index == 0 or clauses[index - 1].ends_sentence:
        return False
    before = clauses[index - 1]
    years = len(_YEAR_RE.findall(before.text)) + len(_RELATIVE_YEAR_RE.findall(before.text))
    return years == 1 and _single_year(before, reader) and _ANY_NUMERAL_RE.search(_YEAR_RE.sub("", before.text)) is None


def _latest_two_years(values: list[tuple[int, _Candidate]], clauses: list[Clause]) -> list[tuple[int, _Candidate]] | None:
    """Of figures for three or more calendar years, the two latest — the two years before the application
    ("2022年260万，2023年215万，2024年118万": 2023 and 2024). None unless each figure names its own year."""
    years = []
    for _value, candidate in values:
        text = clauses[candidate.clause_index].text
        found = _YEAR_RE.findall(text)
        relative = _RELATIVE_YEAR_RE.findall(text)
        if len(found) + len(relative) != 1:
            # "2022年200万、2023年180万、2024年170万" in one segment: the year just before each figure
            found = _YEAR_RE.findall(candidate.prefix)
            relative = _RELATIVE_YEAR_RE.findall(candidate.prefix)
        if len(found) + len(relative) != 1:
            return None
        # A calendar year, or an offset from now (去年 -1): one kind or the other across the figures.
        years.append(int(re.sub(r"\D", "", found[0]) or 0) if found else markers.RELATIVE_YEARS[relative[0]])
    if len({year > 1000 for year in years}) > 1:
        return None
    if len(set(years)) != len(years):
        return None
    # 今年 is not yet a whole year: the application counts the two years before it.
    counted = [i for i in range(len(values)) if years[i] != 0]
    latest = sorted(counted, key=lambda i: years[i])[-2:]
    return [values[i] for i in sorted(latest)]


def _last_per_year(values: list[tuple[int, _Candidate]], clauses: list[Clause]) -> list[tuple[int, _Candidate]]:
    """In a correction, a year told twice keeps its later figure ("2025年一百二十万。说错了，2025年是两百一十万");
    two figures in one segment ("176万元（非167万元）") are not a retelling."""
    last_of_year: dict[str, int] = {}
    retold: set[int] = set()
    for index, (_value, candidate) in enumerate(values):
        text = clauses[candidate.clause_index].text
        years = _YEAR_RE.findall(text) or _RELATIVE_YEAR_RE.findall(text)
        if len(years) != 1:
            continue
        earlier = last_of_year.get(years[0])
        if earlier is not None and values[earlier][1].clause_index != candidate.clause_index:
            retold.add(earlier)
        last_of_year[years[0]] = index
    return [item for index, item in enumerate(values) if index not in retold]


def _own_item(text: str, mention: NumberMention) -> str:
    """The list item a figure stands in: from the separator before it to the one after it."""
    start = max((m.end() for m in _ITEM_END_RE.finditer(text, 0, mention.start)), default=0)
    end = _ITEM_END_RE.search(text, mention.end)
    return text[start : end.start() if end else len(text)]


def _counted_part(
    values: list[tuple[int, _Candidate]], text: str, spec: FactSpec, reader: FactReader
) -> tuple[int, str] | None:
    """A total told with its parts, the part the rules count (value, detail): the part named as counting
    ("650万，其中给工业企业做的350万"), the total less the parts that do not when the rest is said to count
    ("760万，其中医院和学校310万，其余都来自工业企业"), or the one part of the fact's period ("近三年460万，其中
    申报前两个自然年270万"). None when the message says no such thing."""
    words = spec.words
    part_of = _PART_OF_RE.search(text)
    if part_of is None or not (words.counted_part and words.excluded_part):
        return None
    wholes = [(v, c) for v, c in values if c.mention.end <= part_of.start()]
    parts = [(v, c, _own_item(text, c.mention)) for v, c in values if c.mention.start >= part_of.end()]
    if not wholes or not parts:
        return None
    total, whole = wholes[-1]
    counted = [(v, c) for v, c, item in parts if re.search(words.counted_part, item) and not re.search(words.excluded_part, item)]
    excluded = [(v, c) for v, c, item in parts if re.search(words.excluded_part, item)]
    of_period = [(v, c) for v, c, item in parts if any(w in item for w in reader.quantities.rule_period)]
    if len(counted) == 1:
        return counted[0][0], f"（{whole.mention.text}中的{counted[0][1].mention.text}）"
    last = parts[-1][1].mention.end
    rest = _REST_RE.search(text, last)
    if excluded and not counted and rest is not None and re.search(words.counted_part, text[rest.start() :]):
        value = total - sum(v for v, _c in excluded)
        if value > 0:
            return value, "（" + "-".join([whole.mention.text, *(c.mention.text for _v, c in excluded)]) + "）"
    if len(of_period) == 1 and len(parts) == 1:
        return of_period[0][0], f"（{whole.mention.text}中的{of_period[0][1].mention.text}）"
    return None


def _record(
    path: str,
    values: list[tuple[int, _Candidate]],
    clauses: list[Clause],
    reader: FactReader,
    findings: Findings,
    correcting: bool,
    text: str,
) -> None:
    """Write one fact from its values; two yearly figures of a two-year fact add up, other disagreements
    are asked (in a correction the last one stands)."""
    spec = reader.spec(path)
    if len({v for v, _c in values}) > 1 and (part := _counted_part(values, text, spec, reader)) is not None:
        value, detail = part
        indices = sorted({c.clause_index for _v, c in values})
        findings.state(path, value, "，".join(clauses[i].text for i in indices), detail)
        return
    if correcting and spec.words.period == "two_years":
        values = _last_per_year(values, clauses)
    source = "，".join(c.mention.text for _v, c in values)
    yearly = [
        _single_year(clauses[c.clause_index], reader) or _named_year_after_sum(c, reader)
        or _year_led_in(clauses, c.clause_index, reader)
        for _v, c in values
    ]
    two_year = [v for v, c in zip(values, yearly, strict=True) if not c and _says_two_years(clauses[v[1].clause_index], reader)]
    if spec.words.period == "two_years" and any(yearly) and len(two_year) == 1:
        # "280万只是去年一年的，两年加起来是520万": the two-year total is the figure.
        value, candidate = two_year[0]
        findings.state(path, value, clauses[candidate.clause_index].text)
        return
    if spec.words.period == "two_years" and any(yearly):
        if len(values) > 2 and all(yearly):
            values = _latest_two_years(values, clauses) or values
        if len(values) == 2 and all(yearly):
            total = values[0][0] + values[1][0]
            detail = "（" + "+".join(c.mention.text for _v, c in values) + "）"
            clause_indices = sorted({c.clause_index for _v, c in values})
            findings.state(path, total, "，".join(clauses[i].text for i in clause_indices), detail)
        else:
            findings.ask(spec.words.period_question.format(number=source), about=path)
        return
    distinct = {value for value, _c in values}
    earlier = [v for v in values if _EARLIER_RE.search(clauses[v[1].clause_index].text)]
    not_earlier = [v for v in values if v not in earlier]
    if len(distinct) > 1 and spec.words.period is None and earlier and len(not_earlier) == 1:
        # "去年80家，今年已经涨到125家", "是128家，98是去年的数": the figure not said to be old stands
        value, candidate = not_earlier[0]
        findings.state(path, value, clauses[candidate.clause_index].text)
        return
    if len(distinct) > 1 and correcting:
        value, candidate = values[-1]  # "98是前年的数，现在是128家": the correction comes last
        findings.state(path, value, clauses[candidate.clause_index].text)
        return
    if len(distinct) > 1:
        numbers = "、".join(c.mention.text for _v, c in values)
        findings.ask(reader.quantities.number_conflict.format(label=spec.label, numbers=numbers), about=path)
        return
    value, candidate = values[-1]
    findings.state(path, value, clauses[candidate.clause_index].text)


def _disowned(clauses: list[Clause], candidate: _Candidate) -> bool:
    """The segment after the figure's says it is not the speaker's ("总部两年一千八百万，非本司数")."""
    following = clauses[candidate.clause_index + 1 : candidate.clause_index + 2]
    return bool(following) and _DISOWNED_AFTER_RE.fullmatch(following[0].text.strip(SEGMENT_EDGES)) is not None


def _bound_quoted_before_question(clause: Clause, mention: NumberMention, clauses: list[Clause]) -> bool:
    """"服务企业数超过100家，付费的都算吗？": a bound (超过/不低于…) nobody claims, then a question — the
    rule's line being asked about."""
    if mention.exact or clause.names_speaker:
        return False
    later = clauses[clauses.index(clause) + 1 :]
    return any(c.is_interrogative for c in later) and not any(c.names_speaker for c in later)


def _asked_not_stated(clause: Clause, mention: NumberMention) -> bool:
    """A figure inside a question is the user's example, not their fact, unless they say it is theirs."""
    if not clause.is_interrogative:
        return False
    if not mention.exact:
        return True  # 不少于两项…吗: a threshold quoted in a question
    return _OWN_SUBJECT_RE.search(clause.text) is None


def read_quantities(clauses: list[Clause], context: QuantityContext, findings: Findings) -> None:
    """Every counted or money fact the message states, with questions for unsure numbers."""
    text = context.text
    reader = context.reader
    candidates = _candidates(text, clauses, reader)
    chosen: list[tuple[_Candidate, str]] = []
    values: dict[str, list[tuple[int, _Candidate]]] = {}
    hypothetical = False
    for candidate in candidates:
        clause = clauses[candidate.clause_index]
        mention = candidate.mention
        # 假如收入400万，能拿40万吗: what follows a supposition is computed from it.
        # (a supposition holds from its segment on, whether or not that segment has a number itself)
        hypothetical = (
            hypothetical
            or clause.is_hypothetical
            or any(c.opens_supposition for c in clauses[: candidate.clause_index + 1])
        )
        if clause.is_planned or clause.is_about_others or clause.describes_typing_slip or _disowned(clauses, candidate):
            continue  # 打算新建一个节点, 同行收入800万, 多打了个0, "…，非本司数": not how the applicant stands today
        if context.figures_in_questions:
            if clause.is_hypothetical or clause.quotes_policy or _blocked(candidate, reader):
                continue
            if clause.is_interrogative and not mention.exact:
                continue
        elif (
            hypothetical
            or clause.quotes_policy
            or _blocked(candidate, reader)
            or _asked_not_stated(clause, mention)
            or _bound_quoted_before_question(clause, mention, clauses)
        ):
            continue
        if context.correcting and _CORRECTED_AWAY_RE.search(candidate.prefix):
            continue  # 不是420万，是380万: the old value is not restated
        path, question = _choose_fact(candidate, chosen, clauses, context)
        if path is not None and _money_given_to_count(path, candidate, reader):
            continue  # "另一家客户拿了100万", "金额 1,280,000.00": money, whatever keyword stands near
        if question:
            findings.ask(question)
            continue
        if path is None:
            if _is_bare(text, mention) and not (mention.chinese_only and mention.value == 1):
                findings.ask(reader.quantities.number_unknown.format(number=mention.text))
            continue
        chosen.append((candidate, path))
        before = clauses[candidate.clause_index - 1].text if candidate.clause_index else ""
        lead_in = before if _is_bare(clause.text, mention, clause.start) and not _ANY_NUMERAL_RE.search(before) else ""
        value, question = _check_value(path, candidate, clause, reader, lead_in)
        if question:
            findings.ask(question, about=path)
            continue
        assert value is not None
        values.setdefault(path, []).append((value, candidate))
    for path, path_values in values.items():
        _record(path, path_values, clauses, reader, findings, context.correcting, text)
