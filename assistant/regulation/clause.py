"""The clause model: one node of a regulation's tree 章 → 条 → 款 → 项 → 目."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ClauseAddress:
    """Where a clause sits: article (条), paragraph (款), item (项（一）), subitem (目 1.)."""

    article: int
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None

    @property
    def id(self) -> str:
        """A compact, URL-safe id such as ``a5p1i1s3``."""
        parts = [f"a{self.article}"]
        for prefix, value in (("p", self.paragraph), ("i", self.item), ("s", self.subitem)):
            if value is not None:
                parts.append(f"{prefix}{value}")
        return "".join(parts)

    def contains(self, other: ClauseAddress) -> bool:
        """True when ``other`` is this clause or lies inside it."""
        if self.article != other.article:
            return False
        for mine, theirs in (
            (self.paragraph, other.paragraph),
            (self.item, other.item),
            (self.subitem, other.subitem),
        ):
            if mine is not None and mine != theirs:
                # Items live in paragraph 1; an address may give that paragraph as None.
                if not (mine == 1 and theirs is None):
                    return False
        return True


@dataclass
class Clause:
    """A clause with its own text (``own_text``) and its children; ``text`` is the whole subtree."""

    address: ClauseAddress
    label: str
    own_text: str
    regulation_id: str
    chapter: str | None = None
    caption: str | None = None
    children: list[Clause] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join([self.own_text, *(child.text for child in self.children)])

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self):
        """This clause and every clause below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_address(self) -> dict[str, Any]:
        """The public clause address of DESIGN.md, plus its id and regulation."""
        a = self.address
        return {
            "article": a.article,
            "paragraph": a.paragraph,
            "item": a.item,
            "subitem": a.subitem,
            "label": self.label,
            "text": self.text,
            "id": a.id,
            "regulation": self.regulation_id,
        }


@dataclass
class Regulation:
    """A parsed regulation: metadata plus its articles in order."""

    id: str
    title: str
    articles: list[Clause]
    metadata: dict[str, Any] = field(default_factory=dict)
    chapters: list[tuple[str, str]] = field(default_factory=list)  # (第一章, 总则)

    def walk(self):
        for article in self.articles:
            yield from article.walk()

    def leaves(self) -> list[Clause]:
        """The finest clauses: what answers cite."""
        return [clause for clause in self.walk() if clause.is_leaf]
