"""Loading the rule file: the default path, and refusing malformed data with the file and place named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assistant.corpus import load_package
from assistant.eligibility import RuleBook, build_rulebook
from assistant.errors import CorpusError, RuleDataError
from assistant.regulation import Regulation
from tests.eligibility.wuhan import CATEGORIES, PACKAGE


def test_the_rule_file_sits_in_the_regulations_package(regulation: Regulation):
    assert (PACKAGE.directory / "rules.yaml").exists()
    assert PACKAGE.directory.name == regulation.id


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
        build_rulebook(raw, regulation, rulebook.facts_spec, source="rules.yaml")


def test_a_fact_outside_the_schema_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["categories"][4]["conditions"][1]["fact"] = "platform.served_companies"
    with pytest.raises(
        RuleDataError, match="industry_platform_subsidy.served_enterprises: reads platform.served_companies"
    ):
        build_rulebook(raw, regulation, rulebook.facts_spec)


def test_a_clause_the_regulation_lacks_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["categories"][0]["conditions"][0]["clause"] = "第四条第（三）项第1目"
    with pytest.raises(RuleDataError, match="dual_cross_awarded: cites 第四条第（三）项第1目"):
        build_rulebook(raw, regulation, rulebook.facts_spec)


def test_a_legal_form_outside_the_schema_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    legal_form = next(c for c in raw["categories"][2]["conditions"] if c["id"] == "legal_form")
    legal_form["values"] = ["independent_legal_person", "company"]
    with pytest.raises(RuleDataError, match="security_service_reward.legal_form: values"):
        build_rulebook(raw, regulation, rulebook.facts_spec)


def test_a_category_listed_twice_is_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["categories"].append(raw["categories"][0])
    with pytest.raises(RuleDataError, match="categories"):
        build_rulebook(raw, regulation, rulebook.facts_spec)


def test_rules_for_another_regulation_are_refused(regulation: Regulation, rulebook: RuleBook):
    raw = raw_rules(rulebook)
    raw["regulation"] = "another-measures"
    with pytest.raises(RuleDataError, match="another-measures"):
        build_rulebook(raw, regulation, rulebook.facts_spec)


def _package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / PACKAGE.directory.name
    shutil.copytree(PACKAGE.directory, copy)
    return copy


def test_an_unreadable_rule_file_names_the_package_and_file(tmp_path: Path):
    package = _package_copy(tmp_path)
    (package / "rules.yaml").write_text("categories: [", encoding="utf-8")
    with pytest.raises(CorpusError, match=f"{package.name}/rules.yaml"):
        load_package(package)


def test_a_rule_file_written_back_loads_the_same(rulebook: RuleBook, tmp_path: Path):
    package = _package_copy(tmp_path)
    (package / "rules.yaml").write_text(yaml.safe_dump(raw_rules(rulebook), allow_unicode=True), encoding="utf-8")
    assert load_package(package).rulebook.rules == rulebook.rules
