"""/v1/chat/completions validates message parts: anything but a string `text` is a 422 in the error shape."""

from __future__ import annotations

import pytest

QUESTION = "双跨平台奖励多少钱？"


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "streamed"])
@pytest.mark.parametrize(
    "content",
    [
        pytest.param([{"type": "text", "text": 5}], id="a number as text"),
        pytest.param([{"type": "text", "text": None}], id="null as text"),
        pytest.param([{"type": "text"}], id="a text part without text"),
        pytest.param([{"type": "text", "text": ["a"]}], id="a list as text"),
        pytest.param([{"type": "video", "url": "x"}], id="an unknown part type"),
        pytest.param([5], id="a number as a part"),
        pytest.param(12, id="a number as content"),
        pytest.param({"text": QUESTION}, id="an object as content"),
    ],
)
def test_malformed_content_is_422_in_the_error_shape(client, content, stream):
    response = client.post("/v1/chat/completions",
                           json={"stream": stream, "messages": [{"role": "user", "content": content}]})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"


def test_a_request_without_a_user_message_is_422(client):
    response = client.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": QUESTION}]})
    assert response.status_code == 422
    assert "user" in response.json()["error"]["message"]


def test_text_parts_are_joined_and_image_parts_ignored(client):
    parts = [{"type": "image_url", "image_url": {"url": "data:,"}}, {"type": "text", "text": QUESTION}]
    response = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": parts}]})
    assert response.status_code == 200
    assert "500万元" in response.json()["choices"][0]["message"]["content"]


def test_the_schema_documents_the_event_stream_and_the_user_message_rule(client):
    operation = client.get("/openapi.json").json()["paths"]["/v1/chat/completions"]["post"]
    assert "text/event-stream" in operation["responses"]["200"]["content"]
