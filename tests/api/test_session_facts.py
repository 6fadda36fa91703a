"""PUT /v1/sessions/{id}/facts: facts edited in the pre-check panel become the chat session's facts."""

from __future__ import annotations

import copy

import pytest

from assistant.conversation.dialogue import PANEL_EDIT_SOURCE

OPENING = "我们是武汉注册的独立法人，做工控安全服务"
REVENUE = "security_service.industrial_security_revenue_2y_yuan"


def _start(client) -> dict:
    body = client.post("/v1/chat", json={"message": OPENING}).json()
    assert body["facts"]["applicant"]["registered_in_wuhan"] is True
    return body


def _security(body: dict) -> dict:
    return next(r for r in body["precheck"]["results"] if r["category"] == "security_service_reward")


def test_edited_facts_replace_the_sessions_and_rerun_the_precheck(client):
    session = _start(client)
    facts = copy.deepcopy(session["facts"])
    facts["applicant"].update(major_accident_last_2y=False, serious_dishonesty=False)
    facts.setdefault("security_service", {})["industrial_security_revenue_2y_yuan"] = 4_200_000
    response = client.put(f"/v1/sessions/{session['session_id']}/facts", json={"facts": facts})
    assert response.status_code == 200
    body = response.json()
    assert body["session_id"] == session["session_id"]
    assert body["facts"] == facts
    assert len(body["precheck"]["results"]) == 5
    # 420万元 × 10% = 42万元, under the 100万元 ceiling of 第五条第（一）项第3目.
    assert (_security(body)["status"], _security(body)["max_amount_yuan"]) == ("eligible", 420_000)


def test_the_next_chat_turn_keeps_the_edited_fact(client):
    session = _start(client)
    facts = copy.deepcopy(session["facts"])
    facts.setdefault("security_service", {})["industrial_security_revenue_2y_yuan"] = 4_200_000
    client.put(f"/v1/sessions/{session['session_id']}/facts", json={"facts": facts})
    after = client.post("/v1/chat", json={"session_id": session["session_id"], "message": "没有重大事故，也没有严重失信"})
    assert after.status_code == 200
    assert after.json()["facts"]["security_service"]["industrial_security_revenue_2y_yuan"] == 4_200_000
    assert after.json()["facts"]["applicant"]["serious_dishonesty"] is False


def test_a_fact_set_to_unknown_is_forgotten_by_the_next_turn(client):
    session = _start(client)
    facts = copy.deepcopy(session["facts"])
    del facts["applicant"]["registered_in_wuhan"]
    body = client.put(f"/v1/sessions/{session['session_id']}/facts", json={"facts": facts}).json()
    assert "registered_in_wuhan" not in body["facts"]["applicant"]
    after = client.post("/v1/chat", json={"session_id": session["session_id"], "message": "没有重大事故"}).json()
    assert "registered_in_wuhan" not in after["facts"]["applicant"]


def test_explicit_nulls_are_stored_as_unknown(client):
    session = _start(client)
    facts = copy.deepcopy(session["facts"])
    facts["applicant"]["legal_form"] = None
    body = client.put(f"/v1/sessions/{session['session_id']}/facts", json={"facts": facts}).json()
    assert "legal_form" not in body["facts"]["applicant"]


def test_changed_paths_are_sourced_to_the_panel_and_the_pending_question_is_cleared(client, services):
    session = _start(client)
    before = services.sessions.get(session["session_id"])
    assert before.pending_question_fact is not None
    facts = copy.deepcopy(session["facts"])
    facts.setdefault("security_service", {})["industrial_security_revenue_2y_yuan"] = 4_200_000
    del facts["applicant"]["registered_in_wuhan"]
    client.put(f"/v1/sessions/{session['session_id']}/facts", json={"facts": facts})
    after = services.sessions.get(session["session_id"])
    assert after.fact_sources[REVENUE] == PANEL_EDIT_SOURCE
    assert "applicant.registered_in_wuhan" not in after.fact_sources
    # Facts the edit left alone keep the message that stated them.
    assert after.fact_sources["applicant.legal_form"] == OPENING
    assert after.pending_question_fact is None
    assert after.turns == before.turns


def test_unknown_session_is_404_in_the_error_shape(client):
    response = client.put("/v1/sessions/" + "C" * 32 + "/facts", json={"facts": {}})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"


def test_malformed_session_id_is_422(client):
    response = client.put("/v1/sessions/not-a-session/facts", json={"facts": {}})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize(("body", "field"), [
    ({"facts": {"security_service": {"industrial_security_revenue_2y_yuan": "420万"}}},
     "facts.security_service.industrial_security_revenue_2y_yuan"),
    ({"facts": {"applicant": {"legal_form": "company"}}}, "facts.applicant.legal_form"),
    ({"facts": {"platform": {"served_enterprises": -1}}}, "facts.platform.served_enterprises"),
    ({"facts": {"applicant": {"registered_in_wuhan": True}}, "extra": 1}, "extra"),
    ({}, "facts"),
], ids=["revenue as text", "unknown legal form", "negative count", "unknown body key", "no facts"])
def test_bad_facts_get_422_naming_the_field_and_change_nothing(client, services, body, field):
    session = _start(client)
    response = client.put(f"/v1/sessions/{session['session_id']}/facts", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"
    assert field in response.json()["error"]["message"]
    assert services.sessions.get(session["session_id"]).facts == session["facts"]
