"""Session-store faults through the real app: a clear 503 within 2 s, answers and liveness unaffected,
and service back without a restart once the fault is gone."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.services import Services
from assistant.settings import Settings

MESSAGE = "平台服务企业120家"


@contextmanager
def _own_store_app(services, data_dir: Path) -> Iterator[TestClient]:
    """The real app over the shared model and index, with a session store of its own in data_dir."""
    settings = Settings(data_dir=data_dir, rate_limit="100000/minute")
    # Fresh bundles: each caches a dialogue manager bound to its Services' store.
    bundles = {key: replace(bundle, _dialogue=None) for key, bundle in services.bundles.items()}
    own = Services(settings=settings, search=services.search, bundles=bundles)
    try:
        with TestClient(create_app(services=own)) as client:
            yield client
    finally:
        own.close()


@pytest.fixture
def faulty(services, tmp_path: Path):
    with _own_store_app(services, tmp_path) as client:
        yield client, tmp_path / "sessions.db"


def _timed(call):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def test_a_held_write_lock_gives_503_within_2_s_while_health_and_answers_go_on(faulty):
    client, db = faulty
    session_id = client.post("/v1/chat", json={"message": MESSAGE}).json()["session_id"]
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        refused, seconds = _timed(lambda: client.post("/v1/chat", json={"session_id": session_id, "message": "收入520万元"}))
        assert refused.status_code == 503 and seconds < 2
        assert refused.json()["error"]["code"] == "storage_unavailable"
        assert int(refused.headers["Retry-After"]) > 0
        health, seconds = _timed(lambda: client.get("/healthz"))
        assert health.status_code == 200 and seconds < 2
        assert client.post("/v1/ask", json={"question": "双跨平台奖励多少钱？"}).status_code == 200
        ready = client.get("/healthz/ready")
        assert ready.status_code == 503
        assert ready.json()["index"]["ready"] is True and ready.json()["sessions"]["ready"] is False
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert client.post("/v1/chat", json={"session_id": session_id, "message": "收入520万元"}).status_code == 200
    assert client.get("/healthz/ready").json()["status"] == "ready"


def test_a_garbage_session_database_is_503_and_service_returns_when_it_is_moved_aside(services, tmp_path: Path):
    db = tmp_path / "sessions.db"
    db.write_bytes(b"this is not a database\x00" * 512)  # found so at start-up
    with _own_store_app(services, tmp_path) as client:
        _garbage_then_moved_aside(client, db)


def _garbage_then_moved_aside(client: TestClient, db: Path) -> None:
    refused = client.post("/v1/chat", json={"message": MESSAGE})
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "storage_unavailable"
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz/ready").status_code == 503
    db.rename(db.with_suffix(".garbage"))
    for leftover in db.parent.glob("sessions.db-*"):
        leftover.unlink()
    recovered = client.post("/v1/chat", json={"message": MESSAGE})
    assert recovered.status_code == 200
    assert client.get("/healthz/ready").status_code == 200
