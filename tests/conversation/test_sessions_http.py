"""Sessions through the service: a restart loses nothing, concurrent sessions never mix."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO

ASSISTANT = Path(sys.executable).parent / "assistant"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([str(ASSISTANT), "serve", "--port", str(port)], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("server did not become ready")


@pytest.mark.slow
def test_killed_server_resumes_the_dialogue_after_restart(tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/v1/chat"
    server = _start(tmp_path, port)
    try:
        first = httpx.post(url, json={"message": "我们是武汉注册的独立法人，做工控安全服务"}, timeout=30).json()
        httpx.post(url, json={"session_id": first["session_id"], "message": "前两年安全服务收入420万元"}, timeout=30)
    finally:
        server.send_signal(signal.SIGKILL)  # no graceful shutdown: the store must already hold everything
        server.wait(timeout=30)
    server = _start(tmp_path, port)
    try:
        body = httpx.post(url, json={"session_id": first["session_id"], "message": "没有重大事故，也没有严重失信"}, timeout=30).json()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert body["facts"]["security_service"]["industrial_security_revenue_2y_yuan"] == 4_200_000
    security = next(r for r in body["precheck"]["results"] if r["category"] == "security_service_reward")
    assert (security["status"], security["max_amount_yuan"]) == ("eligible", 420_000)


def test_concurrent_sessions_never_mix(client):
    def converse(revenue_wan: int) -> tuple[int, int]:
        session = client.post("/v1/chat", json={"message": "我们是武汉注册的独立法人，做工控安全服务"}).json()["session_id"]
        for _ in range(3):
            client.post("/v1/chat", json={"session_id": session, "message": f"前两年安全服务收入{revenue_wan}万元"})
        facts = client.post("/v1/chat", json={"session_id": session, "message": "没有重大事故"}).json()["facts"]
        return revenue_wan * 10_000, facts["security_service"]["industrial_security_revenue_2y_yuan"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(converse, range(300, 316)))
    assert all(expected == stored for expected, stored in results)


def test_forgotten_session_is_gone(client):
    session = client.post("/v1/chat", json={"message": "我们是武汉注册的独立法人"}).json()["session_id"]
    assert client.delete(f"/v1/sessions/{session}").status_code == 200
    assert client.post("/v1/chat", json={"session_id": session, "message": "你好"}).status_code == 404
