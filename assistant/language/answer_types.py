"""What kind of answer a question asks for (a time, a figure), and whether a text holds one.

Evidence for the answerability head: "几月份能到账" asks for a time, and a clause on how funds are paid
that names none does not answer it; "公示几天" is answered by "公示时间 5 个工作日".
"""

from __future__ import annotations

import re

from assistant.language.numerals import find_numbers

_ASKS_TIME = re.compile(
    r"什么时候|啥时候|何时|几月|哪个月|哪一天|哪天|几号|多久|多长时间|多少天|几天|多少年|几年|什么时间|"
    r"截止|截至|最晚|最早|哪一年|哪年"
)
# A span of time or a point in time as laws write them: 5个工作日, 3年内, 近两年, 自公布之日起 (not 年度 as in
# 年度预算, which names a budget, not when).
_TIME = re.compile(
    r"(?:\d+|[一二两三四五六七八九十]+)\s*个?\s*(?:工作日|自然年|日|天|周|个月|月|年)|之日起|同日|\d{4}\s*年"
)


def asks_time(text: str) -> bool:
    """The question asks when, or how long."""
    return bool(_ASKS_TIME.search(text))


def states_time(text: str) -> bool:
    """The text names a span or a point in time."""
    return bool(_TIME.search(text))


def states_figure(text: str) -> bool:
    """The text holds a figure: digits, or Chinese numerals with a unit (两项, 三年); not the 一 of 统一."""
    return any(any(c.isdigit() for c in mention.text) or mention.unit not in ("", "other") for mention in find_numbers(text))
