"""Facts are validated strictly: a bad value gets a clear error naming the field; absent means unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.eligibility import relevant_categories
from assistant.errors import InvalidInput
from tests.eligibility.wuhan import CATEGORIES, RULEBOOK, Facts, parse_facts

# The facts example of DESIGN.md, shared with bench/bench_precheck.py.
DESIGN_FACTS = Path(__file__).resolve().parents[2] / "examples" / "facts-design.json"

BAD_FACTS = [
    (
        {"security_service": {"industrial_security_revenue_2y_yuan": -1}},
        "security_service.industrial_security_revenue_2y_yuan",
    ),
    ({"platform": {"served_enterprises": "abc"}}, "platform.served_enterprises"),
    ({"platform": {"connected_devices": "5001"}}, "platform.connected_devices"),
    (
        {"security_service": {"industrial_security_revenue_2y_yuan": 4200000.5}},
        "security_service.industrial_security_revenue_2y_yuan",
    ),
    ({"identifier_node": {"application_scenarios": True}}, "identifier_node.application_scenarios"),
    ({"applicant": {"registered_in_wuhan": "yes"}}, "applicant.registered_in_wuhan"),
    ({"applicant": {"legal_form": "company"}}, "applicant.legal_form"),
    ({"applicant": {"employees": 30}}, "applicant.employees"),
    ({"turnover": 1}, "facts.turnover"),
    (
        {"national_recognition": {"pilot_demo": [{"program": "smart_city", "first_time": True}]}},
        "national_recognition.pilot_demo.0.program",
    ),
    ({"national_recognition": {"pilot_demo": {"program": "integration"}}}, "national_recognition.pilot_demo"),
]


@pytest.mark.parametrize(("data", "field"), BAD_FACTS, ids=[field for _, field in BAD_FACTS])
def test_a_bad_fact_is_refused_naming_its_field(data, field):
    with pytest.raises(InvalidInput) as raised:
        parse_facts(data)
    assert field in raised.value.message
    assert raised.value.http_status == 422
    with pytest.raises(ValidationError):
        Facts.model_validate(data)


def test_the_design_example_validates():
    facts = Facts.model_validate(json.loads(DESIGN_FACTS.read_text(encoding="utf-8")))
    assert facts.security_service is not None
    assert facts.security_service.industrial_security_revenue_2y_yuan == 4_200_000
    assert relevant_categories(facts, RULEBOOK.facts_spec) == list(CATEGORIES)


def test_absent_facts_stay_unknown_rather_than_false():
    facts = parse_facts({"applicant": {}})
    assert facts.applicant is not None
    assert facts.applicant.major_accident_last_2y is None


def test_applicant_facts_alone_make_no_category_relevant():
    assert relevant_categories(parse_facts({"applicant": {"registered_in_wuhan": True}}), RULEBOOK.facts_spec) == []


def test_a_category_is_relevant_once_a_fact_of_its_section_is_given():
    facts = parse_facts(
        {"security_service": {"industrial_security_revenue_2y_yuan": 0}, "platform": {"data_chain": False}}
    )
    assert relevant_categories(facts, RULEBOOK.facts_spec) == ["security_service_reward", "industry_platform_subsidy"]


def test_an_empty_section_makes_no_category_relevant():
    assert relevant_categories(parse_facts({"identifier_node": {}}), RULEBOOK.facts_spec) == []


def test_an_empty_pilot_list_is_a_fact_that_makes_the_pilot_reward_relevant():
    assert relevant_categories(parse_facts({"national_recognition": {"pilot_demo": []}}), RULEBOOK.facts_spec) == [
        "pilot_demo_reward"
    ]
