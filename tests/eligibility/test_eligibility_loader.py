"""Loading the rule file: the default path, and refusing malformed data with the file and place named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.eligibility import CATEGORIES, RuleBook, load_rulebook
from assistant.eligibility.loader import RULES_DIR, build_rulebook
from assistant.errors import RuleDataError
from assistant.regulation import Regulation


def test_the_default_rule_file_sits_next_to_the_regulation_in_corpus(regulation: Regulation):
    assert (RULES_DIR / f"{regulation.id}.yaml").exists()
    assert RULES_DIR.parent.name == "corpus"


def test_the_rule_book_has_the_five_categories_in_design_order(rulebook: RuleBook):
    assert tuple(category.id for category in rulebook.categories) == CATEGORIES


def test_every_cited_clause_resolves_to_its_address(rulebook: RuleBook):
    assert rulebook.address("第五条第（一）项第3目")["id"] == "a5p1i1s3"
    assert rulebook.address("第四条第二款")["label"] == "第四条第二款"


def raw_rules(rulebook: RuleBook) -> dict:
    return rulebook.rules.model_dump(mode="json", exclude_defaults=True)


def test_an_unknown_key_in_a_condition_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["categories"][2]["conditions"][0]["treshold"] = 3_000_000
    with pytest.raises(RuleDataError, match="rules.yaml: categories.2.conditions.0.treshold"):
        build_rulebook(raw, regulation, source="rules.yaml")


def test_a_fact_outside_the_schema_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["categories"][4]["conditions"][1]["fact"] = "platform.served_companies"
    with pytest.raises(
        RuleDataError, match="industry_platform_subsidy.served_enterprises: reads platform.served_companies"
    ):
        build_rulebook(raw, regulation)


def test_a_clause_the_regulation_lacks_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["categories"][0]["conditions"][0]["clause"] = "第四条第（三）项第1目"
    with pytest.raises(RuleDataError, match="dual_cross_awarded: cites 第四条第（三）项第1目"):
        build_rulebook(raw, regulation)


def test_a_legal_form_outside_the_schema_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    legal_form = next(c for c in raw["categories"][2]["conditions"] if c["id"] == "legal_form")
    legal_form["values"] = ["independent_legal_person", "company"]
    with pytest.raises(RuleDataError, match="security_service_reward.legal_form: values"):
        build_rulebook(raw, regulation)


def test_categories_out_of_order_are_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["categories"].reverse()
    with pytest.raises(RuleDataError, match="categories"):
        build_rulebook(raw, regulation)


def test_rules_for_another_regulation_are_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["regulation"] = "another-measures"
    with pytest.raises(RuleDataError, match="another-measures"):
        build_rulebook(raw, regulation)


def test_an_unreadable_file_names_the_file(regulation: Regulation, tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("categories: [", encoding="utf-8")
    with pytest.raises(RuleDataError, match="broken.yaml"):
        load_rulebook(regulation, broken)


def test_a_rule_file_written_back_loads_the_same(regulation: Regulation, rulebook: RuleBook, tmp_path: Path):
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(raw_rules(rulebook), allow_unicode=True), encoding="utf-8")
    assert load_rulebook(regulation, path).rules == rulebook.rules
