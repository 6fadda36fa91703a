"""GET /v1/sessions/{id}: a page reload gets the conversation back as the store holds it."""

from __future__ import annotations

OPENING = "我们是武汉注册的独立法人，做工控安全服务"


def test_a_session_reads_back_its_turns_facts_and_precheck(client):
    first = client.post("/v1/chat", json={"message": OPENING}).json()
    second = client.post("/v1/chat", json={"session_id": first["session_id"], "message": "前两年安全服务收入420万元"}).json()
    response = client.get(f"/v1/sessions/{first['session_id']}")
    assert response.status_code == 200
    body = response.json()
    assert body["session_id"] == first["session_id"]
    assert [(turn["role"], turn["text"]) for turn in body["turns"]] == [
        ("user", OPENING), ("assistant", first["reply"]),
        ("user", "前两年安全服务收入420万元"), ("assistant", second["reply"]),
    ]
    assert body["facts"] == second["facts"]
    assert body["precheck"] == second["precheck"]


def test_a_fresh_session_has_no_precheck(client, services):
    session_id = services.sessions.create().id
    body = client.get(f"/v1/sessions/{session_id}").json()
    assert body == {"session_id": session_id, "turns": [], "facts": {}, "precheck": None} | {
        key: body[key] for key in body if key not in ("session_id", "turns", "facts", "precheck")
    }


def test_an_unknown_session_is_404_and_a_malformed_id_422_in_the_error_shape(client):
    missing = client.get("/v1/sessions/" + "A" * 32)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "session_not_found"
    malformed = client.get("/v1/sessions/not-an-id")
    assert malformed.status_code == 422 and set(malformed.json()) == {"error"}
