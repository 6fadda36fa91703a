"""The /v1/precheck result shape, citations, questions and the terminal table."""

from __future__ import annotations

import json

from rich.console import Console

from assistant.eligibility import RuleBook, evaluate, render_precheck_table
from tests.eligibility.wuhan import CATEGORIES, Facts, parse_facts

CONTRACT_KEYS = {"category", "status", "max_amount_yuan", "conditions", "citations", "questions"}
ADDRESS_KEYS = {"article", "paragraph", "item", "subitem", "label", "text"}


def test_the_report_has_one_result_per_category_in_design_order(rulebook: RuleBook):
    body = evaluate(Facts(), rulebook).to_dict()
    assert list(body) == ["results"]
    assert [result["category"] for result in body["results"]] == list(CATEGORIES)


def test_each_result_carries_the_contract_keys_and_conditions_exactly_their_four(rulebook: RuleBook):
    body = evaluate(parse_facts({"platform": {"served_enterprises": 100}}), rulebook).to_dict()
    for result in body["results"]:
        assert CONTRACT_KEYS <= set(result)
        assert result["status"] in {"eligible", "ineligible", "undetermined"}
        for condition in result["conditions"]:
            assert set(condition) == {"id", "text", "status", "citation"}
            assert ADDRESS_KEYS <= set(condition["citation"])
            assert condition["status"] in {"met", "unmet", "unknown"}
        for citation in result["citations"]:
            assert ADDRESS_KEYS <= set(citation)
    json.dumps(body, ensure_ascii=False)  # the body is plain JSON


def test_money_is_integer_yuan_never_float(rulebook: RuleBook):
    body = evaluate(
        parse_facts({"security_service": {"industrial_security_revenue_2y_yuan": 3_000_005}}), rulebook
    )
    for result in body.to_dict()["results"]:
        assert result["max_amount_yuan"] is None or type(result["max_amount_yuan"]) is int


def test_an_ineligible_result_cites_the_clause_it_fails_first(rulebook: RuleBook):
    result = evaluate(parse_facts({"platform": {"served_enterprises": 100}}), rulebook).result(
        "industry_platform_subsidy"
    )
    assert result.status == "ineligible"
    assert result.citations[0]["label"] == "第四条第（二）项第2目"
    assert "超过100家" in result.citations[0]["text"]


def test_an_eligible_result_cites_the_amount_clause_first(rulebook: RuleBook):
    facts = parse_facts(
        {
            "applicant": {
                "registered_in_wuhan": True,
                "legal_form": "independent_legal_person",
                "major_accident_last_2y": False,
                "serious_dishonesty": False,
            },
            "national_recognition": {"dual_cross_platform": {"awarded": True, "first_time": True}},
        }
    )
    result = evaluate(facts, rulebook).result("dual_cross_platform_reward")
    assert result.status == "eligible"
    assert result.citations[0]["label"] == "第五条第（一）项第1目"
    assert "500万元" in result.citations[0]["text"]


def test_questions_go_only_with_undetermined_results_and_name_the_fact_they_fill(rulebook: RuleBook):
    report = evaluate(parse_facts({"applicant": {"major_accident_last_2y": True}, "platform": {}}), rulebook)
    assert all(result.questions == [] for result in report.results)
    report = evaluate(Facts(), rulebook)
    security = report.to_dict()["results"][2]
    assert security["questions"][0].startswith("申报前2个自然年内")
    assert security["next_questions"][0] == {
        "fact": "security_service.industrial_security_revenue_2y_yuan",
        "question": security["questions"][0],
        "condition": "security_revenue",
    }


def test_one_question_is_asked_per_fact(rulebook: RuleBook):
    for result in evaluate(Facts(), rulebook).results:
        facts = [question.fact for question in result.next_questions]
        assert len(facts) == len(set(facts))


def test_an_undecided_legal_form_gets_its_own_question(rulebook: RuleBook):
    result = evaluate(parse_facts({"applicant": {"legal_form": "other"}}), rulebook).result(
        "security_service_reward"
    )
    legal_form_question = next(q for q in result.next_questions if q.fact == "applicant.legal_form")
    assert "“其他”" in legal_form_question.question


def test_the_security_note_says_where_the_cap_binds(rulebook: RuleBook):
    result = evaluate(
        parse_facts({"security_service": {"industrial_security_revenue_2y_yuan": 4_200_000}}), rulebook
    )
    assert "收入达到1000万元即封顶100万元" in result.result("security_service_reward").amount_note


def test_results_say_what_the_text_leaves_open(rulebook: RuleBook):
    for result in evaluate(Facts(), rulebook).to_dict()["results"]:
        assert any("叠加" in point for point in result["open_points"])
        assert any("申报通知" in point for point in result["open_points"])


def test_the_table_renders_every_category_with_its_decision(rulebook: RuleBook):
    report = evaluate(parse_facts({"platform": {"served_enterprises": 100}}), rulebook)
    console = Console(width=200, record=True)
    console.print(render_precheck_table(report))
    text = console.export_text()
    for result in report.results:
        assert result.title in text
    assert "不符合" in text and "待定" in text
    assert "服务企业数还差1家" in text
