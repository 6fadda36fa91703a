"""With two regulation packages loaded the page offers a picker, and everything it shows — title,
categories, facts, checklist, clause text — comes from the chosen package (the page has no tables)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import REPO, Visit, running_server, visit_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOY = "county-rural-logistics-subsidy"
WUHAN = "wuhan-industrial-internet-fund-measures"


@pytest.fixture(scope="module")
def two_regulations_url(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    toy = REPO / "tests" / "fixtures" / TOY
    if not toy.is_dir():
        pytest.skip("needs the toy regulation package (tests/fixtures) from main")
    corpus = tmp_path_factory.mktemp("two-corpus")
    shutil.copytree(REPO / "corpus" / WUHAN, corpus / WUHAN)
    shutil.copytree(toy, corpus / TOY)
    with running_server(tmp_path_factory.mktemp("two-data"), ASSISTANT_CORPUS_DIR=str(corpus)) as url:
        yield url


@pytest.fixture
def visit(chromium: Any, two_regulations_url: str) -> Iterator[Visit]:
    yield from visit_page(chromium, two_regulations_url, {"width": 1366, "height": 900})


def test_one_regulation_shows_no_picker(desktop: Visit) -> None:
    page = desktop.open()
    assert not page.is_visible("#regulation-picker")


def test_the_picker_switches_titles_categories_facts_and_checklist(visit: Visit) -> None:
    page = visit.open()
    picker = page.locator("#regulation-picker")
    assert picker.is_visible()
    regulations = page.evaluate("() => fetch('/v1/regulations').then(r => r.json())")["regulations"]
    toy = next(r for r in regulations if r["id"] == TOY)
    before = page.locator("#checklist-category option").all_inner_texts()
    picker.select_option(TOY)
    page.wait_for_function("title => document.getElementById('regulation-title').textContent.includes(title)",
                           arg=toy["title"])
    schema = page.evaluate(f"() => fetch('/v1/facts/schema?regulation={TOY}').then(r => r.json())")
    page.wait_for_function("n => document.querySelectorAll('#checklist-category option').length === n",
                           arg=len(schema["categories"]))
    assert not page.is_visible("#examples")  # the page's example questions belong to the first regulation
    categories = page.locator("#checklist-category option").all_inner_texts()
    assert categories == [category["title"] for category in schema["categories"]] and categories != before
    labels = page.locator("#facts .fact-label").all_text_contents()
    assert sorted(labels) == sorted(fact["label"] for fact in schema["facts"])
    page.click("#tab-checklist")
    page.wait_for_function("id => document.getElementById('checklist').dataset.category === id",
                           arg=schema["categories"][0]["id"])
    visit.screenshot("two-regulations-toy")
    visit.send("冷藏车的购车补贴最高多少？")
    answer = page.locator("#messages .message.assistant.answered >> nth=-1")
    assert "8万元" in answer.inner_text()
    answer.locator(".citations .clause-link").first.click()
    page.locator("#clause-pane").wait_for(state="visible")
    assert "冷链运输车辆" in page.inner_text("#clause-pane .clause-text.highlight")
    assert visit.errors == []
