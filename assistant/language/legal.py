"""Read thresholds, amounts and rates from the words of a Chinese legal text.

The boundary words follow 《民法典》第一千二百五十九条: 以上、以下、以内、届满 include the number;
不满、超过、以外 exclude it; 不低于、不少于 (include) and 不高于、不超过 (include) are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

# Comparison the boundary word asks of the fact: fact <op> number.
BOUNDARY_WORDS: dict[str, str] = {
    "以上": "ge",
    "届满": "ge",
    "不低于": "ge",
    "不少于": "ge",
    "超过": "gt",
    "高于": "gt",
    "多于": "gt",
    "以外": "gt",
    "以下": "le",
    "以内": "le",
    "不高于": "le",
    "不超过": "le",
    "不满": "lt",
    "低于": "lt",
    "少于": "lt",
}
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}

_NUMBER = r"(?P<number>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(?P<multiplier>[万亿])?"
# Longest words first, so 不超过 is not read as 超过 and 不低于 not as 低于.
_PREFIX_WORDS = "|".join(
    sorted(
        (w for w in BOUNDARY_WORDS if w not in ("以上", "届满", "以下", "以内", "以外")),
        key=len,
        reverse=True,
    )
)
_PREFIXED = re.compile(rf"(?P<word>{_PREFIX_WORDS}){_NUMBER}")
# A unit of up to six characters may stand between the number and a trailing word: 300万元人民币以上.
_SUFFIXED = re.compile(
    rf"{_NUMBER}[^\d零〇一二两三四五六七八九十百千，、。；]{{0,6}}?(?P<word>以上|届满|以下|以内|以外)"
)
_YUAN = re.compile(rf"{_NUMBER}元")
_PERCENT = re.compile(r"(?P<number>\d+(?:\.\d+)?)%")


@dataclass(frozen=True)
class Boundary:
    """What a wording such as 不低于100个 says: the comparison and the number (units resolved)."""

    word: str
    comparison: str
    number: int


class WordingError(ValueError):
    """A wording has no (or more than one) threshold in it."""


def number_value(number: str, multiplier: str | None = None) -> int:
    """'300','万' → 3000000; '两' → 2; '1.5','亿' → 150000000."""
    value = Decimal(number) if number[0].isdigit() else Decimal(int(cn2an.cn2an(number, "smart")))
    value *= MULTIPLIERS.get(multiplier or "", 1)
    if value != value.to_integral_value():
        raise WordingError(f"{number}{multiplier or ''} is not a whole number")
    return int(value)


def read_boundary(wording: str) -> Boundary:
    """The single threshold in a wording: 超过5000台套 → Boundary('超过', 'gt', 5000)."""
    found = [
        Boundary(
            match["word"], BOUNDARY_WORDS[match["word"]], number_value(match["number"], match["multiplier"])
        )
        for pattern in (_PREFIXED, _SUFFIXED)
        for match in pattern.finditer(wording)
    ]
    if len(found) != 1:
        raise WordingError(f"expected one threshold with a boundary word in {wording!r}, found {len(found)}")
    return found[0]


def read_yuan_amounts(wording: str) -> list[int]:
    """Every amount of money in a wording: 最高100万元 → [1000000]."""
    return [number_value(match["number"], match["multiplier"]) for match in _YUAN.finditer(wording)]


def read_percentages(wording: str) -> list[Decimal]:
    """Every percentage in a wording: 不高于10% → [Decimal('10')]."""
    return [Decimal(match["number"]) for match in _PERCENT.finditer(wording)]


# How each comparison treats the number itself, said when a figure sits exactly on a threshold.
BOUNDARY_NOTES = {
    "ge": "（“以上”“不低于”“不少于”均包含本数）",
    "gt": "（“超过”不包含本数）",
    "le": "（“以下”“不超过”包含本数）",
    "lt": "（“不满”“低于”不包含本数）",
}
