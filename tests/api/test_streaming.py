"""Server-sent events: /v1/chat?stream=true and /v1/chat/completions with stream=true, over a live socket."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest


def sse_events(response: httpx.Response) -> list[tuple[str, str]]:
    """(event, data) pairs of an SSE body; an event without a name is "message", as in the SSE spec."""
    events: list[tuple[str, str]] = []
    name, data_lines = "message", list[str]()
    for line in response.iter_lines():
        if line == "":
            if data_lines:
                events.append((name, "\n".join(data_lines)))
            name, data_lines = "message", []
        elif line.startswith("event:"):
            name = line[len("event:"):].strip()
        elif line.startswith("data:"):
            data_lines.append(line[len("data:"):].removeprefix(" "))
    if data_lines:
        events.append((name, "\n".join(data_lines)))
    return events


def stream(url: str, path: str, body: dict[str, Any]) -> tuple[httpx.Response, list[tuple[str, str]]]:
    with httpx.stream("POST", url + path, json=body, timeout=30) as response:
        return response, sse_events(response)


@pytest.mark.parametrize("message", [
    "我们是武汉注册的独立法人，做工控安全服务的",
    "第三方安全服务机构最多能拿多少钱？",
    "今天武汉天气如何？",
], ids=["facts are remembered", "a question is answered", "an out-of-scope question is declined"])
def test_chat_deltas_concatenate_to_the_done_reply(live_url, message):
    response, events = stream(live_url, "/v1/chat?stream=true", {"message": message})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    names = [name for name, _ in events]
    assert names[-1] == "done" and names.count("done") == 1
    assert set(names[:-1]) == {"delta"}, "only deltas come before done"
    done = json.loads(events[-1][1])
    deltas = "".join(json.loads(data)["text"] for _, data in events[:-1])
    assert done["reply"] and deltas == done["reply"]
    assert {"session_id", "reply", "citations", "facts"} <= set(done)


def test_streamed_chat_turn_equals_the_plain_turn_of_the_same_session_state(live_url):
    message = "前两年安全服务收入420万元"
    plain = httpx.post(f"{live_url}/v1/chat", json={"message": message}, timeout=30).json()
    _, events = stream(live_url, "/v1/chat?stream=true", {"message": message})
    done = json.loads(events[-1][1])
    assert done["reply"] == plain["reply"]
    assert done["facts"] == plain["facts"]
    assert done["session_id"] != plain["session_id"], "each call without session_id starts a new session"


def test_streamed_chat_keeps_the_session_between_turns(live_url):
    _, first = stream(live_url, "/v1/chat?stream=true", {"message": "我们是武汉注册的独立法人，做工控安全服务的"})
    session_id = json.loads(first[-1][1])["session_id"]
    _, second = stream(live_url, "/v1/chat?stream=true", {"session_id": session_id, "message": "前两年安全服务收入420万元"})
    done = json.loads(second[-1][1])
    assert done["session_id"] == session_id
    assert done["facts"]["applicant"]["registered_in_wuhan"] is True
    assert done["facts"]["security_service"]["industrial_security_revenue_2y_yuan"] == 4_200_000


def test_completions_stream_is_chunks_then_done(live_url):
    body = {"model": "policy-assistant", "stream": True, "messages": [{"role": "user", "content": "双跨平台奖励多少钱？"}]}
    response, events = stream(live_url, "/v1/chat/completions", body)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert events[-1] == ("message", "[DONE]")
    assert [data for _, data in events].count("[DONE]") == 1
    chunks = [json.loads(data) for _, data in events[:-1]]
    assert all(chunk["object"] == "chat.completion.chunk" for chunk in chunks)
    assert len({chunk["id"] for chunk in chunks}) == 1, "every chunk carries the completion's id"
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert [chunk["choices"][0]["finish_reason"] for chunk in chunks[:-1]] == [None] * (len(chunks) - 1)
    assert chunks[-1]["citations"][0]["label"] == "第五条第（一）项第1目"
    content = "".join(chunk["choices"][0]["delta"].get("content", "") for chunk in chunks)
    plain = httpx.post(f"{live_url}/v1/chat/completions", json={**body, "stream": False}, timeout=30).json()
    assert content == plain["choices"][0]["message"]["content"]
    assert "500万元" in content


def test_stream_of_an_invalid_request_is_a_json_error_not_an_event_stream(live_url):
    response = httpx.post(f"{live_url}/v1/chat?stream=true", json={"message": ""}, timeout=30)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert set(response.json()) == {"error"}
