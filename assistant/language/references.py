"""Article numbers a question names: 第一条, 第十五條, 本办法第5条, Article 2, Art. 11, article two, 开篇 (the
first), 最后一条 (``LAST_ARTICLE``: whichever article is last).

A caller who names an article asks about it ("第一条说，制订它是为了规范什么？"). Retrieval reads the
words around the number and may rank a neighbouring article first; the number itself is the surest
evidence there is. Another law's article (《网络安全法》第二十一条) is not one of this regulation's.
"""

from __future__ import annotations

import re
import unicodedata

import cn2an

_CN_NUMERAL = "零〇一二两三四五六七八九十百"
# 条 is also a measure word: 第二条生产线 is a production line, 第三条短信 a text message.
_CHINESE = re.compile(
    rf"第\s*([{_CN_NUMERAL}\d]{{1,5}})\s*[条條](?!生产|产线|线|路|街|道|河|船|鱼|狗|命|腿|短信|消息|建议|意见|评论|新闻|微博|回复|留言)"
)
_ENGLISH_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_ENGLISH = re.compile(rf"\b(?:articles?|art\.)\s*(\d{{1,3}}|{'|'.join(_ENGLISH_WORDS)})\b", re.IGNORECASE)
# The last article, by position: "最后一条", "its final article".
_LAST = re.compile(r"最后一条|末条|(?:final|last|closing) article", re.IGNORECASE)
LAST_ARTICLE = -1
# The first article, by position: "开篇说依据了哪两份文件", "开头第一条", "its opening article".
_FIRST = re.compile(r"开篇|开头(?:那条|一条|第一条|就)?(?:说|写|讲|提)|开宗明义|(?:opening|first) article", re.IGNORECASE)
# A title in book-title marks right before the number: the article is that document's.
_CITED_TITLE = re.compile(r"《([^《》]{1,40})》\s*$")


def _value(numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    if numeral.lower() in _ENGLISH_WORDS:
        return _ENGLISH_WORDS[numeral.lower()]
    try:
        return int(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError):
        return None


def _of_another_document(before: str, own_title: str) -> bool:
    title = _CITED_TITLE.search(before)
    if title is None:
        return False
    cited = title.group(1)
    return cited not in own_title and own_title not in cited


def article_numbers(text: str, own_title: str = "") -> tuple[int, ...]:
    """The article numbers the text names, in order of first mention, without another document's; LAST_ARTICLE
    for "the final article"."""
    text = unicodedata.normalize("NFKC", text)
    found: list[int] = []
    for pattern in (_CHINESE, _ENGLISH):
        for match in pattern.finditer(text):
            number = _value(match.group(1))
            if number is None or number in found or _of_another_document(text[: match.start()], own_title):
                continue
            found.append(number)
    if not found and _LAST.search(text):
        found.append(LAST_ARTICLE)
    if not found and _FIRST.search(text):
        found.append(1)
    return tuple(found)
