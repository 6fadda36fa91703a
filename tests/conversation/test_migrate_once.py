"""Schema migrations as a one-time job: `assistant migrate` applies them, workers told so only check."""

from __future__ import annotations

import pytest

from assistant.cli import main
from assistant.conversation.migrations import MIGRATIONS
from assistant.conversation.sessions import SessionStore
from assistant.errors import SchemaNotMigrated


def test_a_worker_that_must_not_migrate_refuses_an_empty_database(tmp_path):
    with pytest.raises(SchemaNotMigrated, match=r"assistant migrate") as raised:
        SessionStore(f"sqlite:///{tmp_path / 'sessions.db'}", migrate=False)
    assert MIGRATIONS[0][0] in raised.value.message


def test_migrate_command_applies_once_and_then_workers_open_without_migrating(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    assert main(["migrate"]) == 0
    assert f"applied {len(MIGRATIONS)} migration(s)" in capsys.readouterr().out
    assert main(["migrate"]) == 0
    assert "schema up to date" in capsys.readouterr().out
    store = SessionStore(f"sqlite:///{tmp_path / 'sessions.db'}", migrate=False)
    try:
        assert store.applied_migrations == []
        assert store.get(store.create().id).facts == {}
    finally:
        store.close()
