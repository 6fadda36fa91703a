"""Staff search on the page: clause cards by meaning, the matched words highlighted, typos and silence said."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.web.conftest import Visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def search(visit: Visit, query: str) -> None:
    page = visit.page
    page.locator("body").press("/")
    page.fill("#search-input", query)
    with page.expect_response(lambda response: "/v1/search" in response.url
                              and query.split()[0] in unquote(response.url)):
        page.press("#search-input", "Enter")
    page.wait_for_selector("#search-results li")


def test_a_typo_finds_the_clause_with_the_right_word_highlighted(desktop: Visit) -> None:
    page = desktop.open()
    search(desktop, "弄虚做假")
    first = page.locator("#search-results .search-hit").first
    assert first.locator(".clause-link").inner_text() == "第十一条"
    assert first.locator("mark").all_inner_texts() == ["弄虚作假"]
    assert "“弄虚做假”按“弄虚作假”搜索" in page.inner_text("#search-results")
    desktop.screenshot("staff-search-typo")
    assert desktop.errors == []


def test_a_callers_question_about_money_finds_the_amounts(desktop: Visit) -> None:
    page = desktop.open()
    search(desktop, "多少钱")
    marks = page.locator("#search-results .search-hit").first.locator("mark").all_inner_texts()
    assert any(mark.endswith("万元") for mark in marks), marks


def test_a_number_and_a_word_find_the_subsidies_of_that_amount(desktop: Visit) -> None:
    page = desktop.open()
    search(desktop, "补助 200万")
    labels = page.locator("#search-results .search-hit .clause-link").all_inner_texts()[:2]
    assert sorted(labels) == ["第五条第（二）项第1目", "第五条第（二）项第2目"]
    desktop.screenshot("staff-search-amount")


def test_what_the_text_does_not_say_is_said_plainly(desktop: Visit) -> None:
    page = desktop.open()
    search(desktop, "截止时间")
    note = page.locator("#search-results .search-note.missing")
    assert "原文没有规定" in note.inner_text() and "截止" in note.inner_text()
    desktop.screenshot("staff-search-missing")
