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
    session_store = SessionStore(db_url)
    yield session_store
    session_store.close()
