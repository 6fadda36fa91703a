"""Merging a turn's facts into the session: later statements replace, possible values narrow."""

from __future__ import annotations

from assistant.reading import merge_facts

BOTH = ["independent_legal_person", "branch"]


def test_a_vaguer_later_statement_keeps_the_sharper_earlier_one():
    known = {"applicant": {"legal_form": "independent_legal_person"}}
    assert merge_facts(known, {"applicant": {"legal_form": BOTH}}) == known


def test_two_sets_of_possible_values_keep_what_both_allow():
    known = {"applicant": {"legal_form": ["independent_legal_person", "consortium", "other"]}}
    merged = merge_facts(known, {"applicant": {"legal_form": BOTH}})
    assert merged == {"applicant": {"legal_form": "independent_legal_person"}}


def test_a_set_that_contradicts_what_is_known_replaces_it():
    known = {"applicant": {"legal_form": "individual_business"}}
    assert merge_facts(known, {"applicant": {"legal_form": BOTH}}) == {"applicant": {"legal_form": BOTH}}


def test_a_single_value_always_replaces():
    known = {"applicant": {"legal_form": "independent_legal_person"}}
    assert merge_facts(known, {"applicant": {"legal_form": "branch"}}) == {"applicant": {"legal_form": "branch"}}


def test_records_are_still_replaced_per_programme():
    known = {"national_recognition": {"pilot_demo": [{"program": "innovation", "first_time": False}]}}
    delta = {"national_recognition": {"pilot_demo": [{"program": "integration", "first_time": True}]}}
    merged = merge_facts(known, delta)["national_recognition"]["pilot_demo"]
    assert merged == [{"program": "innovation", "first_time": False}, {"program": "integration", "first_time": True}]
