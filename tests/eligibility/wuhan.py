"""The Wuhan package's rule book and facts model, for tests written against the DESIGN.md contract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.corpus import load_packages
from assistant.eligibility import FactsBase

REPO = Path(__file__).resolve().parent.parent.parent
PACKAGE = load_packages(REPO / "corpus")[0]
RULEBOOK = PACKAGE.rulebook
Facts = RULEBOOK.facts_model
# DESIGN.md's five categories, in contract order.
CATEGORIES = (
    "dual_cross_platform_reward",
    "pilot_demo_reward",
    "security_service_reward",
    "identifier_node_subsidy",
    "industry_platform_subsidy",
)


def parse_facts(data: Any) -> FactsBase:
    return RULEBOOK.parse_facts(data)
