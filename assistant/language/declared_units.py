"""A money unit declared once for a message's bare figures: "单位万元", "币种：人民币元", "收入（万元）：320".

Spreadsheets, statements and dictated figures name their unit once instead of after each figure
("前年一百六，去年一百八十五，单位万元"; "合计：3,180,000.00（币种：人民币元）"). A message-wide declaration
is written after every bare figure of the message, a label's "（万元）：" after its own figure, so that each
is read as the amount it is. Figures with a unit or 万/亿 of their own, years and masked numbers (dates,
phone numbers) keep theirs. A bare "（万元）" in a table header is not taken: the other columns are counts.
"""

from __future__ import annotations

import re

from assistant.language.numerals import find_numbers, mask_distractors

# 单位：万元 / 单位为万元 / 金额单位万元 / (单位:元) / 币种：人民币元
_WIDE = re.compile(r"(?:金额)?单位\s*(?:[:：为是]\s*)?(?:人民币)?(?P<unit>万元|元)|币种\s*[:：]?\s*人民币(?P<yuan>元)?")
# 收入（万元）：320 — the unit of the figure right after the label
_LABELLED = re.compile(r"[（(](?:人民币)?(?P<unit>万元|元)[）)]\s*[:：为是=＝]\s*(?=[\d零〇一二两三四五六七八九十])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONEY_SCALE = re.compile(r"[万亿wW]")  # 300万 is already an amount; 一百六 or 3,180,000.00 takes the declared unit


def declared_money_unit(text: str) -> str | None:
    """The one money unit the message declares for all its figures, None when it declares none or two."""
    units = {match.group("unit") or "元" for match in _WIDE.finditer(text)}
    return units.pop() if len(units) == 1 else None


def with_declared_unit(text: str) -> str:
    """The message with a declared money unit written after each bare figure it applies to."""
    wide = declared_money_unit(text)
    labelled = {match.end(): match.group("unit") for match in _LABELLED.finditer(text)}
    if wide is None and not labelled:
        return text
    pieces, last = [], 0
    for mention in find_numbers(mask_distractors(text)):
        figure = text[mention.start : mention.end]
        unit = labelled.get(mention.start, wide)
        if unit is None or mention.unit or mention.value is None or _MONEY_SCALE.search(figure):
            continue
        if _YEAR.fullmatch(figure) or (mention.chinese_only and mention.value < 10):
            continue  # a year column; 一/两 as words ("一家客户")
        pieces += [text[last : mention.end], unit]
        last = mention.end
    return "".join(pieces) + text[last:]
