"""Figures and facts told as a whole with its parts: money totals, yearly figures, accident fields."""

from __future__ import annotations

import pytest

from tests.conversation.test_extraction import extract_facts

REVENUE = "security_service.industrial_security_revenue_2y_yuan"


def _revenue(message: str) -> int | None:
    delta = extract_facts(message).delta
    return delta.get("security_service", {}).get("industrial_security_revenue_2y_yuan")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # the part named as counting
        ("安全服务收入一共540万，其中给工业企业的340万、给政府机关的200万", 3_400_000),
        # the total less the parts that do not count, when the rest is said to count
        ("两年网络安全服务收入760万元，其中对医院和学校的有310万元，其余都来自工业企业", 4_500_000),
        # the part of the rules' own period
        ("近三年对工业企业的安全服务收入一共460万，其中申报前两个自然年只有270万", 2_700_000),
        # a yearly part of a two-year total leaves the total
        ("两年工业网安收入三百八十万，其中去年占二百一十万", 3_800_000),
    ],
)
def test_the_part_the_rules_count(message: str, expected: int) -> None:
    assert _revenue(message) == expected


def test_a_part_that_does_not_count_is_not_subtracted_unless_the_rest_is_said_to_count() -> None:
    reading = extract_facts("两年安全服务收入760万，其中310万来自医院")
    assert "security_service" not in reading.delta
    assert reading.to_confirm


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("2022年对工业企业的安全服务收入260万，2023年215万，2024年118万", 3_330_000),
        ("大前年安全服务收入100万，前年150万，去年200万", 3_500_000),
        ("今年安全服务收入300万，去年200万，前年150万", 3_500_000),  # this year is not a whole year yet
    ],
)
def test_of_three_yearly_figures_the_two_latest_whole_years_count(message: str, expected: int) -> None:
    assert _revenue(message) == expected


def test_a_calendar_year_is_not_a_two_year_word() -> None:
    # "2022年" holds "2年": the figure was taken as the two-year total and the next year's dropped.
    assert _revenue("2022年安全服务收入160万，2023年215万") == 3_750_000


def test_a_turnover_after_a_count_does_not_continue_its_list() -> None:
    delta = extract_facts("我们的平台服务了150家企业，设备连接数刚好5000台套，平台年收入1.2亿").delta
    assert delta == {"platform": {"served_enterprises": 150, "connected_devices": 5000}}


@pytest.mark.parametrize(
    ("message", "expected"),
    [("我们的二级节点只做出一项典型应用场景", 1), ("才落地了一个场景", 1)],
)
def test_only_with_a_verb_before_one_counts_one(message: str, expected: int) -> None:
    assert extract_facts(message).delta == {"identifier_node": {"application_scenarios": expected}}


def test_only_is_before_one_is_still_an_article() -> None:
    assert extract_facts("我们只是一家小企业，服务企业120家").delta == {"platform": {"served_enterprises": 120}}


def test_this_years_total_is_annual_and_a_running_total_is_asked() -> None:
    assert extract_facts("今年标识新增注册一共一亿零九百万").delta == {"identifier_node": {"new_registrations": 109_000_000}}
    assert extract_facts("新增注册一共一亿零九百万").to_confirm


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # a part told, then a "no" naming the other parts: the told one stands
        ("2025年4月厂区发生一起重大环保事故。安全、质量方面倒是没出事", True),
        # the "no" names the part told: it is withdrawn
        ("去年好像出过环保事故。后来查了，环保方面没有重大事故", False),
    ],
)
def test_a_no_naming_other_parts_leaves_a_told_accident(message: str, expected: bool) -> None:
    assert extract_facts(message).delta["applicant"]["major_accident_last_2y"] is expected
