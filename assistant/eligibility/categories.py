"""The five support categories of DESIGN.md and which facts make each of them relevant."""

from __future__ import annotations

from assistant.eligibility.facts import Facts, fact_value

CATEGORIES: tuple[str, ...] = (
    "dual_cross_platform_reward",  # 第五条第（一）项第1目
    "pilot_demo_reward",  # 第五条第（一）项第2目
    "security_service_reward",  # 第五条第（一）项第3目
    "identifier_node_subsidy",  # 第五条第（二）项第1目
    "industry_platform_subsidy",  # 第五条第（二）项第2目
)

# The facts section that belongs to each category alone; applicant.* is shared and makes none relevant.
CATEGORY_SECTIONS: dict[str, str] = {
    "dual_cross_platform_reward": "national_recognition.dual_cross_platform",
    "pilot_demo_reward": "national_recognition.pilot_demo",
    "security_service_reward": "security_service",
    "identifier_node_subsidy": "identifier_node",
    "industry_platform_subsidy": "platform",
}


def relevant_categories(facts: Facts) -> list[str]:
    """Categories for which some fact of their own section is given, in DESIGN order."""
    return [category for category in CATEGORIES if _has_fact(fact_value(facts, CATEGORY_SECTIONS[category]))]


def _has_fact(section: object) -> bool:
    if section is None:
        return False
    if isinstance(section, list):
        return True  # an empty pilot list is a fact too: "none obtained"
    return any(value is not None for value in section.__dict__.values())
