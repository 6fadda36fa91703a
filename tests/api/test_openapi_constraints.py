"""The OpenAPI document states the constraints the server enforces, so generated clients and fuzzers know them."""

from __future__ import annotations

import re

import pytest

from assistant.conversation.sessions import new_session_id


@pytest.fixture(scope="module")
def schema(client) -> dict:
    return client.get("/openapi.json").json()


def _component(schema: dict, name: str) -> dict:
    return schema["components"]["schemas"][name]


def test_session_ids_carry_their_pattern_in_paths_and_bodies(schema):
    for path in ("/v1/sessions/{session_id}", "/v1/sessions/{session_id}/facts"):
        for operation in schema["paths"][path].values():
            [parameter] = [p for p in operation["parameters"] if p["name"] == "session_id"]
            assert re.fullmatch(parameter["schema"]["pattern"].strip("^$"), new_session_id())
    chat_session = _component(schema, "ChatRequest")["properties"]["session_id"]["anyOf"][0]
    assert chat_session["pattern"] == "^[A-Za-z0-9_-]{32}$"


def test_fact_keys_must_not_be_empty(schema):
    for name in ("PrecheckRequest", "SessionFactsRequest"):
        assert _component(schema, name)["properties"]["facts"]["propertyNames"]["minLength"] == 1


def test_a_completion_request_must_contain_a_user_message(schema):
    contains = _component(schema, "CompletionRequest")["properties"]["messages"]["contains"]
    assert contains["properties"]["role"] == {"const": "user"}


@pytest.mark.parametrize("path", ["/v1/chat", "/v1/chat/completions"])
def test_streaming_routes_document_the_event_stream(schema, path):
    assert "text/event-stream" in schema["paths"][path]["post"]["responses"]["200"]["content"]


def test_storage_errors_and_readiness_are_documented(schema):
    assert "503" in schema["paths"]["/v1/chat"]["post"]["responses"]
    assert "/healthz/ready" in schema["paths"]
