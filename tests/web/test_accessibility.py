"""Accessibility: axe-core (vendored) finds no serious or critical violation on the chat, pre-check and
checklist views, desktop and phone; small text keeps 4.5:1; the clause pane hands the focus back;
on a phone a changed decision shows a cue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import ARTIFACTS, Visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
DIALOGUE = [
    "我们是武汉注册的独立法人，做工控安全服务的",
    "前两年给工业企业的安全服务收入420万元",
    "没有重大事故，也没有严重失信",
]
SECURITY_CARD = '#results [data-category="security_service_reward"]'


def axe_violations(visit: Visit, view: str) -> list[dict[str, Any]]:
    """Run axe-core in the page; the serious and critical violations, each with where it was found."""
    page = visit.page
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
                resultTypes: ['violations'],
            });
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{view}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return [violation for violation in result if violation["impact"] in ("serious", "critical")]


def precheck_dialogue(visit: Visit) -> None:
    for message in DIALOGUE:
        visit.send(message)


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_axe_finds_no_serious_violation_on_chat_precheck_and_checklist(device: str, request: Any) -> None:
    visit: Visit = request.getfixturevalue(device)
    page = visit.open()
    visit.send("弄虚作假会怎么处理？")
    page.locator("#messages .message.assistant.answered >> nth=-1").locator(".clause-link").first.click()
    page.locator("#clause-pane").wait_for(state="visible")
    assert axe_violations(visit, f"{device}-chat") == []
    visit.screenshot(f"axe-{device}-chat")
    page.keyboard.press("Escape")

    precheck_dialogue(visit)
    page.click("#tab-precheck")
    page.locator(SECURITY_CARD).scroll_into_view_if_needed()
    assert axe_violations(visit, f"{device}-precheck") == []
    visit.screenshot(f"axe-{device}-precheck", full_page=True)

    page.click("#tab-checklist")
    page.locator("#checklist .checklist-item").first.wait_for()
    assert axe_violations(visit, f"{device}-checklist") == []
    visit.screenshot(f"axe-{device}-checklist", full_page=True)

    page.check("#staff-toggle")
    page.fill("#search-input", "弄虚做假")
    page.press("#search-input", "Enter")
    page.locator("#search-results .search-hit").first.wait_for()
    assert axe_violations(visit, f"{device}-staff-search") == []
    assert visit.errors == []


CONTRAST = """(selector) => {
    const node = document.querySelector(selector);
    const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const luminance = ([r, g, b]) => {
        const [R, G, B] = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    let back = node;
    while (back && getComputedStyle(back).backgroundColor.match(/rgba\\(.*, 0\\)|transparent/)) back = back.parentElement;
    const fg = luminance(rgb(getComputedStyle(node).color));
    const bg = luminance(rgb(back ? getComputedStyle(back).backgroundColor : 'rgb(255,255,255)'));
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}"""


def test_small_grey_text_and_the_undetermined_badge_reach_four_and_a_half_to_one(desktop: Visit) -> None:
    page = desktop.open()
    desktop.send(DIALOGUE[0])
    for selector in (".message .who", ".shortcuts", ".hint", '.badge[data-badge="undetermined"]', ".condition-status"):
        page.locator(selector).first.wait_for(state="attached")
        ratio = page.evaluate(CONTRAST, selector)
        assert ratio >= 4.5, (selector, round(ratio, 2))


def test_esc_closes_the_clause_pane_and_the_focus_returns_to_the_link_that_opened_it(desktop: Visit) -> None:
    page = desktop.open()
    desktop.send("安全服务机构的奖励标准是什么？")
    link = page.locator("#messages .message.assistant.answered >> nth=-1").locator(".citations .clause-link").first
    link.focus()
    page.keyboard.press("Enter")
    page.locator("#clause-pane").wait_for(state="visible")
    assert page.evaluate("() => document.getElementById('clause-pane').contains(document.activeElement)")
    page.keyboard.press("Escape")
    page.locator("#clause-pane").wait_for(state="hidden")
    assert link.evaluate("node => node === document.activeElement")
    # The close button does the same.
    link.click()
    page.locator("#clause-pane").wait_for(state="visible")
    page.click("#clause-close")
    assert link.evaluate("node => node === document.activeElement")
    assert desktop.errors == []


def test_on_a_phone_a_changed_decision_shows_a_cue_that_leads_to_the_results(phone: Visit) -> None:
    page = phone.open()
    precheck_dialogue(phone)
    cue = page.locator("#decision-cue")
    cue.wait_for(state="visible")
    assert "预审结论有更新" in cue.inner_text() and "符合" in cue.inner_text()
    assert page.is_visible("#precheck-badge")
    phone.screenshot("phone-decision-cue")
    cue.locator("button").click()
    cue.wait_for(state="hidden")
    assert not page.is_visible("#precheck-badge")
    box = page.locator("#results").bounding_box()
    assert box is not None and box["y"] < 844
    phone.screenshot("phone-results-after-cue")
    assert phone.errors == []


def test_on_a_desktop_the_results_are_in_view_and_need_no_cue(desktop: Visit) -> None:
    page = desktop.open()
    precheck_dialogue(desktop)
    assert page.locator(SECURITY_CARD).get_attribute("data-status") == "eligible"
    assert not page.is_visible("#decision-cue")
