"""Printing: the pre-check result and the checklist of the category just assessed, from any view."""

from __future__ import annotations

import datetime

import pytest

from tests.web.conftest import ARTIFACTS, Visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DIALOGUE = [
    "我们是武汉注册的独立法人，做工控安全服务的",
    "前两年给工业企业的安全服务收入420万元",
    "没有重大事故，也没有严重失信",
]


def test_the_checklist_follows_the_category_just_assessed(desktop: Visit) -> None:
    page = desktop.open()
    desktop.send(DIALOGUE[0])
    desktop.send(DIALOGUE[1])
    page.wait_for_function("() => document.getElementById('checklist').dataset.category === 'security_service_reward'")
    assert page.input_value("#checklist-category") == "security_service_reward"
    assert page.is_visible("#checklist-badge")  # the tab says its content changed
    page.click("#tab-checklist")
    assert not page.is_visible("#checklist-badge")
    assert "申报主体营业执照" in page.inner_text("#checklist")
    assert desktop.errors == []


def test_printing_from_the_chat_gives_the_precheck_report_and_the_checklist(desktop: Visit) -> None:
    page = desktop.open()
    for message in DIALOGUE:
        desktop.send(message)
    page.wait_for_function("() => document.getElementById('checklist').dataset.category === 'security_service_reward'")
    page.emulate_media(media="print")
    report = page.locator("#print-report")
    assert report.is_visible() and page.locator("#checklist").is_visible()
    assert not page.locator(".chat").is_visible() and not page.locator(".topbar").is_visible()
    text = report.inner_text()
    security = report.locator('.print-result[data-category="security_service_reward"]').inner_text()
    assert "【符合】" in security
    assert "第四条第（一）项第2目" in security and "第四条第二款" in security  # conditions with their clauses
    assert "最高" in security or "金额待定" in security  # the amount bound (or that it is open)
    assert report.locator(".print-result").count() == 5  # every category's decision
    assert "第三方" in security  # the open point of this category
    today = datetime.date.today()
    assert f"{today.year}年{today.month}月{today.day}日" in text
    assert "征求意见稿" in text  # the draft-status notice
    assert "申报材料清单" in page.inner_text("#checklist")
    desktop.screenshot("print-report", full_page=True)
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "precheck-print.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    assert desktop.errors == []


def test_printing_a_fresh_page_is_never_blank(desktop: Visit) -> None:
    page = desktop.open()
    page.wait_for_selector("#checklist .checklist-head", state="attached")
    page.emulate_media(media="print")
    assert page.locator("#print-report").is_visible()
    assert "尚未进行资格预审" in page.inner_text("#print-report")
    assert page.locator("#checklist .checklist-head").is_visible()
    for part in ("#print-report", "#checklist"):
        box = page.locator(part).bounding_box()
        assert box is not None and box["height"] > 60, (part, box)
    pdf = page.pdf(path=str(ARTIFACTS / "fresh-print.pdf"), format="A4")
    assert len(pdf) > 20_000  # a blank printout is a tiny PDF; text brings its fonts
    desktop.screenshot("print-fresh", full_page=True)
    assert desktop.errors == []


def test_the_results_have_their_own_print_button(desktop: Visit) -> None:
    page = desktop.open()
    desktop.send(DIALOGUE[0])
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("#results-print")
    assert page.evaluate("() => window.printed") == 1
