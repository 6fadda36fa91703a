"""Figures as spreadsheets, reports and English speakers write them are read as plain numbers."""

from __future__ import annotations

import pytest

from assistant.language.english import with_digits
from assistant.language.normalise import normalise_message


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
