"""A money unit declared once is written after the message's bare figures, and nowhere else."""

from __future__ import annotations

import pytest

from assistant.language.declared_units import declared_money_unit, with_declared_unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("前年一百六，去年一百八十五，单位万元", "万元"),
        ("金额单位：元 收入3180000", "元"),
        ("合计：3,180,000.00（币种：人民币元）", "元"),
        ("单位为万元", "万元"),
        ("服务企业120家，收入300万", None),
        ("单位万元……不对，单位是元", None),  # two declarations: neither is trusted
    ],
)
def test_the_declared_unit(text: str, unit: str | None) -> None:
    assert declared_money_unit(text) == unit


def test_bare_figures_take_the_declared_unit_and_years_do_not() -> None:
    assert with_declared_unit("2024年一百六，2025年一百八十五，单位万元") == "2024年一百六万元，2025年一百八十五万元，单位万元"
    assert with_declared_unit("| 2024 | 158 | 单位：万元") == "| 2024 | 158万元 | 单位：万元"


def test_figures_with_their_own_unit_or_scale_keep_it() -> None:
    text = "单位万元：收入300万，客户12家，另有一家"
    assert with_declared_unit(text) == text


def test_a_labelled_unit_applies_to_its_own_figure_only() -> None:
    assert with_declared_unit("收入（万元）：320，服务企业138") == "收入（万元）：320万元，服务企业138"


def test_a_table_header_unit_alone_changes_nothing() -> None:
    text = "服务企业数|设备连接数|收入（万元）\n138|7320|320"
    assert with_declared_unit(text) == text
