"""The words that state a fact in chat, as a regulation package writes them in ``facts.yaml``.

``FactWords`` sits on each fact; ``ExtractionWords`` holds what belongs to no single fact
(places, legal-form words, recognitions, confirmation questions, reply wording). The reading
package (``assistant.reading``) compiles these once per package; patterns are regular expressions
and are checked to compile at load.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from assistant.language.phrases import QUANTITY_PHRASES, REPLY_PHRASES, STATUS_PHRASES


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a regular expression: {pattern!r} ({error})") from error
    return pattern


class FactWords(_Words):
    """How one fact is recognised in a message."""

    keywords: list[str] = []  # nouns around a number (counts, money)
    strong_keywords: list[str] = []  # keywords that name this fact alone, whatever section the message names
    units: list[str] = []  # units a number of this fact may carry; "" = a bare number with a keyword
    bare_units: list[str] = []  # a message that is only "120家" counts this fact
    not_keywords: list[str] = []  # a keyword preceded by one of these names something else (平台收入)
    cue: str = ""  # regex naming a yes/no fact in a segment
    needs: str = ""  # regex that must also be present (a verb such as 做/提供)
    unless: str = ""  # regex that rules the segment out for this fact
    affirm: str = ""  # when set, the fact is true only with this regex (重大 for accidents); else asked
    deny: str = ""  # regex that makes the fact false (之前, 不算重大, 信用良好)
    deny_in_message: bool = False  # the deny regex counts anywhere in the message, not only the segment
    unsure_question: str = ""  # asked when the cue is there but neither affirm nor deny
    confirm_yes_question: str = ""  # a bare 是的 to this (bad-news) fact is confirmed with this, not taken
    all_parts: bool = False  # the fact is a whole of parts (a data chain): a part denied anywhere denies it
    # regex naming one part of a whole ("安全保障那一环还没建起来" after the rest said had), or of a fact that
    # any part makes true (an accident's fields: "安全和质量倒是没出过事" leaves a told 环保 accident standing)
    parts: str = ""
    period: Literal["two_years", "annual", "daily"] | None = None  # the figure the rules count
    period_question: str = ""  # asked when the figure is for another period ({number})
    # A bare answer, or a figure with 万/亿 and no counted unit, above this reads as another quantity (money): asked back.
    bare_maximum: int | None = None
    choice_patterns: dict[str, str] = {}  # enum/records: regex per choice value
    # A total told with its parts ("760万，其中医院和学校310万，其余都来自工业企业"): which part the rules count.
    counted_part: str = ""  # regex naming a part that counts (工业企业)
    excluded_part: str = ""  # regex naming a part that does not (医院, 政府机关)

    @field_validator("cue", "needs", "unless", "affirm", "deny", "counted_part", "excluded_part")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _compiles(value)

    @field_validator("choice_patterns")
    @classmethod
    def _patterns(cls, value: dict[str, str]) -> dict[str, str]:
        for pattern in value.values():
            _compiles(pattern)
        return value


class PlaceWords(_Words):
    """Where the applicant is registered: places inside the region, outside it, and too broad to say."""

    fact: str  # the boolean fact a place states (registered in the region)
    inside: list[str]
    outside: list[str] = []
    ambiguous: list[str] = []
    registration: list[str] = []  # 注册, 营业执照: the place is where the applicant is registered
    not_registration: list[str] = []  # 注册资本: contains a registration word, says nothing of place
    location: list[str] = []  # 在, 位于: the applicant is located there
    not_applicant: list[str] = []  # 工厂, 客户: something else is located there
    institution_suffixes: list[str] = []  # 武汉市经信局: a place name that is an institution
    institution_prefixes: list[str] = []  # 顶级节点武汉: the place names where something else is
    applicant_suffixes: list[str] = []  # 孝感的企业
    applicant_nouns: list[str] = []  # 汉阳的一家分公司: a noun naming the speaker after the place
    unsure_question: str


class LegalForm(_Words):
    """Words that state one legal form, or a list of forms still possible (公司)."""

    values: list[str]
    words: list[str]
    # The words name one kind among those the value covers (合伙企业 of "other"): denying one leaves the value.
    one_kind: bool = False
    # A unit of this form belongs to a head office elsewhere (分公司，总部在深圳): that office's place is not its own.
    under_head_office: bool = False


class LegalFormWords(_Words):
    """The enum fact of the applicant's legal form; forms are tried in order, the first stated wins."""

    fact: str
    forms: list[LegalForm]
    verbs: str  # 是|属于|作为 …: a segment with one of these states the form
    head_fillers: str = ""  # what may follow the form word when it ends the segment (单位, 吧)
    negated_question: str  # 不是独立法人 alone: asked back, not guessed

    @field_validator("verbs", "head_fillers")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _compiles(value)


class RecognitionWords(_Words):
    """An award fact with its first-time fact, and a records fact of programmes."""

    awarded: str  # boolean fact path, its words.cue names the award
    first_time: str  # boolean fact path: first time awarded
    records: str  # records fact path with an enum field and a boolean first-time field
    records_cue: str  # regex naming a programme in general (试点|示范)
    not_national: str = ""  # regex of a lower-level recognition (省级) that is not the fact
    award_verbs: str
    first: str
    not_first: str
    all_first: str
    not_yet: str = ""  # regex of an application still pending or turned down (还在申报): not awarded
    not_ours: str = ""  # regex of a segment whose title belongs to somebody else (我们服务的工厂, 母公司)
    # regex naming every national title at once (国家级称号): denied, it denies the award and every programme
    all_titles: str = ""
    program_question: str

    @field_validator(
        "records_cue", "not_national", "award_verbs", "first", "not_first", "all_first", "not_yet", "not_ours",
        "all_titles",
    )
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _compiles(value)


class QuantityWords(_Words):
    """Words around numbers that make them something other than the applicant's figure."""

    blockers: list[str] = []  # before the number: 注册资本, 补贴
    suffix_blockers: list[str] = []  # after the number: 子公司, 员工
    money_before: list[str] = []  # right before a bare figure, it is money (金额, 拿了): never a count fact's value
    single_year: list[str] = []
    two_years: list[str] = []
    daily: list[str] = []
    annual: list[str] = []  # 全年, 年度: a figure over a year (not a daily one)
    monthly: list[str] = []  # 每个月, 上半年: a figure over part of a year (neither daily nor annual)
    hourly: list[str] = []  # 每小时, 每分钟: a rate over less than a day (a daily figure it is not)
    peak: list[str] = []  # 峰值, 最高: a peak, not an average
    cumulative: list[str] = []  # 累计, 攒了: since the start, whatever the sentence's year
    rule_period: list[str] = []  # the rules' own name of the period a money figure counts (申报前2个自然年)
    totals: list[str] = []  # 一共, 总共: "in total" — cumulative unless a year bounds it (今年一共 is annual)
    number_unknown: str = QUANTITY_PHRASES["number_unknown"]  # {number}
    number_inexact: str = QUANTITY_PHRASES["number_inexact"]  # {label} {number}
    money_without_scale: str = QUANTITY_PHRASES["money_without_scale"]  # {label} {number}
    number_conflict: str = QUANTITY_PHRASES["number_conflict"]  # {label} {numbers}
    correction_target: str = QUANTITY_PHRASES["correction_target"]  # {number}
    wrong_unit: str = QUANTITY_PHRASES["wrong_unit"]  # {label} {number}: a bare answer in the wrong unit
    peak_figure: str = QUANTITY_PHRASES["peak_figure"]  # {label} {number}: a peak, not the current figure


class ReplyWords(_Words):
    """The wording of chat replies that speaks of this regulation."""

    greeting: str = REPLY_PHRASES["greeting"]
    all_decided: str = REPLY_PHRASES["all_decided"]
    still_open: str = REPLY_PHRASES["still_open"]  # {categories}: undecided, but nothing left to ask
    which_category: str = REPLY_PHRASES["which_category"]  # followed by the category titles
    own_case: str = REPLY_PHRASES["own_case"]  # regex: 能拿多少, 够不够 — a question about the applicant's own case
    why_it_matters: str = REPLY_PHRASES["why_it_matters"]  # {categories}: one line before a question asked the second time
    ask: str = REPLY_PHRASES["ask"]  # {question}
    understood: str = REPLY_PHRASES["understood"]  # {facts}
    status: dict[Literal["eligible", "ineligible", "undetermined"], str] = STATUS_PHRASES  # type: ignore[assignment]
    max_amount: str = REPLY_PHRASES["max_amount"]  # {amount}
    no_application: str = REPLY_PHRASES["no_application"]
    if_met: str = REPLY_PHRASES["if_met"]  # {amount}
    decision_changed: str = REPLY_PHRASES["decision_changed"]  # {line}: a plain question's one line when the facts decide a category

    @field_validator("own_case")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _compiles(value)


class ExtractionWords(_Words):
    """Words of the regulation's conversation that belong to no single fact."""

    places: PlaceWords | None = None
    legal_form: LegalFormWords | None = None
    recognition: RecognitionWords | None = None
    quantities: QuantityWords = QuantityWords()
    replies: ReplyWords = ReplyWords()
    # Words a homophone typo in a message is corrected to before it is read (独力法人 → 独立法人, 分工司 → 分公司).
    spelling_terms: list[str] = []
    # English phrases of statements → the package's Chinese words, for a message written in English
    # ("branch office" → 分公司); general English (yes, not, we) is the language layer's.
    english: dict[str, str] = {}
