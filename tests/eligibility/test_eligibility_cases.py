"""The YAML cases (facts in, decisions out), and coverage: every clause and every rule is exercised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.eligibility import RuleBook, evaluate
from assistant.regulation import Regulation
from tests.eligibility.wuhan import CATEGORIES, Facts

HERE = Path(__file__).parent
CASES_DIR = HERE / "cases"
PROFILES = yaml.safe_load((HERE / "profiles.yaml").read_text(encoding="utf-8"))


def merged(base: Any, override: Any) -> Any:
    """Deep-merge override into base: dicts merge, anything else replaces, None removes the key."""
    if not isinstance(base, dict) or not isinstance(override, dict):
        return override
    result = dict(base)
    for key, value in override.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merged(result.get(key), value)
    return result


def case_facts(case: dict[str, Any]) -> dict[str, Any]:
    base = PROFILES[case["base"]] if "base" in case else {}
    return merged(base, case.get("facts") or {})


def load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append({**case, "file": path.name})
    return cases


CASES = load_cases()
EXPECTATION_KEYS = {
    "status",
    "max_amount_yuan",
    "unmet",
    "unknown",
    "gaps",
    "first_question_fact",
    "amount_note_contains",
}


def test_there_are_at_least_sixty_cases_with_unique_names():
    names = [case["name"] for case in CASES]
    assert len(names) >= 60
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case, rulebook: RuleBook):
    report = evaluate(Facts.model_validate(case_facts(case)), rulebook)
    for category, expected in case["expect"].items():
        assert category in CATEGORIES
        assert set(expected) <= EXPECTATION_KEYS, f"unknown expectation keys in {case['name']}"
        result = report.result(category)
        assert result.status == expected["status"], category
        if "max_amount_yuan" in expected:
            assert result.max_amount_yuan == expected["max_amount_yuan"], category
        if "unmet" in expected:
            assert sorted(result.condition_ids("unmet")) == sorted(expected["unmet"]), category
        if "unknown" in expected:
            assert sorted(result.condition_ids("unknown")) == sorted(expected["unknown"]), category
        if "gaps" in expected:
            assert [gap["text"] for gap in result.gaps] == expected["gaps"], category
        if "first_question_fact" in expected:
            assert result.next_questions[0].fact == expected["first_question_fact"], category
        if "amount_note_contains" in expected:
            assert expected["amount_note_contains"] in result.amount_note, category
    for result in report.results:
        if result.status != "undetermined":
            assert result.citations, f"{result.category} is {result.status} without a citation"


def test_every_condition_bearing_clause_of_articles_four_and_five_is_used_by_a_rule(
    regulation: Regulation, rulebook: RuleBook
):
    bearing = {clause.address.id for clause in regulation.leaves() if clause.address.article in (4, 5)}
    used = set()
    for category in rulebook.categories:
        used.add(rulebook.clauses[category.amount.clause].address.id)
        used.update(rulebook.clauses[condition.clause].address.id for condition in category.conditions)
    assert bearing == {"a4p1i1s1", "a4p1i1s2", "a4p1i2s1", "a4p1i2s2", "a4p2"} | {
        "a5p1i1s1",
        "a5p1i1s2",
        "a5p1i1s3",
        "a5p1i2s1",
        "a5p1i2s2",
    }
    assert bearing - used == set()


def test_every_rule_has_a_passing_and_a_failing_case(rulebook: RuleBook):
    seen: dict[tuple[str, str], set[str]] = {}
    for case in CASES:
        report = evaluate(Facts.model_validate(case_facts(case)), rulebook)
        for result in report.results:
            for condition in result.conditions:
                seen.setdefault((result.category, condition.outcome.rule.id), set()).add(
                    condition.outcome.status
                )
    missing = [
        f"{category}.{condition.id}: {sorted({'met', 'unmet'} - seen.get((category.id, condition.id), set()))}"
        for category in rulebook.categories
        for condition in category.conditions
        if not {"met", "unmet"} <= seen.get((category.id, condition.id), set())
    ]
    assert missing == []
