"""Find numbers in a message: Arabic and Chinese numerals with scale words, units and qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from assistant.language import markers

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_SCALES = "十百千万亿"
_MASK = "_"
_SCALE_VALUES = {"千": 1_000, "万": 10_000, "亿": 100_000_000}
_SCALE_WORD_VALUES = {"百": 100, **_SCALE_VALUES}  # after Arabic digits 百 scales too (0.655百万)
# A numeral longer than this, or a value beyond this, is a typing accident, not a number.
MAX_NUMERAL_LENGTH = 24
MAX_MAGNITUDE = 1e16

# Numbers that are never facts: phone numbers, dates, clause references, document numbers,
# percentages and identifiers. They are masked (same length) before numbers are looked for.
_DISTRACTORS = re.compile(
    "|".join(
        (
            r"(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)",  # mobile
            r"(?<!\d)(?:0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})(?!\d)",  # landline, hotline
            r"\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?",  # full date
            r"\d{1,2}月\d{1,2}[日号]",  # month and day
            r"\d{1,2}\s*(?:到|至|-|~|—|－)\s*\d{1,2}月(?:份)?",  # month range (1到9月)
            r"\d{1,2}月(?:份)?",
            rf"[\d{_CN_DIGITS}]{{4}}年(?:度)?",  # year
            r"(?<!\d)(?:19|20)\d{2}(?=全年|上半年|下半年|财年|年报|Q[1-4])",  # 2025全年, 2024Q3: a period
            rf"(?<![{_CN_DIGITS}])二[{_CN_DIGITS}]年(?!前|多|来|间|里|内|左右|上下)",  # 二四年: 2024 as said aloud
            rf"第[（(]?[\d{_CN_DIGITS}{_CN_SCALES}]+[）)]?",  # 第五条, 第（一）项, 第二次
            r"[〔\[（(]\d{4}[〕\]）)]\s*\d+\s*号?",  # 武政规〔2022〕6号
            rf"\d+(?:\.\d+)?\s*%|百分之[{_CN_DIGITS}{_CN_SCALES}点]+",
            r"(?:号码|电话|手机|手机号|编号|单号|订单号|账号|代码|邮编|QQ|微信)[:：是为]?\s*[\d\- ]+",
            r"[A-Za-z]+-?[\d.]+",  # ISO27001, V2.0, A-218
            r"[#＃№]\s*\d+",  # 工单#0417, №12: a number that names something
            r"(?<![\d.])\d+G(?![A-Za-z])",  # 5G, 4G: a network generation
            # A heading's number: 【补充2】, 附件1：, 表3、 — a label, not a figure.
            rf"【[^】\d{_CN_DIGITS}]{{0,6}}[\d{_CN_DIGITS}十]+】",
            rf"(?:附件|附表|补充|步骤|图|表)[\d{_CN_DIGITS}十]+(?=[：:、】\]）)]|\s)",
            r"(?<![\d,.])\d{11,}(?![\d,.])",  # long digit strings are identifiers, not amounts
            r"(?<=[这那哪每同整])一块(?!钱)|一块儿|一块(?=[做干弄搞去来走合])",  # 这一块 "this area", 一块儿 "together": no 1元
            r"(?<=[有分成])[两二三四五六几]块(?=[：:，,、。；;])",  # 业务有两块：, 分成三块。 — parts of a business, not 元
        )
    )
)

_NUMBER_RE = re.compile(
    rf"(?<![\dA-Za-z.])"
    # must start with a digit, or with 百/千 said without 一 ("百零七个", "百二十家"; not the idioms 百八十, 千八百)
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN_DIGITS}十]|[百千](?=[零〇]|[一二两三四五六七九][十百]))"
    rf"(?:[\d{_CN_DIGITS}{_CN_SCALES}]|点(?=[{_CN_DIGITS}])|个(?=[多余来几]?亿)|(?<=\d)\.(?=\d))*"
    rf"(?:[wWkK](?![A-Za-z]))?"
)
_FUZZY_RE = re.compile(rf"([多余来几外])([{_CN_SCALES}wW]*)")  # 外: 五千八百外台 (Minnan, = 多)
# Quantities with no digit at all: 好几千台, 上万家, 数百个, 过亿 — never exact, asked back.
_VAGUE_RE = re.compile(
    r"(?:(?:好几|几|数)([十百千万亿]+)|(?:(?<![超不])过|上|成)([百千万亿]+)|([百千万])把)(?![一二两三四五六七八九\d])"
)
# Colloquial numerals that carry their own measure word: 俩 = 两个, 仨 = 三个.
_COLLOQUIAL = {"俩": 2.0, "仨": 3.0}
_APPROX_AFTER_RE = re.compile(r"左右|上下")
_A_LITTLE = ("点点", "点儿", "丁点")
# Two neighbouring digits in Chinese, then a scale or nothing: 两三个, 三四百万, 七八千 (an estimate, not 23).
_NEIGHBOUR_DIGITS_RE = re.compile(r"^([一两二三四五六七八九])([两二三四五六七八九])(?=[十百千万亿]|$)")
_BOUND_AFTER_RE = re.compile(r"以上|以下|以内|多|余|出头|有余|不到|开外|朝上|往上|起步|打底|好几|来[家个台万]|挂零|冒头")
_BOUND_BEFORE_RE = re.compile(
    r"(超过|大于|多于|不少于|不低于|不下于?|至少|将近|接近|近|不到|不足|少于|低于|高于|最多|最少|逾|小|破|突破|上了|刚过|刚超|起码|少说(?:也)?有?|顶多|撑死(?:了)?|奔着|不满|[≥≧⩾>＞≤≦⩽<＜]\s*)$"
)
_RANGE_JOINER = r"(到|至|-|~|～|±|\+/-)"  # 300到400, 6200±300: two figures that make one range
_RANGE_AFTER_RE = re.compile(rf"\s*{_RANGE_JOINER}\s*[\d{_CN_DIGITS}十]")
_RANGE_BEFORE_RE = re.compile(rf"[\d{_CN_DIGITS}十{_CN_SCALES}]\s*{_RANGE_JOINER}\s*$")
_COUNTED_UNITS = frozenset({"家", "台", "套", "台套", "个", "项"})
_UNITS_BY_LENGTH = sorted(
    [*markers.COUNT_UNITS.items(), *((unit, "other") for unit in markers.OTHER_UNITS)],
    key=lambda pair: -len(pair[0]),
)


@dataclass(frozen=True)
class NumberMention:
    """One number as written: its value, the unit after it and whether it is exact."""

    start: int
    end: int  # past the unit
    text: str
    value: float | None  # None when the numeral could not be read
    unit: str  # normalised unit ("元", "家", "台" …), "other" for non-fact units, "" for none
    exact: bool  # False for 400多万, 超过100家, 300到400万
    has_scale: bool  # written with 万/亿/千 (a magnitude), not just digits
    chinese_only: bool  # written only in Chinese numerals (一, 两 …)

    @property
    def integer(self) -> int | None:
        """The value as an integer, None when absent or fractional."""
        if self.value is None:
            return None
        rounded = round(self.value)
        # 1.1万 may come back as 11000.000000000002; a real fraction (1.5家) is not a count.
        return rounded if abs(self.value - rounded) < 1e-6 else None


def mask_distractors(text: str) -> str:
    """Blank out phone numbers, dates, clause references … keeping every offset."""
    return _DISTRACTORS.sub(lambda match: _MASK * len(match.group()), text)


def _read_numeral(token: str) -> float | None:
    """Value of an Arabic, Chinese or mixed numeral (420万, 三百万, 1.2亿, 一个亿, 420w); None for a
    numeral too long or too large to be a figure ("一"*310, "三百万"+"亿"*60), never an exception."""
    if len(token) > MAX_NUMERAL_LENGTH:
        return None
    try:
        value = _read_numeral_unbounded(token)
    except (OverflowError, ArithmeticError, RecursionError):
        return None
    if value is None or value != value or abs(value) > MAX_MAGNITUDE:
        return None
    return value


_TRAILING_DIGIT = re.compile(r"^(.+?)([万亿千百])([一二两三四五六七八九])$")
_NEXT_LOWER = {"亿": 10_000_000, "万": 1_000, "千": 100, "百": 10}


_DECIMAL_SCALED = re.compile(r"^(\d+\.\d+|\d+)([百千万亿]+)$")


def _read_numeral_unbounded(token: str) -> float | None:
    cleaned = token.replace(",", "").replace("个", "").replace("w", "万").replace("W", "万")
    cleaned = cleaned.replace("k", "千").replace("K", "千")
    scaled = _DECIMAL_SCALED.match(cleaned)
    if scaled:  # 0.655百万, 1.2亿, 3千万: digits times their scale words (cn2an cuts 0.655百万 to 65万)
        value = float(scaled.group(1))
        for char in scaled.group(2):
            value *= _SCALE_WORD_VALUES[char]
        return value
    if cleaned[:1] in ("百", "千"):
        cleaned = "一" + cleaned  # 百零七 = 一百零七
    spoken = _TRAILING_DIGIT.match(cleaned)
    if spoken and not any(c in spoken.group(1) for c in "万亿千百" if c != spoken.group(2)):
        # 一亿五 = 1.5亿, 两万三 = 23000: the digit after the last scale counts the next lower one.
        head = _read_numeral_unbounded(spoken.group(1) + spoken.group(2))
        digit = float(cn2an.cn2an(spoken.group(3), "smart"))
        if head is not None:
            return head + digit * _NEXT_LOWER[spoken.group(2)]
    try:
        return float(cn2an.cn2an(cleaned, "smart"))
    except (ValueError, KeyError, IndexError):
        pass
    # cn2an reads 一点五 and 1.5亿 but not 一点五亿 or 一万二千万: read the digits, then apply the trailing
    # scale — the shortest tail that leaves a readable number (一万二千|万, not 一万二|千万).
    trailing = len(cleaned) - len(cleaned.rstrip("万亿千"))
    for cut in range(1, trailing + 1):
        stripped, tail = cleaned[:-cut], cleaned[-cut:]
        if not stripped:
            break
        try:
            value = float(cn2an.cn2an(stripped, "smart"))
        except (ValueError, KeyError, IndexError):
            continue
        for char in tail:
            value *= _SCALE_VALUES[char]
        return value
    return None


def _unit_at(text: str, position: int) -> tuple[str, int]:
    """The normalised unit starting at position and its length ("" and 0 when none)."""
    for written, unit in _UNITS_BY_LENGTH:
        if text.startswith(written, position):
            # 一次性 is "one-off", not a count of times.
            if unit == "次" and text.startswith("性", position + len(written)):
                return "other", len(written)
            return unit, len(written)
    return "", 0


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in a normalised message that could state a fact, in order."""
    masked = mask_distractors(text.translate(markers.CAPITAL_NUMERALS))
    vague = _vague_and_colloquial(text, masked)
    mentions: list[NumberMention] = []
    consumed = 0  # 一百几十家: the 十家 inside an approximation read already is not a second number
    for match in _NUMBER_RE.finditer(masked):
        if match.start() < consumed or any(v.start <= match.start() < v.end for v in vague):
            continue
        token = match.group()
        position = match.end()
        exact = True
        fuzzy = _FUZZY_RE.match(masked, position)
        scale_after = ""
        if fuzzy and (fuzzy.group(2) or _unit_at(masked, fuzzy.end())[0]):
            # 400多万, 两百多家: the digits are a lower bound.
            exact = False
            scale_after = fuzzy.group(2)
            position = fuzzy.end()
        unit, unit_length = _unit_at(masked, position)
        if not unit_length and masked[max(0, match.start() - 1) : match.start()] in ("¥", "￥"):
            unit = "元"  # ¥3,280,000
        if not unit_length and masked[position : position + 1] == " ":
            unit, unit_length = _unit_at(masked, position + 1)  # "3,150,000 元"
            unit_length += 1 if unit_length else 0
        position += unit_length
        if unit in _COUNTED_UNITS and masked[position : position + 1] == "次":
            exact, position = False, position + 1  # 126家次, 9800台次: visits and events, not as many distinct ones
        before = masked[max(0, match.start() - 4) : match.start()]
        if _BOUND_BEFORE_RE.search(before) or _BOUND_AFTER_RE.match(masked, position):
            exact = False
        if _RANGE_AFTER_RE.match(masked, match.end()) or _RANGE_BEFORE_RE.search(before):
            exact = False
        if token.endswith("一") and masked.startswith(_A_LITTLE, match.end()):
            token, exact = token[:-1], False  # 一亿一点点: a little over 一亿, not 一亿一 (1.1亿)
        value = _read_numeral(token + scale_after.replace("w", "万").replace("W", "万"))
        neighbours = _NEIGHBOUR_DIGITS_RE.match(token)
        if neighbours and _read_numeral(neighbours[2]) == (_read_numeral(neighbours[1]) or 0) + 1:
            value = None  # 两三个, 三四百万: one figure or the next, an estimate with no one value (not 23)
        approx = _APPROX_AFTER_RE.match(masked, position)
        end = approx.end() if approx else position
        mentions.append(
            NumberMention(
                start=match.start(),
                end=end,
                text=text[match.start() : end],
                value=value,
                unit=unit,
                exact=exact,
                has_scale=any(char in token + scale_after for char in "万亿千百wWkK"),
                chinese_only=not any(char.isdigit() for char in token),
            )
        )
        consumed = end
    return sorted(mentions + vague, key=lambda mention: mention.start)


def _vague_and_colloquial(text: str, masked: str) -> list[NumberMention]:
    """好几千台 and 过亿 (inexact, a scale but no digit), 俩/仨 (exact, counted in 个)."""
    found: list[NumberMention] = []
    for match in _VAGUE_RE.finditer(masked):
        if match.start() and masked[match.start() - 1] in _CN_DIGITS + _CN_SCALES + "0123456789":
            continue  # 三十几, 一百几十: read by the numeral itself
        unit, unit_length = _unit_at(masked, match.end())
        end = match.end() + unit_length
        scale = 1.0
        for char in match.group(1) or match.group(2) or match.group(3):
            scale *= {"十": 10, "百": 100, **_SCALE_VALUES}[char]
        found.append(NumberMention(match.start(), end, text[match.start() : end], scale, unit, False, True, True))
    for position, char in enumerate(masked):
        if char in _COLLOQUIAL:
            found.append(NumberMention(position, position + 1, char, _COLLOQUIAL[char], "个", True, False, True))
    return found
