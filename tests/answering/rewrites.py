"""Rewrites of a question that keep its meaning: what callers add, and how they type.

Pure functions of the question; each returns the question unchanged when it does not apply (no
digits to respell, no domain term to misspell), and the metamorphic test skips those.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

import cn2an
from opencc import OpenCC
from pypinyin import Style, pinyin
from pypinyin.pinyin_dict import pinyin_dict

from assistant.language.pinyin import general_word_frequencies

_END = "？?。！!"
_PARTICLES = "吗呢吧啊呀么不"
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def _split_end(question: str) -> tuple[str, str]:
    core = question.rstrip(_END)
    return core, question[len(core) :]


def greeting(question: str) -> str:
    return "您好，" + question


def thanks(question: str) -> str:
    return question + "谢谢" if question.endswith(("？", "?")) else question.rstrip(_END) + "，谢谢"


def hotline(question: str) -> str:
    return "有个企业打电话来问：" + question


def particles(question: str) -> str:
    """那个，… 啊？ — a filler in front, a particle at the end unless one is there already."""
    core, end = _split_end(question)
    return "那个，" + core + ("" if core.endswith(tuple(_PARTICLES)) else "啊") + (end or "？")


def _spoken_number(match: re.Match[str]) -> str:
    text = match.group(0)
    percent = text.endswith("%")
    digits = text.rstrip("%")
    following = match.string[match.end() : match.end() + 1]
    if following == "年" and len(digits) == 4:  # a year is read digit by digit: 二〇二四年
        return "".join("〇一二三四五六七八九"[int(d)] for d in digits)
    spoken = cn2an.an2cn(digits, "low")
    return "百分之" + spoken if percent else spoken


def chinese_numerals(question: str) -> str:
    """420万 → 四百二十万, 30% → 百分之三十, 2024年 → 二〇二四年."""
    return _NUMBER.sub(_spoken_number, question)


def full_width(question: str) -> str:
    """ASCII digits, letters and % as full-width characters (０-９, Ａ-Ｚ, ％)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and (c.isalnum() or c == "%") else c for c in question)


@lru_cache(maxsize=1)
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def traditional(question: str) -> str:
    return _s2t().convert(question)


@lru_cache(maxsize=1)
def _characters_by_reading() -> dict[str, list[str]]:
    """Toneless default reading → common characters read so, most frequent first."""
    frequencies = general_word_frequencies()
    by_reading: dict[str, list[str]] = defaultdict(list)
    for code in pinyin_dict:
        character = chr(code)
        if frequencies.get(character, 0) >= 500:
            by_reading[pinyin(character, style=Style.NORMAL)[0][0]].append(character)
    for characters in by_reading.values():
        characters.sort(key=lambda c: -frequencies.get(c, 0))
    return dict(by_reading)


def homophone_typo(terms: Iterable[str]) -> Callable[[str], str]:
    """A rewrite that misspells the question's longest domain term by sound: its last character becomes
    the most common other character with the same reading (申报 → 申保, 双跨 → 双夸)."""
    ordered = sorted({t for t in terms if len(t) >= 2}, key=lambda t: (-len(t), t))  # stable across hash seeds

    def rewrite(question: str) -> str:
        term = next((t for t in ordered if t in question), None)
        if term is None:
            return question
        last = term[-1]
        homophones = [c for c in _characters_by_reading().get(pinyin(last, style=Style.NORMAL)[0][0], []) if c != last]
        if not homophones:
            return question
        return question.replace(term, term[:-1] + homophones[0], 1)

    return rewrite
