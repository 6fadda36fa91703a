"""The material checklist of a category: 第七条第三款's materials plus the evidence each condition needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from assistant.eligibility.rules import RuleBook
from assistant.errors import UnknownCategory
from assistant.language import phrases


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to hand in, the clause that asks for it, and what it proves."""

    name: str
    citation: dict[str, Any]
    evidence: str
    kind: Literal["material", "condition"]
    condition: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "citation": dict(self.citation),
            "evidence": self.evidence,
            "kind": self.kind,
            "condition": self.condition,
        }


@dataclass(frozen=True)
class Checklist:
    """What an applicant for one category prepares (nothing, for 免申即享 categories)."""

    category: str
    title: str
    application_required: bool
    note: str
    items: tuple[ChecklistItem, ...]
    regulation_title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "title": self.title,
            "application_required": self.application_required,
            "note": self.note,
            "items": [item.to_dict() for item in self.items],
        }

    def to_text(self) -> str:
        """The checklist as printable Chinese text."""
        lines = [
            f"《{self.regulation_title}》" if self.regulation_title else "",
            phrases.CHECKLIST_TITLE.format(title=self.title),
            "",
        ]
        if not self.application_required:
            lines += [phrases.CHECKLIST_EXEMPT, self.note]
            return "\n".join(lines).strip() + "\n"
        for heading, kind in phrases.CHECKLIST_SECTIONS:
            items = [item for item in self.items if item.kind == kind]
            lines.append(heading)
            for number, item in enumerate(items, start=1):
                lines.append(f"  {number}. {item.name}（{item.citation['label']}）")
                lines.append(f"     {item.evidence}")
            lines.append("")
        lines.append(phrases.CHECKLIST_NOTE.format(note=self.note))
        return "\n".join(lines).strip() + "\n"


def build_checklist(category: str, rulebook: RuleBook) -> Checklist:
    """The checklist of one category; raises UnknownCategory for an id not in the rule book."""
    rules = rulebook.category(category)
    if rules is None:
        known = ", ".join(c.id for c in rulebook.categories)
        raise UnknownCategory(f"unknown category {category!r}; known: {known}")
    regulation_title = rulebook.regulation.title
    exempt = rulebook.rules.exempt
    if category in exempt.categories:
        return Checklist(category, rules.title, False, exempt.note.strip(), (), regulation_title)
    materials = rulebook.rules.materials
    material_items = [
        ChecklistItem(item.name, rulebook.addresses[materials.clause], item.evidence, "material")
        for item in materials.items
    ]
    condition_items = [
        ChecklistItem(
            name=condition.text,
            citation=rulebook.addresses[condition.evidence_clause or condition.clause],
            evidence=condition.evidence,
            kind="condition",
            condition=condition.id,
        )
        for condition in rules.conditions
    ]
    note = "".join((materials.note.strip(), *rulebook.rules.open_points))
    return Checklist(category, rules.title, True, note, (*material_items, *condition_items), regulation_title)
