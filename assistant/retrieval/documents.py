"""What gets indexed: one document per leaf clause, its text prefixed by where it sits."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.regulation import Clause, Regulation


@dataclass(frozen=True)
class ClauseDocument:
    key: str  # "<regulation id>/<clause id>": unique across the corpus
    regulation_id: str
    clause_id: str
    label: str
    search_text: str


def _context(regulation: Regulation, clause: Clause) -> str:
    """Chapter title, article caption and item heading: words the clause itself may not repeat."""
    parts = [title for label, title in regulation.chapters if label == clause.chapter]
    if clause.caption:
        parts.append(clause.caption)
    article = regulation.articles[clause.address.article - 1]
    for node in article.walk():
        a = node.address
        if a.item is not None and a.subitem is None and a.item == clause.address.item and node is not clause:
            if node.address.paragraph == clause.address.paragraph:
                parts.append(node.own_text)
    return " ".join(part for part in parts if part)


def clause_documents(regulations: list[Regulation]) -> list[ClauseDocument]:
    """Every leaf clause of every regulation as a document."""
    documents = []
    for regulation in regulations:
        for clause in regulation.leaves():
            documents.append(
                ClauseDocument(
                    key=f"{regulation.id}/{clause.address.id}",
                    regulation_id=regulation.id,
                    clause_id=clause.address.id,
                    label=clause.label,
                    search_text=f"{_context(regulation, clause)} {clause.label} {clause.text}".strip(),
                )
            )
    return documents
