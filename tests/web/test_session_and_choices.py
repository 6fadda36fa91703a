"""The conversation survives a reload (GET /v1/sessions/{id}); 新对话 deletes the old session;
the assistant's question comes with choice buttons that set the fact exactly."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.web.conftest import Capabilities, Visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST = "我们是武汉注册的独立法人，做工控安全服务的"
SECOND = "前两年给工业企业的安全服务收入420万元"
ANSWERS = "#messages .message.assistant.answered"


def test_a_reload_restores_the_conversation_facts_and_results(desktop: Visit, capabilities: Capabilities) -> None:
    capabilities.need("session_history", "GET /v1/sessions/{id}")
    page = desktop.open()
    desktop.send(FIRST)
    desktop.send(SECOND)
    answers_before = page.locator(f"{ANSWERS} .bubble-text").all_inner_texts()
    status = page.get_attribute('#results [data-category="security_service_reward"]', "data-status")
    stored = page.evaluate("() => localStorage.getItem('policy-assistant.session')")
    assert stored
    page.reload()
    page.wait_for_selector("body.ready")
    users = [text.split("\n")[-1] for text in page.locator("#messages .message.user").all_inner_texts()]
    assert users == [FIRST, SECOND]
    # The answers come back as they were given, their clause links included.
    assert page.locator(f"{ANSWERS} .bubble-text").all_inner_texts() == answers_before
    assert page.locator(f"{ANSWERS} .citations .clause-link").count() >= 1
    assert page.get_attribute('#results [data-category="security_service_reward"]', "data-status") == status
    assert page.input_value("#fact-security_service-industrial_security_revenue_2y_yuan") == "4200000"
    desktop.screenshot("restored-after-reload")
    # The restored conversation goes on in the same session.
    desktop.send("没有重大事故，也没有严重失信")
    assert page.evaluate("() => localStorage.getItem('policy-assistant.session')") == stored
    assert desktop.errors == []


def test_new_chat_starts_fresh_and_deletes_the_old_session(desktop: Visit, capabilities: Capabilities) -> None:
    capabilities.need("session_history", "GET /v1/sessions/{id}")
    page = desktop.open()
    desktop.send(FIRST)
    old = page.evaluate("() => localStorage.getItem('policy-assistant.session')")
    with page.expect_request(lambda request: request.method == "DELETE" and old in request.url):
        page.click("#new-chat")
    assert page.locator("#messages .message.user").count() == 0
    assert page.evaluate("() => localStorage.getItem('policy-assistant.session')") is None
    assert page.locator("#results .result").count() == 0
    page.reload()
    page.wait_for_selector("body.ready")
    assert page.locator("#messages .message.user").count() == 0
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(f"{desktop.url}/v1/sessions/{old}", timeout=10)
    assert gone.value.code == 404
    assert desktop.errors == []


def test_choice_buttons_under_the_question_set_the_fact_by_keyboard(
    desktop: Visit, capabilities: Capabilities
) -> None:
    capabilities.need("next_question", "next_question on /v1/chat")
    capabilities.need("facts_schema", "GET /v1/facts/schema")
    page = desktop.open()
    desktop.send("我们是做工控安全服务的，前两年收入420万元")
    choices = page.locator("#messages .message.assistant.answered >> nth=-1").locator(".choices button")
    assert choices.count() >= 2, "the assistant's question should come with its choices"
    desktop.screenshot("choices")
    first = choices.first
    fact = first.get_attribute("data-fact")
    value = json.loads(first.get_attribute("data-value") or "null")
    sent: list[dict[str, Any]] = []
    page.on("request", lambda request: sent.append(json.loads(request.post_data or "{}"))
            if "/v1/chat" in request.url else None)
    # Keyboard only: the button takes the focus and Enter presses it.
    first.focus()
    assert first.evaluate("node => node === document.activeElement")
    answered = desktop.answered()
    page.keyboard.press("Enter")
    desktop.wait_answers(answered + 1)
    assert sent and sent[-1]["choice"] == {"fact": fact, "value": value}
    field = page.locator(f"#fact-{fact.replace('.', '-')}")
    assert field.input_value() == (str(value).lower() if isinstance(value, bool) else str(value))
    # The buttons of an answered question are gone; the next question brings its own.
    assert page.locator(f'#messages .choices button[data-fact="{fact}"]').count() == 0
    assert desktop.errors == []


def test_a_fact_still_open_between_values_is_shown_as_undecided(desktop: Visit, capabilities: Capabilities) -> None:
    capabilities.need("facts_schema", "GET /v1/facts/schema")
    capabilities.need("session_history", "GET /v1/sessions/{id}")
    page = desktop.open()
    desktop.send("我们是武汉的公司")
    session = page.evaluate("() => localStorage.getItem('policy-assistant.session')")
    facts = {"applicant": {"registered_in_wuhan": True, "legal_form": ["independent_legal_person", "branch"]}}
    request = urllib.request.Request(f"{desktop.url}/v1/sessions/{session}/facts", method="PUT",
                                     data=json.dumps({"facts": facts}).encode(),
                                     headers={"content-type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()
    page.reload()
    page.wait_for_selector("body.ready")
    legal_form = page.locator("#fact-applicant-legal_form")
    shown = legal_form.evaluate("node => node.selectedOptions[0].textContent")
    assert shown.startswith("未确定（") and "或" in shown
    assert desktop.errors == []


def test_a_busy_server_at_reload_is_waited_for_and_the_conversation_still_comes_back(
    desktop: Visit, capabilities: Capabilities
) -> None:
    capabilities.need("session_history", "GET /v1/sessions/{id}")
    page = desktop.open()
    desktop.send(FIRST)
    asked: list[float] = []

    def busy_once(route: Any) -> None:
        asked.append(time.monotonic())
        if len(asked) == 1:
            route.fulfill(status=503, headers={"Retry-After": "1", "content-type": "application/json"},
                          body=json.dumps({"error": {"code": "unavailable", "message": "busy"}}))
        else:
            route.continue_()

    page.route("**/v1/sessions/*", busy_once)
    page.reload()
    page.wait_for_selector("body.ready")
    assert len(asked) == 2 and asked[1] - asked[0] >= 0.9
    assert [text.split("\n")[-1] for text in page.locator("#messages .message.user").all_inner_texts()] == [FIRST]


def test_a_malformed_stored_session_id_starts_a_fresh_conversation(desktop: Visit) -> None:
    page = desktop.open()
    page.evaluate("() => localStorage.setItem('policy-assistant.session', '../../not an id')")
    page.reload()
    page.wait_for_selector("body.ready")
    assert page.evaluate("() => localStorage.getItem('policy-assistant.session')") is None
    desktop.send("弄虚作假会怎么处理？")
    assert "取消" in page.locator(ANSWERS).last.inner_text()
