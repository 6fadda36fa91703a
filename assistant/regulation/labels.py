"""Clause labels: 第五条第（一）项第3目 ↔ ClauseAddress, via cn2an for the Chinese numerals."""

from __future__ import annotations

import re

import cn2an

from assistant.errors import ClauseNotFound
from assistant.regulation.clause import ClauseAddress

_CN_DIGITS = "零〇一二三四五六七八九十百千两"
LABEL_PATTERN = re.compile(
    rf"第(?P<article>[{_CN_DIGITS}\d]+)条"
    rf"(?:第(?P<paragraph>[{_CN_DIGITS}\d]+)款)?"
    rf"(?:第?[（(](?P<item>[{_CN_DIGITS}\d]+)[）)]项?)?"
    rf"(?:第?(?P<subitem>\d+)目)?"
)


def chinese_number(value: int) -> str:
    """15 → 十五 (the form used in article headings)."""
    return cn2an.an2cn(value, "low")


def parse_number(text: str) -> int:
    """十五 / 15 → 15."""
    if text.isdigit():
        return int(text)
    return int(cn2an.cn2an(text, "smart"))


def format_label(address: ClauseAddress) -> str:
    """The label of an address; items are labelled without their 款 (第四条第（二）项第1目)."""
    label = f"第{chinese_number(address.article)}条"
    if address.paragraph is not None and address.item is None:
        label += f"第{chinese_number(address.paragraph)}款"
    if address.item is not None:
        label += f"第（{chinese_number(address.item)}）项"
    if address.subitem is not None:
        label += f"第{address.subitem}目"
    return label


def parse_label(label: str) -> ClauseAddress:
    """第五条第（一）项第3目 → ClauseAddress(5, None, 1, 3); raises ClauseNotFound if it is no label."""
    match = LABEL_PATTERN.fullmatch(label.strip().replace(" ", ""))
    if not match:
        raise ClauseNotFound(f"not a clause label: {label!r}")
    groups = {key: (parse_number(value) if value else None) for key, value in match.groupdict().items()}
    return ClauseAddress(
        article=groups["article"],  # type: ignore[arg-type]
        paragraph=groups["paragraph"],
        item=groups["item"],
        subitem=groups["subitem"],
    )
