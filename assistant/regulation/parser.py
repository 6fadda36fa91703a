"""Parse a cleaned regulation text into its clause tree 章 → 条 → 款 → 项（一） → 目 1.

Headings are recognised only where a heading can stand: at the start of a physical line, after a
line that closed a sentence (or after another heading), and with the next number in sequence. That
keeps cross-references ("依据本办法第五条…") and numbers inside sentences out of the structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.errors import CorpusError
from assistant.regulation.clause import Clause, ClauseAddress, Regulation
from assistant.regulation.cleaning import physical_lines
from assistant.regulation.labels import format_label, parse_number

_CN = "零〇一二三四五六七八九十百千两"
CHAPTER = re.compile(rf"^第(?P<n>[{_CN}]+)章(?P<rest>.*)$")
ARTICLE = re.compile(rf"^第(?P<n>[{_CN}]+)条(?P<rest>.*)$")
ITEM = re.compile(rf"^[（(](?P<n>[{_CN}]+)[）)](?P<rest>.*)$")
SUBITEM = re.compile(r"^(?P<n>\d{1,2})[.．、](?!\d)(?P<rest>.*)$")

# A line ending with these closes a paragraph; after these (or a heading) a heading may follow.
PARAGRAPH_END = ("。", "！", "？")
HEADING_MAY_FOLLOW = (*PARAGRAPH_END, "：", "；")
_PUNCTUATION = re.compile(r"[，。；：、！？,.;:]")
MAX_CAPTION_CHARS = 12


@dataclass
class _Item:
    number: int
    text: str
    subitems: list[str] = field(default_factory=list)


@dataclass
class _Paragraph:
    text: str = ""
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Article:
    number: int
    chapter: str | None
    caption: str | None
    paragraphs: list[_Paragraph] = field(default_factory=list)


def _is_caption(rest: str) -> bool:
    return 0 < len(rest) <= MAX_CAPTION_CHARS and not _PUNCTUATION.search(rest)


class _Reader:
    """Walks the physical lines once, keeping the open article, paragraph and item."""

    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.chapters: list[tuple[str, str]] = []
        self.articles: list[_Article] = []
        self.chapter_label: str | None = None
        self.previous_closed = True  # the previous line allows a heading to start here
        self.paragraph_closed = True  # the next plain line starts a new paragraph

    @property
    def article(self) -> _Article | None:
        return self.articles[-1] if self.articles else None

    def read(self, line: str) -> None:
        if self.previous_closed and self._heading(line):
            return
        self._plain(line)

    def _heading(self, line: str) -> bool:
        article = self.article
        if match := CHAPTER.match(line):
            rest = match["rest"]
            if parse_number(match["n"]) == len(self.chapters) + 1 and _is_caption(rest):
                self.chapter_label = f"第{match['n']}章"
                self.chapters.append((self.chapter_label, rest))
                self.previous_closed = self.paragraph_closed = True
                return True
        if match := ARTICLE.match(line):
            if parse_number(match["n"]) == len(self.articles) + 1:
                rest = match["rest"]
                caption = rest if _is_caption(rest) else None
                new = _Article(parse_number(match["n"]), self.chapter_label, caption)
                self.articles.append(new)
                self.paragraph_closed = True
                if caption is None:
                    self._plain(rest)
                else:
                    self.previous_closed = True
                return True
        if article is None:
            return False
        paragraph = article.paragraphs[-1] if article.paragraphs else None
        if match := ITEM.match(line):
            expected = len(paragraph.items) + 1 if paragraph and paragraph.items else 1
            if parse_number(match["n"]) == expected:
                if expected == 1:
                    paragraph = _Paragraph()
                    article.paragraphs.append(paragraph)
                assert paragraph is not None
                # The marker stays in the text: clause texts keep every character of the law.
                paragraph.items.append(_Item(expected, line))
                self.previous_closed = True
                self.paragraph_closed = False
                return True
        if match := SUBITEM.match(line):
            item = paragraph.items[-1] if paragraph and paragraph.items else None
            if item is not None and int(match["n"]) == len(item.subitems) + 1:
                item.subitems.append("")
                self._append(line)
                return True
        return False

    def _plain(self, line: str) -> None:
        article = self.article
        if article is None:
            self.preamble.append(line)
            return
        if self.paragraph_closed or not article.paragraphs:
            article.paragraphs.append(_Paragraph())
            self.paragraph_closed = False
        self._append(line)

    def _append(self, text: str) -> None:
        """Add text to the innermost open unit and note whether it closed a sentence."""
        assert self.article is not None
        paragraph = self.article.paragraphs[-1]
        if paragraph.items:
            item = paragraph.items[-1]
            if item.subitems:
                item.subitems[-1] += text
            else:
                item.text += text
        else:
            paragraph.text += text
        self.previous_closed = text.endswith(HEADING_MAY_FOLLOW)
        # The source is wrapped at a fixed width, so a sentence end at a line end marks where the
        # unit ends: a plain line after it opens a new paragraph (款), even after items.
        self.paragraph_closed = text.endswith(PARAGRAPH_END)


def _build_article(article: _Article, regulation_id: str) -> Clause:
    def clause(address: ClauseAddress, text: str, children: list[Clause] | None = None) -> Clause:
        return Clause(
            address=address,
            label=format_label(address),
            own_text=text,
            regulation_id=regulation_id,
            chapter=article.chapter,
            caption=article.caption,
            children=children or [],
        )

    def items_of(paragraph: _Paragraph, paragraph_number: int) -> list[Clause]:
        built = []
        for item in paragraph.items:
            subitems = [
                clause(ClauseAddress(article.number, paragraph_number, item.number, index), text)
                for index, text in enumerate(item.subitems, start=1)
            ]
            built.append(clause(ClauseAddress(article.number, paragraph_number, item.number), item.text, subitems))
        return built

    if not article.paragraphs:
        raise CorpusError(f"第{article.number}条 has no text")
    if len(article.paragraphs) == 1:
        only = article.paragraphs[0]
        return clause(ClauseAddress(article.number), only.text, items_of(only, 1))
    paragraphs = [
        clause(ClauseAddress(article.number, number), paragraph.text, items_of(paragraph, number))
        for number, paragraph in enumerate(article.paragraphs, start=1)
    ]
    return clause(ClauseAddress(article.number), "", paragraphs)


def parse_regulation(raw_text: str, regulation_id: str, metadata: dict | None = None) -> Regulation:
    """Parse a raw regulation text (hard-wrapped, with stray spaces) into a Regulation."""
    reader = _Reader()
    for line in physical_lines(raw_text):
        reader.read(line)
    if not reader.articles:
        raise CorpusError(f"{regulation_id}: no article (第一条) found")
    metadata = dict(metadata or {})
    title = metadata.get("title") or "".join(reader.preamble[-2:]) or regulation_id
    return Regulation(
        id=regulation_id,
        title=title,
        articles=[_build_article(article, regulation_id) for article in reader.articles],
        metadata=metadata,
        chapters=reader.chapters,
    )
