"""The labelled evaluation data is well formed, consistent with the regulation and split as promised."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from opencc import OpenCC

from assistant.errors import ClauseNotFound
from assistant.regulation import Regulation, find_clause

DATA_DIR = Path(__file__).resolve().parents[2] / "eval" / "data"
SPLITS = ("dev", "heldout")
# Held-out share of each file and of each kind inside it (issue 7: roughly 70 % dev / 30 % held-out).
HELDOUT_SHARE = (0.25, 0.35)
# 0.15, not 0.2: dev grew by probe questions written after the split was made (qa-127 on);
# held-out questions are never moved or added to make a share, which would leak tuning into them.
HELDOUT_KIND_SHARE_MIN = 0.15
FLOORS = {"questions": 170, "profiles": 64, "dialogues": 28}
DEV_QUESTIONS_MIN = 120
DEV_RETRIEVAL_QUESTIONS_MIN = 80

QA_KINDS = {
    "fact",
    "amount",
    "computation",
    "condition",
    "boundary",
    "process",
    "material",
    "penalty",
    "colloquial",
    "hotline",
    "traditional",
    "out_of_scope",
    "injection",
    "clarify",
}
QA_STATUSES = {"answered", "not_found", "clarify"}
# What a computed key fact may be when it is not a quotation: an amount or a verdict on a threshold.
COMPUTED_AMOUNT = re.compile(r"\d+(\.\d+)?万元")
VERDICTS = {"满足", "不满足", "符合", "不符合", "可以", "不可以", "不能"}

CATEGORIES = (
    "dual_cross_platform_reward",
    "pilot_demo_reward",
    "security_service_reward",
    "identifier_node_subsidy",
    "industry_platform_subsidy",
)
DECISIONS = {"eligible", "ineligible", "undetermined"}
PROGRAMS = {"integration", "industrial_internet", "innovation"}
LEGAL_FORMS = {"independent_legal_person", "consortium", "branch", "individual_business", "other"}
# DESIGN.md facts schema: section → field → type (bool or int); national_recognition is checked apart.
FACT_FIELDS: dict[str, dict[str, type]] = {
    "applicant": {
        "registered_in_wuhan": bool,
        "legal_form": str,
        "major_accident_last_2y": bool,
        "serious_dishonesty": bool,
    },
    "security_service": {"industrial_security_services": bool, "industrial_security_revenue_2y_yuan": int},
    "identifier_node": {
        "built_after_top_node_launch": bool,
        "rd_and_operation_capability": bool,
        "technical_team": bool,
        "application_scenarios": int,
        "new_enterprise_nodes": int,
        "new_registrations": int,
        "daily_resolutions": int,
    },
    "platform": {
        "operation_and_service_capability": bool,
        "covers_production_chain": bool,
        "data_chain": bool,
        "served_enterprises": int,
        "connected_devices": int,
        "rated_municipal_industry_platform": bool,
    },
}
PROFILE_KINDS = {
    "eligible",
    "unmet",
    "boundary",
    "cap",
    "unknown",
    "kleene",
    "legal_form",
    "general",
    "empty",
    "multi",
}
DIALOGUE_KINDS = {
    "basic",
    "correction",
    "numerals",
    "district",
    "negation",
    "boundary",
    "mixed",
    "multi_category",
    "disqualifier",
}


def _load(stem: str, key: str) -> dict[str, list[dict[str, Any]]]:
    """split → the cases of eval/data/<stem>_<split>.yaml."""
    loaded = {}
    for split in SPLITS:
        data = yaml.safe_load((DATA_DIR / f"{stem}_{split}.yaml").read_text(encoding="utf-8"))
        assert isinstance(data, dict) and isinstance(data.get(key), list), (
            f"{stem}_{split}.yaml: no list '{key}'"
        )
        loaded[split] = data[key]
    return loaded


QUESTIONS = _load("qa", "questions")
PROFILES = _load("profiles", "profiles")
DIALOGUES = _load("dialogues", "dialogues")
ALL_QUESTIONS = [case for split in SPLITS for case in QUESTIONS[split]]
ALL_PROFILES = [case for split in SPLITS for case in PROFILES[split]]
ALL_DIALOGUES = [case for split in SPLITS for case in DIALOGUES[split]]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- questions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ALL_QUESTIONS, ids=lambda case: case["id"])
def test_question_follows_schema(case: dict[str, Any]) -> None:
    assert set(case) <= {"id", "question", "kind", "expected_status", "gold", "key_facts", "computed"}
    assert re.fullmatch(r"qa-(h|f|hf)?\d{3}", case["id"])  # f: the fresh batch of 2026-11-28
    assert isinstance(case["question"], str) and case["question"].strip()
    assert case["kind"] in QA_KINDS
    assert case["expected_status"] in QA_STATUSES
    assert all(isinstance(fact, str) and fact for fact in case["key_facts"])
    if case["expected_status"] == "answered":
        assert case["gold"] and case["key_facts"], "an answered question names its clauses and key facts"
    else:
        assert case["gold"] == [] and case["key_facts"] == [], "a refusal or clarification cites nothing"
    if case["kind"] == "clarify":
        assert case["expected_status"] == "clarify"
    if case["kind"] == "out_of_scope":
        assert case["expected_status"] == "not_found"
    if case["kind"] == "traditional":
        assert OpenCC("t2s").convert(case["question"]) != case["question"], "a traditional question uses 繁体"


@pytest.mark.parametrize("case", [c for c in ALL_QUESTIONS if c["gold"]], ids=lambda case: case["id"])
def test_gold_clauses_exist_and_are_distinct(case: dict[str, Any], regulation: Regulation) -> None:
    assert len(set(case["gold"])) == len(case["gold"])
    for clause_id in case["gold"]:
        try:
            clause = find_clause(regulation, clause_id)
        except ClauseNotFound:
            pytest.fail(f"{case['id']}: gold clause {clause_id} is not in the regulation")
        assert clause.address.id == clause_id, f"{clause_id} is not written in canonical form"
        assert clause.is_leaf, f"{clause_id} is not a leaf clause; cite the clause that holds the words"


@pytest.mark.parametrize("case", [c for c in ALL_QUESTIONS if c["key_facts"]], ids=lambda case: case["id"])
def test_key_facts_are_quoted_from_gold_clauses_or_computed(
    case: dict[str, Any], regulation: Regulation
) -> None:
    gold_texts = [_squash(find_clause(regulation, clause_id).text) for clause_id in case["gold"]]
    derived = [fact for fact in case["key_facts"] if not any(_squash(fact) in text for text in gold_texts)]
    if case.get("computed"):
        assert derived, f"{case['id']} is marked computed but every key fact is a quotation"
        for fact in derived:
            assert COMPUTED_AMOUNT.fullmatch(fact) or fact in VERDICTS, (
                f"{fact!r} is neither quoted nor derived"
            )
    else:
        assert not derived, (
            f"{case['id']}: {derived} not found in {case['gold']}; mark computed: true if derived"
        )


def test_question_ids_are_unique() -> None:
    ids = Counter(case["id"] for case in ALL_QUESTIONS)
    assert [i for i, n in ids.items() if n > 1] == []


def test_dev_and_heldout_share_no_question() -> None:
    dev = {_squash(case["question"]) for case in QUESTIONS["dev"]}
    assert [c["id"] for c in QUESTIONS["heldout"] if _squash(c["question"]) in dev] == []
    assert len(dev) == len(QUESTIONS["dev"]), "a question is repeated inside dev"


def test_question_counts_meet_the_floors() -> None:
    assert len(ALL_QUESTIONS) >= FLOORS["questions"]
    assert len(QUESTIONS["dev"]) >= DEV_QUESTIONS_MIN
    retrieval = [c for c in QUESTIONS["dev"] if c["expected_status"] == "answered" and c["gold"]]
    assert len(retrieval) >= DEV_RETRIEVAL_QUESTIONS_MIN, "dev doubles as the retrieval test set"


def test_every_article_is_asked_about_at_least_twice_in_dev(regulation: Regulation) -> None:
    asked = Counter(
        find_clause(regulation, gold).address.article
        for case in QUESTIONS["dev"]
        for gold in set(case["gold"])
    )
    articles = {clause.address.article for clause in regulation.walk()}
    assert {article for article in articles if asked[article] < 2} == set()


def test_every_kind_and_status_appears_in_both_splits() -> None:
    for split in SPLITS:
        assert {case["kind"] for case in QUESTIONS[split]} == QA_KINDS
        assert {case["expected_status"] for case in QUESTIONS[split]} == QA_STATUSES


# --- profiles -------------------------------------------------------------------------------------


def _check_facts(facts: dict[str, Any]) -> None:
    assert isinstance(facts, dict)
    assert set(facts) <= {*FACT_FIELDS, "national_recognition"}
    for section, fields in FACT_FIELDS.items():
        for name, value in (facts.get(section) or {}).items():
            assert name in fields, f"unknown fact {section}.{name}"
            assert type(value) is fields[name], f"{section}.{name} should be {fields[name].__name__}"
    if "legal_form" in (facts.get("applicant") or {}):
        assert facts["applicant"]["legal_form"] in LEGAL_FORMS
    recognition = facts.get("national_recognition") or {}
    assert set(recognition) <= {"dual_cross_platform", "pilot_demo"}
    dual = recognition.get("dual_cross_platform") or {}
    assert set(dual) <= {"awarded", "first_time"} and all(type(v) is bool for v in dual.values())
    for entry in recognition.get("pilot_demo") or []:
        assert set(entry) <= {"program", "first_time"} and entry["program"] in PROGRAMS
        assert type(entry.get("first_time", False)) is bool


def _check_expected(expected: dict[str, Any], all_categories: bool) -> None:
    assert set(expected) <= set(CATEGORIES) and expected
    if all_categories:
        assert set(expected) == set(CATEGORIES)
    for category, decision in expected.items():
        assert set(decision) == {"status", "max_amount_yuan"} and decision["status"] in DECISIONS
        amount = decision["max_amount_yuan"]
        if decision["status"] == "ineligible":
            assert amount == 0, category
        elif decision["status"] == "eligible":
            assert type(amount) is int and amount > 0, category
        else:
            # The bound if every unknown came out in the applicant's favour; null when it hangs on a missing fact.
            assert amount is None or (type(amount) is int and amount > 0), category


# The stated labelling convention as a reference oracle, so a slip of the hand fails here.
Truth = bool | None


def _all(conditions: list[Truth]) -> Truth:
    """Kleene conjunction: one unmet → False; all met → True; otherwise unknown."""
    if any(condition is False for condition in conditions):
        return False
    return True if all(condition is True for condition in conditions) else None


def _is(value: Any, wanted: Any) -> Truth:
    return None if value is None else value == wanted


def _at_least(value: int | None, floor: int) -> Truth:  # 以上/不低于/不少于: the number itself counts
    return None if value is None else value >= floor


def _more_than(value: int | None, floor: int) -> Truth:  # 超过: the number itself does not count
    return None if value is None else value > floor


def _legal_form_in(form: str | None, accepted: set[str]) -> Truth:
    return None if form is None else form in accepted


# Security (第四条第（一）项第2目) says 企事业单位: met, unmet, and left unknown because the text cannot tell
# (合伙企业 is an enterprise, a social organisation is not).
SECURITY_FORMS: dict[str, Truth] = {
    "independent_legal_person": True,
    "branch": True,
    "individual_business": False,
    "consortium": False,
    "other": None,
}


def _pilot_programs(pilots: list[dict[str, Any]] | None, first_time: set[bool | None]) -> set[str] | None:
    """Distinct programmes whose first_time is in ``first_time`` (分别: one reward per programme)."""
    if pilots is None:
        return None
    return {entry["program"] for entry in pilots if entry.get("first_time") in first_time}


def _reference_decisions(facts: dict[str, Any]) -> dict[str, tuple[str, int | None]]:
    """category → (status, amount bound) under the convention of eval/README.md."""
    applicant = facts.get("applicant") or {}
    form = applicant.get("legal_form")
    general = [
        _is(applicant.get("registered_in_wuhan"), True),
        _is(applicant.get("major_accident_last_2y"), False),
        _is(applicant.get("serious_dishonesty"), False),
    ]
    independent = _legal_form_in(form, {"independent_legal_person"})
    recognition = facts.get("national_recognition") or {}
    dual = recognition.get("dual_cross_platform") or {}
    pilots = recognition.get("pilot_demo")
    confirmed = _pilot_programs(pilots, {True})
    possible = _pilot_programs(pilots, {True, None})  # undetermined: unconfirmed first_time counts in favour
    if pilots is None:
        pilot_met: Truth = None
    elif confirmed:
        pilot_met = True
    else:
        pilot_met = False if all(entry.get("first_time") is False for entry in pilots) else None
    security = facts.get("security_service") or {}
    revenue = security.get("industrial_security_revenue_2y_yuan")
    security_bound = None if revenue is None else min(revenue // 10, 1_000_000)
    node = facts.get("identifier_node") or {}
    platform = facts.get("platform") or {}
    # category → (conditions, bound when eligible, bound when undetermined)
    rules: dict[str, tuple[list[Truth], int | None, int | None]] = {
        "dual_cross_platform_reward": (
            [independent, _is(dual.get("awarded"), True), _is(dual.get("first_time"), True)],
            5_000_000,
            5_000_000,
        ),
        "pilot_demo_reward": (
            [independent, pilot_met],
            None if confirmed is None else 1_000_000 * len(confirmed),
            None if possible is None else 1_000_000 * len(possible),
        ),
        "security_service_reward": (
            [
                None if form is None else SECURITY_FORMS[form],
                _is(security.get("industrial_security_services"), True),
                _at_least(revenue, 3_000_000),
            ],
            security_bound,
            security_bound,
        ),
        "identifier_node_subsidy": (
            [
                independent,
                _is(node.get("built_after_top_node_launch"), True),
                _is(node.get("rd_and_operation_capability"), True),
                _is(node.get("technical_team"), True),
                _at_least(node.get("application_scenarios"), 2),
                _at_least(node.get("new_enterprise_nodes"), 100),
                _at_least(node.get("new_registrations"), 100_000_000),
                _at_least(node.get("daily_resolutions"), 600_000),
            ],
            2_000_000,
            2_000_000,
        ),
        "industry_platform_subsidy": (
            [
                _legal_form_in(form, {"independent_legal_person", "consortium"}),
                _is(platform.get("operation_and_service_capability"), True),
                _is(platform.get("covers_production_chain"), True),
                _is(platform.get("data_chain"), True),
                _more_than(platform.get("served_enterprises"), 100),
                _more_than(platform.get("connected_devices"), 5000),
                _is(platform.get("rated_municipal_industry_platform"), True),
            ],
            2_000_000,
            2_000_000,
        ),
    }
    decisions: dict[str, tuple[str, int | None]] = {}
    for category, (conditions, if_eligible, if_undetermined) in rules.items():
        met = _all([*general, *conditions])
        decisions[category] = (
            ("eligible", if_eligible)
            if met
            else ("ineligible", 0)
            if met is False
            else ("undetermined", if_undetermined)
        )
    return decisions


@pytest.mark.parametrize("case", ALL_PROFILES, ids=lambda case: case["name"])
def test_profile_follows_schema_and_the_labelling_convention(case: dict[str, Any]) -> None:
    assert set(case) == {"id", "name", "kind", "facts", "expected"}
    assert re.fullmatch(r"pf-h?\d{3}", case["id"]) and case["kind"] in PROFILE_KINDS
    _check_facts(case["facts"])
    _check_expected(case["expected"], all_categories=True)
    expected = {category: (d["status"], d["max_amount_yuan"]) for category, d in case["expected"].items()}
    assert expected == _reference_decisions(case["facts"])


def test_profile_ids_and_names_are_unique() -> None:
    assert len({case["id"] for case in ALL_PROFILES}) == len(ALL_PROFILES)
    assert len({case["name"] for case in ALL_PROFILES}) == len(ALL_PROFILES)


def test_profiles_cover_every_decision_of_every_category() -> None:
    seen = {(category, d["status"]) for case in ALL_PROFILES for category, d in case["expected"].items()}
    assert seen == {(category, status) for category in CATEGORIES for status in DECISIONS}


# --- dialogues ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ALL_DIALOGUES, ids=lambda case: case["name"])
def test_dialogue_follows_schema(case: dict[str, Any]) -> None:
    assert set(case) == {"id", "name", "kind", "turns", "expected"}
    assert re.fullmatch(r"dl-h?\d{3}", case["id"]) and case["kind"] in DIALOGUE_KINDS
    assert len(case["turns"]) >= 2 and all(isinstance(turn, str) and turn.strip() for turn in case["turns"])
    _check_expected(case["expected"], all_categories=False)
    for category, decision in case["expected"].items():
        amount = decision["max_amount_yuan"]
        if decision["status"] == "eligible":
            assert amount in _eligible_amounts(category), f"{category}: {amount} is not a possible bound"


def _eligible_amounts(category: str) -> range | set[int]:
    if category == "security_service_reward":
        return range(300_000, 1_000_001)
    if category == "pilot_demo_reward":
        return {1_000_000, 2_000_000, 3_000_000}
    return {5_000_000} if category == "dual_cross_platform_reward" else {2_000_000}


def test_dialogue_ids_and_names_are_unique_and_splits_disjoint() -> None:
    assert len({case["id"] for case in ALL_DIALOGUES}) == len(ALL_DIALOGUES)
    assert len({case["name"] for case in ALL_DIALOGUES}) == len(ALL_DIALOGUES)
    dev_turns = {tuple(case["turns"]) for case in DIALOGUES["dev"]}
    assert [c["id"] for c in DIALOGUES["heldout"] if tuple(c["turns"]) in dev_turns] == []


# --- the split ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, cases", [("questions", QUESTIONS), ("profiles", PROFILES), ("dialogues", DIALOGUES)]
)
def test_heldout_keeps_its_share_of_the_file_and_of_every_kind(
    name: str, cases: dict[str, list[dict]]
) -> None:
    total = len(cases["dev"]) + len(cases["heldout"])
    assert total >= FLOORS[name]
    low, high = HELDOUT_SHARE
    assert low <= len(cases["heldout"]) / total <= high
    dev_kinds = Counter(case["kind"] for case in cases["dev"])
    heldout_kinds = Counter(case["kind"] for case in cases["heldout"])
    thin = {
        kind: (heldout_kinds[kind], dev_kinds[kind])
        for kind in dev_kinds | heldout_kinds
        if heldout_kinds[kind] < HELDOUT_KIND_SHARE_MIN * (dev_kinds[kind] + heldout_kinds[kind])
    }
    assert thin == {}, "held-out (count, dev count) below its share"
    assert set(heldout_kinds) == set(dev_kinds)
