"""The rules read the law: each numeric comparison matches the boundary word of its cited clause.

《民法典》第一千二百五十九条: 以上、以下、以内、届满 include the number; 不满、超过、以外 exclude it.
"""

from __future__ import annotations

import copy

import pytest

from assistant.eligibility import RuleBook
from assistant.eligibility.loader import build_rulebook
from assistant.eligibility.rules import ConditionRule
from assistant.errors import RuleDataError
from assistant.language.legal import read_boundary
from assistant.regulation import Regulation, find_clause
from tests.eligibility.wuhan import RULEBOOK


def numeric_conditions(rulebook: RuleBook) -> list[tuple[str, ConditionRule]]:
    return [
        (category.id, condition)
        for category in rulebook.categories
        for condition in category.conditions
        if condition.is_numeric
    ]


@pytest.mark.parametrize(
    ("wording", "comparison", "number"),
    [
        ("300万元人民币以上", "ge", 3_000_000),
        ("不低于100个", "ge", 100),
        ("不少于两项", "ge", 2),
        ("超过100家", "gt", 100),
        ("100家以下", "le", 100),
        ("5年以内", "le", 5),
        ("不满18周岁", "lt", 18),
        ("不超过5000台套", "le", 5000),
        ("不高于10%", "le", 10),
        ("新增注册量不低于1亿", "ge", 100_000_000),
    ],
)
def test_boundary_words_are_read_as_the_civil_code_says(wording, comparison, number):
    boundary = read_boundary(wording)
    assert (boundary.comparison, boundary.number) == (comparison, number)


def test_the_rule_file_has_a_numeric_condition_for_each_threshold_of_article_four(rulebook: RuleBook):
    assert {(category, c.id) for category, c in numeric_conditions(rulebook)} == {
        ("security_service_reward", "security_revenue"),
        ("identifier_node_subsidy", "new_enterprise_nodes"),
        ("identifier_node_subsidy", "new_registrations"),
        ("identifier_node_subsidy", "daily_resolutions"),
        ("identifier_node_subsidy", "application_scenarios"),
        ("industry_platform_subsidy", "served_enterprises"),
        ("industry_platform_subsidy", "connected_devices"),
    }


# Read by hand from the measures, independently of the rule file (《民法典》第一千二百五十九条:
# 以上、不低于、不少于 include the number; 超过 excludes it).
LAW_READING = {
    "security_service.industrial_security_revenue_2y_yuan": ("ge", 3_000_000),  # 300万元人民币以上
    "identifier_node.new_enterprise_nodes": ("ge", 100),  # 不低于100个
    "identifier_node.new_registrations": ("ge", 100_000_000),  # 不低于1亿
    "identifier_node.daily_resolutions": ("ge", 600_000),  # 不低于60万次
    "identifier_node.application_scenarios": ("ge", 2),  # 不少于2个
    "platform.served_enterprises": ("gt", 100),  # 超过100家
    "platform.connected_devices": ("gt", 5000),  # 超过5000台套
}


def test_every_numeric_condition_compares_as_the_law_reads_its_boundary_word(rulebook: RuleBook):
    found = {condition.fact: (condition.test, condition.threshold) for _category, condition in numeric_conditions(rulebook)}
    assert found == LAW_READING


# The boundary word of each threshold, and a word with another meaning to put in its place.
SWAPS = {"以上": "以下", "不低于": "超过", "不少于": "超过", "超过": "不低于"}


def _swap_boundary(wording: str) -> str:
    word = read_boundary(wording).word
    return wording.replace(word, SWAPS[word], 1)


def test_changing_a_boundary_word_in_the_text_fails_the_load_naming_the_condition(
    regulation: Regulation, rulebook: RuleBook
):
    raw = rulebook_raw(rulebook)
    for category, condition in numeric_conditions(rulebook):
        changed = copy.deepcopy(regulation)
        clause = find_clause(changed, condition.clause)
        assert condition.wording in clause.own_text
        clause.own_text = clause.own_text.replace(condition.wording, _swap_boundary(condition.wording))
        with pytest.raises(RuleDataError) as raised:
            build_rulebook(raw, changed, RULEBOOK.facts_spec, source="rules.yaml")
        assert f"{category}.{condition.id}" in raised.value.message
        assert "rules.yaml" in raised.value.message


def test_a_comparison_that_disagrees_with_the_wording_is_refused(regulation: Regulation, rulebook: RuleBook):
    for category, condition in numeric_conditions(rulebook):
        raw = rulebook_raw(rulebook)
        entry = _condition_entry(raw, category, condition.id)
        entry["test"] = "gt" if condition.test == "ge" else "ge"
        with pytest.raises(RuleDataError, match=rf"{category}\.{condition.id}: test"):
            build_rulebook(raw, regulation, RULEBOOK.facts_spec, source="rules.yaml")


def test_a_threshold_that_disagrees_with_the_wording_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = rulebook_raw(rulebook)
    _condition_entry(raw, "industry_platform_subsidy", "served_enterprises")["threshold"] = 99
    with pytest.raises(RuleDataError, match=r"industry_platform_subsidy\.served_enterprises: threshold 99"):
        build_rulebook(raw, regulation, RULEBOOK.facts_spec, source="rules.yaml")


def test_an_amount_that_disagrees_with_its_clause_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = rulebook_raw(rulebook)
    raw["categories"][0]["amount"]["yuan"] = 4_000_000
    with pytest.raises(RuleDataError, match="amount of dual_cross_platform_reward"):
        build_rulebook(raw, regulation, RULEBOOK.facts_spec)


def test_a_wording_missing_from_its_clause_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = rulebook_raw(rulebook)
    _condition_entry(raw, "dual_cross_platform_reward", "legal_form")["clause"] = "第四条第（一）项第2目"
    with pytest.raises(RuleDataError, match=r"dual_cross_platform_reward\.legal_form: wording"):
        build_rulebook(raw, regulation, RULEBOOK.facts_spec)


def rulebook_raw(rulebook: RuleBook) -> dict:
    """The rule file as plain data, to change one thing in it."""
    return rulebook.rules.model_dump(mode="json", exclude_defaults=True)


def _condition_entry(raw: dict, category: str, condition: str) -> dict:
    entries = next(c for c in raw["categories"] if c["id"] == category)["conditions"]
    return next(entry for entry in entries if entry["id"] == condition)
