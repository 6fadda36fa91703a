"""Input is never lost: messages typed while an answer is pending are queued and sent in order; a failed
send keeps the text, says in Chinese what happened and offers 重试; Retry-After is honoured; panel
edits that did not reach the server stay marked unsaved and are retried, never silently reverted.

The server is the real one; only the network between page and server is interrupted (held, cut, or
answered 503 by the route), because that is what these tests are about.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.web.conftest import Capabilities, Visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

USER = "#messages .message.user"
ANSWERS = "#messages .message.assistant.answered"


def wait_until(visit: Visit, predicate: Any, timeout_s: float = 10) -> None:
    """Let the browser run (route handlers fire inside Playwright calls) until predicate() holds."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        visit.page.wait_for_timeout(50)


def test_a_message_typed_while_an_answer_is_pending_is_queued_and_sent_next(desktop: Visit) -> None:
    page = desktop.open()
    held: list[Any] = []
    bodies: list[dict[str, Any]] = []

    def hold(route: Any) -> None:
        bodies.append(json.loads(route.request.post_data or "{}"))
        if held:
            route.continue_()  # only the first answer is held back
        else:
            held.append(route)

    page.route("**/v1/chat*", hold)
    page.fill("#message-input", "弄虚作假会怎么处理？")
    page.press("#message-input", "Enter")
    wait_until(desktop, lambda: len(held) == 1)
    page.fill("#message-input", "首次获评双跨平台能拿多少奖励？")
    page.press("#message-input", "Enter")
    # The second message is on screen at once, marked as waiting; the box is free for more.
    assert page.locator(USER).nth(1).inner_text().endswith("首次获评双跨平台能拿多少奖励？")
    assert "queued" in (page.locator(USER).nth(1).get_attribute("class") or "")
    assert "1 条在排队" in page.inner_text("#queue-note")
    assert page.input_value("#message-input") == ""
    desktop.screenshot("queue-pending")
    held[0].continue_()
    desktop.wait_answers(2)
    answers = page.locator(ANSWERS)
    assert "取消" in answers.nth(0).inner_text()
    assert "500万元" in answers.nth(1).inner_text()
    assert [body["message"] for body in bodies] == ["弄虚作假会怎么处理？", "首次获评双跨平台能拿多少奖励？"]
    # The second went out on the session the first one opened.
    assert bodies[1]["session_id"]
    assert page.locator(f"{USER}.queued").count() == 0
    assert not page.is_visible("#queue-note")
    assert desktop.errors == []


def test_a_failed_send_keeps_the_text_says_why_in_chinese_and_retries(desktop: Visit) -> None:
    page = desktop.open()

    def cut(route: Any) -> None:
        route.abort("internetdisconnected")

    page.route("**/v1/chat*", cut)
    page.fill("#message-input", "弄虚作假会怎么处理？")
    page.press("#message-input", "Enter")
    failed = page.locator("#messages .message.assistant.error")
    failed.wait_for()
    text = failed.inner_text()
    assert "连接不上服务器" in text and "Failed to fetch" not in text
    assert page.input_value("#message-input") == "弄虚作假会怎么处理？"
    assert "failed" in (page.locator(USER).last.get_attribute("class") or "")
    desktop.screenshot("send-failed")
    page.unroute("**/v1/chat*", cut)
    failed.locator("button.retry").click()
    desktop.wait_answers(1)
    assert "取消" in page.locator(ANSWERS).last.inner_text()
    # Retrying sent the kept message; it is not left behind in the box to be sent twice.
    assert page.input_value("#message-input") == ""
    assert page.locator(USER).count() == 1
    # The browser logs the cut connection itself; the page raised nothing.
    assert [error for error in desktop.errors if "ERR_INTERNET_DISCONNECTED" not in error] == []


@pytest.mark.parametrize("status", [503, 429])
def test_a_busy_server_is_asked_again_only_after_its_retry_after(desktop: Visit, status: int) -> None:
    page = desktop.open()
    seen: list[float] = []

    def busy_once(route: Any) -> None:
        seen.append(time.monotonic())
        if len(seen) == 1:
            route.fulfill(status=status, headers={"Retry-After": "2", "content-type": "application/json"},
                          body=json.dumps({"error": {"code": "busy", "message": "busy"}}))
        else:
            route.continue_()

    page.route("**/v1/chat*", busy_once)
    page.fill("#message-input", "弄虚作假会怎么处理？")
    page.press("#message-input", "Enter")
    page.wait_for_function("() => document.querySelector('#messages .message.assistant.pending')"
                           "?.textContent.includes('秒后自动重发')")
    pending = page.inner_text("#messages .message.assistant.pending")
    assert ("服务暂时繁忙" if status == 503 else "发送太频繁") in pending and "2 秒" in pending
    desktop.wait_answers(1)
    assert len(seen) == 2
    assert seen[1] - seen[0] >= 1.9, "asked again before Retry-After"
    assert "取消" in page.locator(ANSWERS).last.inner_text()
    assert [error for error in desktop.errors if str(status) not in error] == []


def test_a_panel_edit_the_server_did_not_get_stays_unsaved_and_is_retried(
    desktop: Visit, capabilities: Capabilities
) -> None:
    capabilities.need("facts_schema", "GET /v1/facts/schema")
    page = desktop.open()
    desktop.send("我们是武汉注册的独立法人，做工控安全服务的")

    def cut(route: Any) -> None:
        route.abort("connectionrefused")

    page.route("**/v1/sessions/*/facts", cut)
    revenue = "#fact-security_service-industrial_security_revenue_2y_yuan"
    if not page.is_visible(revenue):
        page.click("#fact-more summary")
    page.fill(revenue, "2990000")
    page.press(revenue, "Tab")
    status = page.locator("#facts-status")
    status.wait_for()
    assert "修改未保存" in status.inner_text() and "连接不上服务器" in status.inner_text()
    row = page.locator('.fact-row[data-field="security_service.industrial_security_revenue_2y_yuan"]')
    assert row.locator(".unsaved-tag").inner_text() == "未保存"
    assert page.is_visible("#stale-note")
    # Nothing is reverted while the server is away, not even after the first automatic retry.
    page.wait_for_timeout(2500)
    assert page.input_value(revenue) == "2990000"
    desktop.screenshot("facts-unsaved")
    runs = int(page.get_attribute("#results", "data-runs") or 0)
    page.unroute("**/v1/sessions/*/facts", cut)
    status.locator("button").click()
    page.wait_for_function("n => Number(document.getElementById('results').dataset.runs) > n", arg=runs)
    assert row.locator(".unsaved-tag").count() == 0
    assert not page.is_visible("#facts-status") and not page.is_visible("#stale-note")
    assert page.input_value(revenue) == "2990000"
    card = page.locator('#results [data-category="security_service_reward"]')
    assert card.locator('.condition.unmet[data-condition="security_revenue"]').count() == 1


def test_what_was_typed_or_queued_but_not_answered_survives_a_reload(desktop: Visit) -> None:
    page = desktop.open()
    held: list[Any] = []
    page.route("**/v1/chat*", lambda route: held.append(route))
    page.fill("#message-input", "弄虚作假会怎么处理？")
    page.press("#message-input", "Enter")
    wait_until(desktop, lambda: len(held) == 1)
    page.fill("#message-input", "首次获评双跨平台能拿多少奖励？")
    page.press("#message-input", "Enter")
    page.locator("#message-input").press_sequentially("还有一个问题")
    # The held request stays held: unrouting first would let it through (Playwright continues it), and on a busy
    # machine its answer could arrive before the reload — then it is rightly no longer "unsent".
    page.reload()
    page.wait_for_selector("body.ready")
    kept = page.input_value("#message-input")
    for text in ("弄虚作假会怎么处理？", "首次获评双跨平台能拿多少奖励？", "还有一个问题"):
        assert text in kept
    assert "放回输入框" in page.inner_text("#queue-note")
    desktop.screenshot("unsent-restored")


def test_messages_queued_behind_a_failed_one_wait_for_its_retry_and_keep_their_order(desktop: Visit) -> None:
    page = desktop.open()
    sent: list[str] = []
    down = [True]

    def network(route: Any) -> None:
        if down[0]:
            route.abort("internetdisconnected")
        else:
            sent.append(json.loads(route.request.post_data or "{}")["message"])
            route.continue_()

    page.route("**/v1/chat*", network)
    page.fill("#message-input", "弄虚作假会怎么处理？")
    page.press("#message-input", "Enter")
    page.locator("#messages .message.assistant.error").wait_for()
    page.fill("#message-input", "首次获评双跨平台能拿多少奖励？")
    page.press("#message-input", "Enter")
    assert "重试成功后按顺序发送" in page.inner_text("#queue-note")
    page.wait_for_timeout(300)
    assert sent == []  # nothing overtakes the failed message
    down[0] = False
    page.locator("#messages .message.assistant.error button.retry").click()
    desktop.wait_answers(2)
    assert sent == ["弄虚作假会怎么处理？", "首次获评双跨平台能拿多少奖励？"]
    assert "500万元" in page.locator(ANSWERS).last.inner_text()
