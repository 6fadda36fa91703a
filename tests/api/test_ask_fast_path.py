"""The fast path of POST /v1/ask answers exactly as the FastAPI route would, and hands everything
unusual to the route: compared request by request against an app without it."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from assistant.api import ask_fast_path, create_app
from assistant.api.ask_fast_path import AskFastPath

VOLATILE_HEADERS = {"x-request-id", "date"}


@pytest.fixture(scope="module")
def both(services):
    """(with the fast path, route only): the same services behind both."""
    route_only = create_app(services=services)
    route_only.user_middleware = [entry for entry in route_only.user_middleware if entry.cls is not AskFastPath]
    with TestClient(create_app(services=services)) as fast, TestClient(route_only) as route:
        yield fast, route


def _same(both, **request):
    fast, route = both
    answers = [client.post("/v1/ask", **request) for client in (fast, route)]
    headers = [{name: value for name, value in answer.headers.items() if name not in VOLATILE_HEADERS}
               for answer in answers]
    assert answers[0].status_code == answers[1].status_code
    assert answers[0].content == answers[1].content
    assert headers[0] == headers[1]
    return answers[0]


@pytest.mark.parametrize("body", [
    {"question": "双跨平台奖励多少钱？"},
    {"question": "第三方安全服务机构最多能拿多少钱？", "regulation": "wuhan-industrial-internet-fund-measures"},
    {"question": "今天武汉天气如何？"},
    {"question": "这个政策对我们适不适用？"},
], ids=["answered", "with regulation", "not found", "clarify"])
def test_a_well_formed_question_gets_the_routes_exact_answer(both, body):
    assert _same(both, json=body).status_code == 200


def test_a_charset_in_the_content_type_is_still_the_fast_path(both):
    body = json.dumps({"question": "双跨平台奖励多少钱？"}, ensure_ascii=False).encode()
    _same(both, content=body, headers={"content-type": "application/json; charset=utf-8"})


@pytest.mark.parametrize(("request_kwargs", "status"), [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ({"content": b"\xff\xfe", "headers": {"content-type": "application/json"}}, 422),
    ({"content": b'["a list"]', "headers": {"content-type": "application/json"}}, 422),
    ({"content": b'{"question": "x"}', "headers": {"content-type": "text/plain"}}, 422),
    ({"content": b'{"question": "x"}'}, 422),
    ({"json": {}}, 422),
    ({"json": {"question": ""}}, 422),
    ({"json": {"question": 42}}, 422),
    ({"json": {"question": "x", "extra": 1}}, 422),
    ({"json": {"question": "问" * 2001}}, 422),
    ({"json": {"question": "x", "regulation": "Not An Id"}}, 422),
    ({"json": {"question": "双跨奖励？", "regulation": "no-such-regulation"}}, 404),
    ({"content": b"x" * 70000, "headers": {"content-type": "application/json"}}, 413),
    ({"content": b"[" * 20000 + b"]" * 20000, "headers": {"content-type": "application/json"}}, 400),
], ids=["bad json", "bad utf-8", "a list", "text/plain", "no content type", "empty object", "empty question",
        "number", "extra field", "too long", "bad regulation id", "unknown regulation", "too large", "deep nesting"])
def test_anything_unusual_is_refused_as_the_route_refuses_it(both, request_kwargs, status):
    answer = _same(both, **request_kwargs)
    assert answer.status_code == status and set(answer.json()) == {"error"}


def test_a_well_formed_question_is_answered_by_the_fast_path(both, monkeypatch):
    calls = []
    original = ask_fast_path.answer_json
    monkeypatch.setattr(ask_fast_path, "answer_json", lambda *args: calls.append(args) or original(*args))
    fast, _ = both
    assert fast.post("/v1/ask", json={"question": "双跨平台奖励多少钱？"}).status_code == 200
    assert fast.post("/v1/ask", json={"question": ""}).status_code == 422
    assert len(calls) == 1  # the valid one only; the empty question went on to the route
