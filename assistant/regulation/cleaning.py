"""Undo the layout of an exported text without changing a character of the law.

The seed comes from a PDF: lines are hard-wrapped at ~30 characters, blank lines separate every
line (and mark page breaks), and numbers carry stray spaces ("500 万元"). Cleaning joins the
wrapped lines into logical lines and drops spaces that touch a CJK character.
"""

from __future__ import annotations

import re

# A space is layout, not law, when a CJK character or full-width punctuation stands on either side.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’、"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")


def squeeze_spaces(line: str) -> str:
    """"给予 500 万元" → "给予500万元"; spaces between two Latin words stay."""
    return _SPACE_NEAR_CJK.sub("", line.strip())


def physical_lines(raw_text: str) -> list[str]:
    """The non-blank lines of a raw text, spaces squeezed, the blank (page-break) lines dropped."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return [squeeze_spaces(line) for line in text.split("\n") if line.strip()]


def law_characters(text: str) -> str:
    """The text with all whitespace removed: what cleaning must preserve exactly."""
    return re.sub(r"\s+", "", text)
