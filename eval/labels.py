"""Training labels of the answering heads derived from an eval question, as the package's own are written
(corpus/<id>/questions/dev.yaml's header): status from the eval label; category and aspect from what the rules use
the first gold clause for (a clause several categories share gets the category its own words name, else none; a
category's amount clause that also says how a condition is proven counts as its amount clause); for a not_found
question, the open topic its words name, if any."""

from __future__ import annotations

from typing import Any

from assistant.answering import Answerer

Owners = dict[str, set[tuple[str, str]]]


def clause_owners(answerer: Answerer) -> Owners:
    """clause id → the (category, aspect) pairs the rules use it for."""
    owners: Owners = {}
    for category, clauses in answerer.category_clauses.items():
        for aspect in ("amount", "condition", "material"):
            # An evidence clause that is also the category's amount clause (合同和发票) counts as the amount clause.
            for clause in clauses.for_aspect(aspect)[: 1 if aspect == "condition" else None] + (
                [c for c in clauses.evidence if c not in clauses.amount] if aspect == "material" else []
            ):
                owners.setdefault(clause, set()).add((category, aspect))
    return owners


def category_and_aspect(answerer: Answerer, owners: Owners, question: str, gold: list[str]) -> tuple[str | None, str | None]:
    """The category and aspect an answered question is about (None where the rule above gives none)."""
    own = owners.get(gold[0], set()) if gold else set()
    categories = {category for category, _ in own}
    aspects = {aspect for _, aspect in own}
    words = answerer.reader.categories(answerer.reader.analyse(question).text)
    if len(categories) == 1:
        category: str | None = next(iter(categories))
    else:
        category = words[0] if len(words) == 1 and (not categories or words[0] in categories) else None
    return category, next(iter(aspects)) if len(aspects) == 1 else None


def training_label(answerer: Answerer, owners: Owners, case: dict[str, Any]) -> dict[str, str]:
    """One eval question as a package training question (corpus/<id>/questions/*.yaml)."""
    label = {"question": case["question"], "status": case["expected_status"]}
    if case["expected_status"] == "answered":
        category, aspect = category_and_aspect(answerer, owners, case["question"], case.get("gold") or [])
        label |= {key: value for key, value in (("category", category), ("aspect", aspect)) if value}
    elif case["expected_status"] == "not_found" and (topic := answerer.reader.analyse(case["question"]).open_topic):
        label["topic"] = topic
    return label
