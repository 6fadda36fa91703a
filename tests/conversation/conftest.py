"""Session-store fixtures: SQLite in a temporary folder; test_sessions_postgres.py overrides db_url."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation.sessions import SessionStore


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    # A nested directory proves the store creates the parent folder of its database file.
    # test_sessions_postgres.py reruns these tests with its own db_url pointing at PostgreSQL.
    return f"sqlite:///{tmp_path / 'data' / 'sessions.db'}"


@pytest.fixture
def store(db_url: str):
    # Correctness under contention is what these tests check, on a shared and loaded machine: a long
    # busy timeout. The 1 s default (then 503) is checked by tests/api/test_storage_faults.py.
    session_store = SessionStore(db_url, busy_timeout_s=30)
    yield session_store
    session_store.close()
