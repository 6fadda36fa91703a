"""Facts are validated strictly: a bad value gets a clear error naming the field; absent means unknown."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.eligibility import CATEGORIES, Facts, parse_facts, relevant_categories
from assistant.errors import InvalidInput

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
    facts = Facts.model_validate(
        {
            "applicant": {
                "registered_in_wuhan": True,
                "legal_form": "independent_legal_person",
                "major_accident_last_2y": False,
                "serious_dishonesty": False,
            },
            "national_recognition": {
                "dual_cross_platform": {"awarded": True, "first_time": True},
                "pilot_demo": [{"program": "integration", "first_time": True}],
            },
            "security_service": {
                "industrial_security_services": True,
                "industrial_security_revenue_2y_yuan": 4200000,
            },
            "identifier_node": {
                "built_after_top_node_launch": True,
                "rd_and_operation_capability": True,
                "technical_team": True,
                "application_scenarios": 3,
                "new_enterprise_nodes": 150,
                "new_registrations": 120000000,
                "daily_resolutions": 800000,
            },
            "platform": {
                "operation_and_service_capability": True,
                "covers_production_chain": True,
                "data_chain": True,
                "served_enterprises": 120,
                "connected_devices": 8000,
                "rated_municipal_industry_platform": True,
            },
        }
    )
    assert facts.security_service is not None
    assert facts.security_service.industrial_security_revenue_2y_yuan == 4_200_000
    assert relevant_categories(facts) == list(CATEGORIES)


def test_absent_facts_stay_unknown_rather_than_false():
    facts = parse_facts({"applicant": {}})
    assert facts.applicant is not None
    assert facts.applicant.major_accident_last_2y is None


def test_applicant_facts_alone_make_no_category_relevant():
    assert relevant_categories(parse_facts({"applicant": {"registered_in_wuhan": True}})) == []


def test_a_category_is_relevant_once_a_fact_of_its_section_is_given():
    facts = parse_facts(
        {"security_service": {"industrial_security_revenue_2y_yuan": 0}, "platform": {"data_chain": False}}
    )
    assert relevant_categories(facts) == ["security_service_reward", "industry_platform_subsidy"]


def test_an_empty_section_makes_no_category_relevant():
    assert relevant_categories(parse_facts({"identifier_node": {}})) == []


def test_an_empty_pilot_list_is_a_fact_that_makes_the_pilot_reward_relevant():
    assert relevant_categories(parse_facts({"national_recognition": {"pilot_demo": []}})) == [
        "pilot_demo_reward"
    ]
