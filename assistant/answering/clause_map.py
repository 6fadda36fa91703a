"""Where the rule data says each category's answers are: amount, condition, material and evidence clauses."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.eligibility.rules import RuleBook


@dataclass(frozen=True)
class CategoryClauses:
    """Where the rule data says a category's answers are, as clause ids."""

    amount: list[str]
    condition: list[str]  # the category's own condition clause first
    material: list[str]
    evidence: list[str]  # clauses saying how a condition is proven (合同和发票 …)
    wordings: list[tuple[str, str]]  # (clause id, a condition's wording in that clause)

    def for_aspect(self, aspect: str) -> list[str]:
        return {"amount": self.amount, "condition": self.condition, "material": self.material}.get(aspect, [])


def clause_id(rulebook: RuleBook, reference: str) -> str:
    """The clause id (a5p1i1s3) of a label the rule file cites."""
    return rulebook.clauses[reference].address.id


def category_clause_map(rulebook: RuleBook) -> dict[str, CategoryClauses]:
    """category → the clause ids of its amount, conditions, materials and evidence."""
    mapping: dict[str, CategoryClauses] = {}
    for category in rulebook.categories:
        cited = [clause_id(rulebook, condition.clause) for condition in category.conditions]
        # The clause that states most of the category's conditions first (its own list of conditions).
        conditions = sorted(set(cited), key=lambda clause: (-cited.count(clause), clause))
        rules = rulebook.rules
        material = rules.exempt.clause if category.id in rules.exempt.categories else rules.materials.clause
        evidence = [clause_id(rulebook, c.evidence_clause) for c in category.conditions if c.evidence_clause]
        mapping[category.id] = CategoryClauses(
            amount=[clause_id(rulebook, category.amount.clause)],
            condition=conditions,
            material=[clause_id(rulebook, material)],
            evidence=list(dict.fromkeys(evidence)),
            wordings=[(clause_id(rulebook, c.clause), c.wording) for c in category.conditions],
        )
    return mapping
