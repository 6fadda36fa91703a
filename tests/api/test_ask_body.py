"""/v1/ask answers with bytes shaped by AskResponse on the answering thread: the wire body must be what
FastAPI's response_model made of the answer before, and the schema must still be documented."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.api.schemas import AskResponse
from assistant.api.shaped import ResponseShapeError, ShapedJSON

CITATION = {"article": 5, "paragraph": 1, "item": 1, "subitem": 1, "label": "第五条第（一）项第1目",
            "text": "1.首次获评国家“双跨”…给予500万元一次性奖励。", "id": "a5p1i1s1", "regulation": "r"}


def test_a_missing_optional_field_is_sent_as_null_like_response_model_did():
    body = json.loads(ShapedJSON(AskResponse).encode({"status": "answered", "answer": "答", "citations": [CITATION]}))
    assert list(body) == ["status", "answer", "citations", "choices"] and body["choices"] is None


def test_keys_the_model_does_not_declare_are_dropped():
    shaped = ShapedJSON(AskResponse).encode({"status": "clarify", "answer": "?", "citations": [], "debug": {"x": 1},
                                             "choices": ["a", "b"]})
    assert json.loads(shaped) == {"status": "clarify", "answer": "?", "citations": [], "choices": ["a", "b"]}


def test_chinese_is_sent_as_utf8_not_escaped():
    shaped = ShapedJSON(AskResponse).encode({"status": "answered", "answer": "双跨", "citations": []})
    assert "双跨".encode() in shaped


def test_a_body_the_model_refuses_is_our_error_not_the_callers():
    with pytest.raises(ResponseShapeError, match="AskResponse"):
        ShapedJSON(AskResponse).encode({"status": "maybe", "answer": "", "citations": []})


def test_a_refused_answer_body_is_a_500_in_the_error_shape(services, monkeypatch):
    class Odd:
        def to_dict(self):
            return {"status": "maybe", "answer": "", "citations": []}

    with TestClient(create_app(services=services)) as client:
        monkeypatch.setattr(services, "answer", lambda question, regulation=None: Odd())
        response = client.post("/v1/ask", json={"question": "双跨平台奖励多少钱？"})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"


def test_ask_body_is_the_answer_shaped_by_the_model(client, services):
    question = "双跨平台奖励多少钱？"
    response = client.post("/v1/ask", json={"question": question})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    expected = AskResponse.model_validate(services.answer(question).to_dict()).model_dump(mode="json")
    assert response.json() == expected


def test_openapi_still_documents_the_ask_response_schema(client):
    operation = client.get("/openapi.json").json()["paths"]["/v1/ask"]["post"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/AskResponse"}
