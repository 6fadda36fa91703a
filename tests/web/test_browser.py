"""End-to-end: the web page in headless Chromium against the real server (chat, pre-check, checklist, staff mode)."""

from __future__ import annotations

import pytest

from tests.web.conftest import ARTIFACTS, Capabilities, Visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRECHECK_DIALOGUE = [
    "我们是武汉注册的独立法人，做工控安全服务的",
    "前两年给工业企业的安全服务收入420万元",
    "没有重大事故，也没有严重失信",
]
SECURITY_CARD = '#results [data-category="security_service_reward"]'
LATEST_ANSWER = "#messages .message.assistant.answered >> nth=-1"


def send(visit: Visit, message: str) -> None:
    """Type a message, press Enter, wait until the streamed answer is complete."""
    visit.send(message)


def fill_fact(visit: Visit, element_id: str, value: str) -> None:
    """Change one fact in the pre-check panel and wait for the re-run pre-check to be drawn."""
    page = visit.page
    if not page.locator(f"#{element_id}").is_visible():
        page.click("#fact-more summary")
    before = int(page.get_attribute("#results", "data-runs") or 0)
    locator = page.locator(f"#{element_id}")
    if locator.evaluate("node => node.tagName") == "SELECT":
        locator.select_option(value)
    else:
        locator.fill(value)
        locator.press("Tab")
    page.wait_for_function(
        "n => Number(document.getElementById('results').dataset.runs || 0) > n", arg=before
    )


def test_question_gets_an_answer_with_its_clause_label_as_link(desktop: Visit) -> None:
    page = desktop.open()
    assert "征求意见稿" in page.inner_text("#draft-note")
    send(desktop, "弄虚作假会怎么处理？")
    answer = page.locator(LATEST_ANSWER)
    assert "取消" in answer.inner_text()
    assert answer.locator(".citations .clause-link", has_text="第十一条").count() == 1
    desktop.screenshot("answer-with-citation")
    assert desktop.errors == []


def test_clicking_a_citation_shows_the_clause_highlighted_and_esc_closes_it(desktop: Visit) -> None:
    page = desktop.open()
    send(desktop, "安全服务机构的奖励标准是什么？")
    page.locator(LATEST_ANSWER).locator(
        ".citations .clause-link", has_text="第五条第（一）项第3目"
    ).first.click()
    pane = page.locator("#clause-pane")
    pane.wait_for(state="visible")
    highlighted = pane.locator(".clause-text.highlight")
    assert highlighted.count() == 1
    assert "最高100万元" in highlighted.inner_text()
    # The whole article is shown around the highlighted clause, so the reader sees its context.
    assert "首次获评国家“双跨”" in pane.inner_text()
    desktop.screenshot("clause-highlighted")
    page.keyboard.press("Escape")
    pane.wait_for(state="hidden")
    assert desktop.errors == []


def test_precheck_dialogue_reaches_security_service_decision_with_amount(
    desktop: Visit, capabilities: Capabilities
) -> None:
    capabilities.need("facts_schema", "GET /v1/facts/schema")
    capabilities.need("max_amount_text", "max_amount_text on pre-check results")
    page = desktop.open()
    for message in PRECHECK_DIALOGUE:
        send(desktop, message)
    card = page.locator(SECURITY_CARD)
    assert card.get_attribute("data-status") == "eligible"
    assert card.locator(".badge").inner_text() == "符合"
    assert "42万元" in card.locator(".amount").inner_text()
    assert card.locator(".condition.met").count() >= 4
    assert card.locator(".condition .clause-link").count() == card.locator(".condition").count()
    revenue = page.locator("#fact-security_service-industrial_security_revenue_2y_yuan")
    assert revenue.input_value() == "4200000"
    desktop.screenshot("precheck-dialogue", full_page=True)
    assert desktop.errors == []


def test_editing_a_fact_reruns_the_precheck(desktop: Visit, capabilities: Capabilities) -> None:
    capabilities.need("facts_schema", "GET /v1/facts/schema")
    capabilities.need("max_amount_text", "max_amount_text on pre-check results")
    page = desktop.open()
    fill_fact(desktop, "fact-applicant-registered_in_wuhan", "true")
    fill_fact(desktop, "fact-applicant-legal_form", "independent_legal_person")
    fill_fact(desktop, "fact-applicant-major_accident_last_2y", "false")
    fill_fact(desktop, "fact-applicant-serious_dishonesty", "false")
    fill_fact(desktop, "fact-security_service-industrial_security_services", "true")
    fill_fact(desktop, "fact-security_service-industrial_security_revenue_2y_yuan", "4200000")
    card = page.locator(SECURITY_CARD)
    assert card.get_attribute("data-status") == "eligible"
    assert "42万元" in card.locator(".amount").inner_text()
    # 300万元以上 includes 300万 but not less: 299万 falls short.
    fill_fact(desktop, "fact-security_service-industrial_security_revenue_2y_yuan", "2990000")
    assert card.get_attribute("data-status") == "ineligible"
    assert card.locator(".badge").inner_text() == "不符合"
    assert card.locator(".amount").count() == 0
    assert card.locator('.condition.unmet[data-condition="security_revenue"]').count() == 1
    desktop.screenshot("precheck-edited", full_page=True)
    assert desktop.errors == []


def test_a_fact_edited_after_a_chat_turn_survives_the_next_message(
    desktop: Visit, capabilities: Capabilities
) -> None:
    capabilities.need("facts_schema", "GET /v1/facts/schema")
    page = desktop.open()
    send(desktop, PRECHECK_DIALOGUE[0])
    send(desktop, PRECHECK_DIALOGUE[1])
    revenue = page.locator("#fact-security_service-industrial_security_revenue_2y_yuan")
    assert revenue.input_value() == "4200000"
    fill_fact(desktop, "fact-security_service-industrial_security_revenue_2y_yuan", "2990000")
    send(desktop, PRECHECK_DIALOGUE[2])
    # The chat answer redraws the panel from the session's facts: the edit must be among them.
    assert revenue.input_value() == "2990000"
    card = page.locator(SECURITY_CARD)
    assert card.get_attribute("data-status") == "ineligible"
    assert card.locator('.condition.unmet[data-condition="security_revenue"]').count() == 1
    assert desktop.errors == []


def test_checklist_is_copyable_and_its_print_view_shows_only_the_checklist(desktop: Visit) -> None:
    page = desktop.open()
    page.click("#tab-checklist")
    page.select_option("#checklist-category", "security_service_reward")
    page.locator("#checklist .checklist-item", has_text="申报主体营业执照").wait_for()
    # Each condition comes with the evidence that proves it: revenue by contracts and invoices.
    assert page.locator("#checklist .checklist-item", has_text="发票").count() == 1
    page.click("#checklist-copy")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "申报主体营业执照" in copied and "第七条第三款" in copied
    desktop.screenshot("checklist")
    page.emulate_media(media="print")
    assert page.locator("#checklist").is_visible()
    assert not page.locator(".chat").is_visible()
    assert not page.locator(".topbar").is_visible()
    desktop.screenshot("checklist-print", full_page=True)
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "checklist-print.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    assert desktop.errors == []


def test_free_application_category_says_no_materials_are_needed(desktop: Visit) -> None:
    page = desktop.open()
    page.click("#tab-checklist")
    page.select_option("#checklist-category", "dual_cross_platform_reward")
    page.wait_for_selector("#checklist .callout.ok")
    assert "免申即享" in page.inner_text("#checklist .callout.ok")
    assert page.locator("#checklist .checklist-item").count() == 0


def test_phone_viewport_stacks_panes_without_horizontal_scroll(phone: Visit) -> None:
    page = phone.open()
    send(phone, "弄虚作假会怎么处理？")
    page.locator(LATEST_ANSWER).locator(".citations .clause-link").first.click()
    page.locator("#clause-pane").wait_for(state="visible")
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], widths
    chat_box = page.locator(".chat").bounding_box()
    side_box = page.locator(".side").bounding_box()
    assert chat_box is not None and side_box is not None
    assert chat_box["width"] <= 390 and side_box["width"] <= 390
    assert abs(chat_box["x"] - side_box["x"]) < 2  # stacked, not side by side
    phone.screenshot("phone", full_page=True)
    assert phone.errors == []


def test_staff_mode_slash_focuses_search_that_finds_article_eleven(desktop: Visit) -> None:
    page = desktop.open()
    assert "Esc" in page.inner_text("#shortcuts")
    page.locator("body").press("/")
    search = page.locator("#search-input")
    assert search.evaluate("node => node === document.activeElement")
    search.fill("弄虚作假")
    search.press("Enter")
    hit = page.locator("#search-results .search-hit .clause-link", has_text="第十一条")
    hit.wait_for()
    desktop.screenshot("staff-search")
    hit.click()
    assert "弄虚作假" in page.inner_text("#clause-pane .clause-text.highlight")
    assert desktop.errors == []


def test_staff_copies_an_answer_together_with_its_citation(desktop: Visit) -> None:
    page = desktop.open("/?staff")
    send(desktop, "弄虚作假会怎么处理？")
    page.locator(LATEST_ANSWER).locator(".copy-answer").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "第十一条" in copied
    assert "征求意见稿" in copied
    assert desktop.errors == []


def test_a_list_of_records_gets_a_row_per_record_with_its_own_fields(
    desktop: Visit, capabilities: Capabilities
) -> None:
    capabilities.need("facts_schema", "GET /v1/facts/schema")
    page = desktop.open()
    schema = page.evaluate("() => fetch('/v1/facts/schema').then(r => r.json())")
    records = next(fact for fact in schema["facts"] if fact["type"] == "records")
    group = page.locator(f'[data-field="{records["path"]}"]')
    if not group.is_visible():
        page.click("#fact-more summary")
    before = int(page.get_attribute("#results", "data-runs") or 0)
    group.get_by_role("button", name="+ 添加一项").click()
    page.wait_for_function("n => Number(document.getElementById('results').dataset.runs || 0) > n", arg=before)
    sub = records["fields"][0]
    editor = page.locator(f'[data-path="{records["path"]}.0.{sub["path"]}"]')
    value = str(sub["choices"][0]["value"]).lower() if sub.get("choices") else "1"
    before = int(page.get_attribute("#results", "data-runs") or 0)
    editor.select_option(value)
    page.wait_for_function("n => Number(document.getElementById('results').dataset.runs || 0) > n", arg=before)
    assert page.locator(f'[data-path="{records["path"]}.0.{sub["path"]}"]').input_value() == value
    desktop.screenshot("facts-records")
    assert desktop.errors == []
