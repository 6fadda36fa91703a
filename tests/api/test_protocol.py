"""Protocol edges over real sockets: 413 for chunked bodies, a body-read timeout, a handled 500 that keeps
the connection, and session ids kept out of the access log."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
import uvicorn
from fastapi import FastAPI, Request

from assistant.api.errors import install_error_handlers
from assistant.api.middleware import HardeningMiddleware, redact_path
from tests.api.conftest import free_port


def _read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response with a Content-Length body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a response")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        rest += sock.recv(65536)
    return int(lines[0].split()[1]), headers, rest[:length]


def _connect(url: str) -> socket.socket:
    parsed = urlparse(url)
    sock = socket.create_connection((parsed.hostname, parsed.port), timeout=10)
    return sock


@pytest.fixture(scope="module")
def small_app_url() -> Iterator[str]:
    """A minimal app with the real middleware and error handlers: one route that fails, one that reads."""
    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(HardeningMiddleware, max_body_bytes=1000, body_timeout_s=0.5)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("an unexpected failure")

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_a_handled_500_is_in_the_error_shape_and_keeps_the_connection(small_app_url):
    with _connect(small_app_url) as sock:
        for _ in range(2):  # the second request goes over the same connection
            sock.sendall(b"GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
            status, headers, body = _read_response(sock)
            assert status == 500 and json.loads(body)["error"]["code"] == "internal_error"
            assert headers.get("connection", "").lower() != "close"
        sock.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
        assert _read_response(sock)[0] == 200


def test_a_half_sent_body_is_answered_408_after_the_timeout(small_app_url):
    with _connect(small_app_url) as sock:
        sock.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b")
        started = time.perf_counter()
        status, _headers, body = _read_response(sock)
        assert status == 408 and json.loads(body)["error"]["code"] == "request_timeout"
        assert time.perf_counter() - started < 3


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "with content-length"])
def test_a_body_over_the_limit_is_413_in_the_error_shape(live_url, chunked):
    payload = json.dumps({"question": "问" * 40_000}).encode()
    with _connect(live_url) as sock:
        if chunked:
            head = b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            chunks = b"".join(b"%x\r\n%s\r\n" % (len(payload[i:i + 8192]), payload[i:i + 8192])
                              for i in range(0, len(payload), 8192))
            sock.sendall(head + chunks + b"0\r\n\r\n")
        else:
            sock.sendall(b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(payload) + payload)
        status, _headers, body = _read_response(sock)
    assert status == 413 and json.loads(body)["error"]["code"] == "payload_too_large"


def test_session_ids_never_reach_the_access_log(client, caplog):
    session_id = client.post("/v1/chat", json={"message": "平台服务企业120家"}).json()["session_id"]
    with caplog.at_level(logging.INFO, logger="assistant.access"):
        client.get(f"/v1/sessions/{session_id}")
        client.delete(f"/v1/sessions/{session_id}")
    logged = [record.getMessage() for record in caplog.records if record.name == "assistant.access"]
    assert len(logged) == 2 and not any(session_id in line for line in logged)
    assert redact_path(f"/v1/sessions/{session_id}/facts") == "/v1/sessions/<redacted>/facts"
