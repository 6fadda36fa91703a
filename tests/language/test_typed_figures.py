"""Figures as spreadsheets, reports and English speakers write them are read as plain numbers."""

from __future__ import annotations

import pytest

from assistant.language.english import with_digits
from assistant.language.normalise import normalise_message
from assistant.language.numerals import find_numbers


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("注册量 1.2E+08", "注册量 120000000"),
        ("注册 1.35×10^8 条", "注册 135000000 条"),
        ("新增 107 500 000 条", "新增 107500000 条"),
        ("设备 5 400 台", "设备 5400 台"),
    ],
)
def test_scientific_notation_and_spaced_groups(typed: str, plain: str) -> None:
    assert normalise_message(typed) == plain


@pytest.mark.parametrize("text", ["2024 180", "V1.2E", "版本 3 12 4"])
def test_other_digit_runs_are_left_alone(text: str) -> None:
    assert normalise_message(text) == text


def test_half_a_million_is_five_hundred_thousand() -> None:
    assert with_digits("about half a million a day") == "about 0.5 million a day"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("单位性质：~~分公司~~ 子公司", "单位性质：子公司"),
        ("服务企业数 136 → 152", "服务企业数 152"),
        ("主体变更：个人独资企业 -> 有限责任公司", "主体变更：有限责任公司"),
    ],
)
def test_struck_out_text_and_the_state_before_an_arrow_are_withdrawn(typed: str, read: str) -> None:
    assert normalise_message(typed) == read


@pytest.mark.parametrize("text", ["企业用户少说也有一百三十家", "设备6200±300台", "还凑不满一百家", "顶多110家", "起码5000台"])
def test_hedged_and_plus_minus_figures_are_not_exact(text: str) -> None:
    mentions = find_numbers(normalise_message(text))
    assert mentions and not any(mention.exact for mention in mentions)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.655百万次", 655_000), ("1.2亿", 120_000_000), ("3千万", 30_000_000), ("2.5万台", 25_000)],
)
def test_decimals_times_their_scale_words(text: str, value: int) -> None:
    assert find_numbers(text)[0].value == value
