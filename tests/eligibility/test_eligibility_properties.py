"""Properties of the engine over generated profiles (hypothesis): monotone in numbers, honest about unknowns."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.eligibility import RuleBook, evaluate
from tests.eligibility.wuhan import Facts

NUMERIC_FACTS = {
    "security_service.industrial_security_revenue_2y_yuan": 3_000_000,
    "identifier_node.application_scenarios": 2,
    "identifier_node.new_enterprise_nodes": 100,
    "identifier_node.new_registrations": 100_000_000,
    "identifier_node.daily_resolutions": 600_000,
    "platform.served_enterprises": 100,
    "platform.connected_devices": 5_000,
}
CEILINGS = {
    "dual_cross_platform_reward": 5_000_000,
    "pilot_demo_reward": 3_000_000,  # three programmes, 分别 1,000,000
    "security_service_reward": 1_000_000,
    "identifier_node_subsidy": 2_000_000,
    "industry_platform_subsidy": 2_000_000,
}


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def near(threshold: int) -> st.SearchStrategy[int]:
    """Mostly around the threshold, where mistakes hide, sometimes anywhere."""
    return st.sampled_from([max(threshold - 1, 0), threshold, threshold + 1]) | st.integers(0, 3 * threshold)


BOOL = maybe(st.booleans())
LEGAL_FORMS = ["independent_legal_person", "consortium", "branch", "individual_business", "other"]
PROGRAMS = ["integration", "industrial_internet", "innovation"]


def section(**fields: st.SearchStrategy) -> st.SearchStrategy:
    """A facts section that may be absent, each field of which may be absent."""
    return maybe(st.fixed_dictionaries(fields))


PILOT = st.fixed_dictionaries({"program": maybe(st.sampled_from(PROGRAMS)), "first_time": BOOL})
FACTS = st.fixed_dictionaries(
    {
        "applicant": section(
            registered_in_wuhan=BOOL,
            legal_form=maybe(st.sampled_from(LEGAL_FORMS)),
            major_accident_last_2y=BOOL,
            serious_dishonesty=BOOL,
        ),
        "national_recognition": section(
            dual_cross_platform=section(awarded=BOOL, first_time=BOOL),
            pilot_demo=maybe(st.lists(PILOT, max_size=4)),
        ),
        "security_service": section(
            industrial_security_services=BOOL,
            industrial_security_revenue_2y_yuan=maybe(near(3_000_000) | st.integers(9_999_990, 10_000_010)),
        ),
        "identifier_node": section(
            built_after_top_node_launch=BOOL,
            rd_and_operation_capability=BOOL,
            technical_team=BOOL,
            application_scenarios=maybe(near(2)),
            new_enterprise_nodes=maybe(near(100)),
            new_registrations=maybe(near(100_000_000)),
            daily_resolutions=maybe(near(600_000)),
        ),
        "platform": section(
            operation_and_service_capability=BOOL,
            covers_production_chain=BOOL,
            data_chain=BOOL,
            served_enterprises=maybe(near(100)),
            connected_devices=maybe(near(5_000)),
            rated_municipal_industry_platform=BOOL,
        ),
    }
)


def get(data: dict, path: str) -> Any:
    for name in path.split("."):
        if not isinstance(data, dict) or data.get(name) is None:
            return None
        data = data[name]
    return data


def with_value(data: dict, path: str, value: Any) -> dict:
    """A copy of the facts with one path set (sections created as needed)."""
    changed = copy.deepcopy(data)
    node = changed
    *sections, leaf = path.split(".")
    for name in sections:
        if node.get(name) is None:
            node[name] = {}
        node = node[name]
    node[leaf] = value
    return changed


def filled(data: Any, completion: Any) -> Any:
    """Every fact unknown in data taken from completion; known facts kept."""
    if data is None:
        return completion
    if isinstance(data, dict) and isinstance(completion, dict):
        return {key: filled(data.get(key), completion.get(key)) for key in data.keys() | completion.keys()}
    return data


def statuses(data: dict, rulebook: RuleBook) -> dict[str, Any]:
    return {r.category: r for r in evaluate(Facts.model_validate(data), rulebook).results}


@settings(max_examples=300, deadline=None)
@given(data=FACTS, path=st.sampled_from(sorted(NUMERIC_FACTS)), raise_by=st.integers(0, 200_000_000))
def test_raising_a_numeric_fact_never_turns_eligible_into_ineligible(data, path, raise_by, rulebook):
    value = get(data, path)
    if value is None:
        return  # nothing to raise: the fact is unknown
    before = statuses(data, rulebook)
    after = statuses(with_value(data, path, value + raise_by), rulebook)
    for category, result in before.items():
        if result.status == "eligible":
            assert after[category].status == "eligible", (category, path)
            assert after[category].max_amount_yuan >= result.max_amount_yuan


@settings(max_examples=300, deadline=None)
@given(data=FACTS)
def test_unknown_never_yields_eligible(data, rulebook):
    for category, result in statuses(data, rulebook).items():
        if result.condition_ids("unknown"):
            assert result.status != "eligible"
        if result.status == "eligible":
            for condition in result.conditions:
                forgotten = with_value(data, condition.outcome.rule.fact, None)
                assert statuses(forgotten, rulebook)[category].status != "eligible", condition.outcome.rule.id


@settings(max_examples=300, deadline=None)
@given(data=FACTS, completion=FACTS)
def test_learning_more_facts_never_reverses_a_decision(data, completion, rulebook):
    before = statuses(data, rulebook)
    after = statuses(filled(data, completion), rulebook)
    for category, result in before.items():
        if result.status != "undetermined":
            assert after[category].status == result.status, category


@settings(max_examples=300, deadline=None)
@given(data=FACTS)
def test_amounts_are_whole_yuan_within_the_text_s_ceiling(data, rulebook):
    for category, result in statuses(data, rulebook).items():
        amount = result.max_amount_yuan
        assert amount is None or type(amount) is int
        if result.status == "ineligible":
            assert amount == 0
        if result.status == "eligible":
            assert amount is not None and 0 < amount <= CEILINGS[category]
        if amount is not None:
            assert amount <= CEILINGS[category]
        if result.status != "undetermined":
            assert result.citations
