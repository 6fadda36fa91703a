"""Persistent chat sessions: facts, their source messages and turns, in SQLite or PostgreSQL."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    make_url,
    select,
    update,
)
from sqlalchemy.engine import Connection

from assistant.conversation.migrations import (
    SESSION_ID_LENGTH,
    UtcDateTime,
    apply_migrations,
    require_migrations,
)
from assistant.errors import InvalidInput, SessionNotFound

# secrets.token_urlsafe(24) yields 24 random bytes (192 bits) as exactly 32 URL-safe characters.
_SESSION_ID_BYTES = 24
SESSION_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
TURN_ROLES = ("user", "assistant")
_TURN_KEYS = {"role", "text", "at"}
_SQLITE_BUSY_TIMEOUT_S = 30


def new_session_id() -> str:
    """A fresh random, unguessable, URL-safe session id."""
    return secrets.token_urlsafe(_SESSION_ID_BYTES)


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class SessionState:
    """Everything remembered about one conversation."""

    id: str
    facts: dict[str, Any] = field(default_factory=dict)
    fact_sources: dict[str, str] = field(default_factory=dict)  # dotted fact path -> user message
    turns: list[dict[str, Any]] = field(default_factory=list)  # {"role", "text", "at"}
    pending_question_fact: str | None = None
    last_fact_paths: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=_utcnow)
    updated_at: datetime = field(default_factory=_utcnow)


# Handles on the schema the migrations build; tests/conversation/test_sessions.py checks they agree.
_metadata = MetaData()
_sessions = Table(
    "sessions",
    _metadata,
    Column("id", String(SESSION_ID_LENGTH), primary_key=True),
    Column("facts", JSON, nullable=False),
    Column("fact_sources", JSON, nullable=False),
    Column("pending_question_fact", String(200), nullable=True),
    Column("last_fact_paths", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
_turns = Table(
    "turns",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(SESSION_ID_LENGTH), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("at", String(64), nullable=False),
)


def check_session_id(session_id: object) -> str:
    """Return the id if it is well formed, else raise InvalidInput (never touches storage)."""
    if not isinstance(session_id, str) or SESSION_ID_PATTERN.fullmatch(session_id) is None:
        raise InvalidInput("malformed session id")
    return session_id


def _turn_key(turn: dict[str, Any]) -> tuple[str, str, str]:
    """The stored identity of a turn, used to find where a state's turns diverge from storage."""
    return (turn["role"], turn["text"], turn["at"])


def _check_turn(turn: dict[str, Any]) -> None:
    """Reject turns the table cannot hold faithfully (a programming error, not user input)."""
    if set(turn) != _TURN_KEYS:
        raise ValueError(f"a turn has exactly the keys {sorted(_TURN_KEYS)}, got {sorted(turn)}")
    if turn["role"] not in TURN_ROLES:
        raise ValueError(f"turn role must be one of {TURN_ROLES}, got {turn['role']!r}")
    if not isinstance(turn["text"], str) or not isinstance(turn["at"], str):
        raise ValueError("turn text and at must be strings")


class SessionStore:
    """Sessions in one database chosen by URL; safe to share between threads."""

    def __init__(self, url: str, retention_days: float = 30, migrate: bool = True):
        if retention_days <= 0:
            raise ValueError(f"retention_days must be positive, got {retention_days}")
        self.retention = timedelta(days=retention_days)
        self._engine = _create_engine(url)
        # Workers behind a load balancer only check the schema; `assistant migrate` applies it once.
        self.applied_migrations = apply_migrations(self._engine) if migrate else require_migrations(self._engine)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for inspection and tests)."""
        return self._engine

    def create(self) -> SessionState:
        """Start and persist a new empty session."""
        state = SessionState(id=new_session_id())
        state.updated_at = state.created_at
        with self._transaction(write=True) as conn:
            conn.execute(insert(_sessions).values(**_session_row(state), created_at=state.created_at))
        return state

    def get(self, session_id: str) -> SessionState:
        """Load a session; SessionNotFound if unknown, InvalidInput if the id is malformed."""
        check_session_id(session_id)
        with self._transaction(write=False) as conn:
            row = conn.execute(select(_sessions).where(_sessions.c.id == session_id)).one_or_none()
            if row is None:
                raise SessionNotFound(f"no session {session_id}")
            turns = _load_turns(conn, session_id)
        return SessionState(
            id=row.id,
            facts=row.facts,
            fact_sources=row.fact_sources,
            turns=turns,
            pending_question_fact=row.pending_question_fact,
            last_fact_paths=row.last_fact_paths,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def save(self, state: SessionState) -> None:
        """Upsert the session row and append its new turns; refreshes state.turns and updated_at.

        Turns are never rewritten: those past the prefix already stored are appended, so two
        requests that each added a turn to the same session both keep theirs.
        """
        check_session_id(state.id)
        for turn in state.turns:
            _check_turn(turn)
            # PostgreSQL text columns cannot hold NUL (SQLite can); refuse it on every backend alike.
            if "\x00" in turn["text"]:
                raise InvalidInput("a message cannot contain NUL characters")
        state.updated_at = _utcnow()
        with self._transaction(write=True) as conn:
            exists = conn.execute(
                select(_sessions.c.id).where(_sessions.c.id == state.id).with_for_update()
            ).one_or_none()
            if exists is None:
                conn.execute(insert(_sessions).values(**_session_row(state), created_at=state.created_at))
            else:
                conn.execute(
                    update(_sessions).where(_sessions.c.id == state.id).values(**_session_row(state))
                )
            stored = _load_turns(conn, state.id)
            shared = _common_prefix_length(
                [_turn_key(t) for t in stored], [_turn_key(t) for t in state.turns]
            )
            new_turns = state.turns[shared:]
            if new_turns:
                conn.execute(
                    insert(_turns),
                    [
                        {"session_id": state.id, "seq": len(stored) + offset, **turn}
                        for offset, turn in enumerate(new_turns)
                    ],
                )
        state.turns = stored + [dict(turn) for turn in new_turns]

    def delete(self, session_id: str) -> None:
        """Forget a session and its turns; SessionNotFound if there is none."""
        check_session_id(session_id)
        with self._transaction(write=True) as conn:
            conn.execute(delete(_turns).where(_turns.c.session_id == session_id))
            deleted = conn.execute(delete(_sessions).where(_sessions.c.id == session_id)).rowcount
        if deleted == 0:
            raise SessionNotFound(f"no session {session_id}")

    def purge_expired(self, now: datetime | None = None) -> int:
        """Delete sessions untouched for longer than the retention; return how many went."""
        cutoff = (now or _utcnow()) - self.retention
        expired = select(_sessions.c.id).where(_sessions.c.updated_at < cutoff)
        with self._transaction(write=True) as conn:
            conn.execute(delete(_turns).where(_turns.c.session_id.in_(expired)))
            return conn.execute(delete(_sessions).where(_sessions.c.updated_at < cutoff)).rowcount

    def count(self) -> int:
        """How many sessions are stored."""
        with self._transaction(write=False) as conn:
            return conn.execute(select(func.count()).select_from(_sessions)).scalar_one()

    def close(self) -> None:
        """Release every pooled connection."""
        self._engine.dispose()

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Connection]:
        with self._engine.connect() as conn:
            # Read by the SQLite "begin" hook: writers take the lock up front (see _create_engine).
            conn.execution_options(assistant_read_only=not write)
            with conn.begin():
                yield conn


def _session_row(state: SessionState) -> dict[str, Any]:
    """The session-row columns that a save rewrites (created_at is written once, on insert)."""
    return {
        "id": state.id,
        "facts": state.facts,
        "fact_sources": state.fact_sources,
        "pending_question_fact": state.pending_question_fact,
        "last_fact_paths": state.last_fact_paths,
        "updated_at": state.updated_at,
    }


def _load_turns(conn: Connection, session_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(_turns.c.role, _turns.c.text, _turns.c.at)
        .where(_turns.c.session_id == session_id)
        .order_by(_turns.c.seq)
    )
    return [{"role": row.role, "text": row.text, "at": row.at} for row in rows]


def _common_prefix_length(left: list[Any], right: list[Any]) -> int:
    length = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        length += 1
    return length


def _json_dumps(value: Any) -> str:
    # Keep Chinese readable in the database instead of \\u escapes.
    return json.dumps(value, ensure_ascii=False)


def _create_engine(url: str) -> Engine:
    """Build the engine; SQLite gets WAL, foreign keys, a busy timeout and real transactions."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, json_serializer=_json_dumps)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed,
        json_serializer=_json_dumps,
        connect_args={"check_same_thread": False, "timeout": _SQLITE_BUSY_TIMEOUT_S},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite, which would otherwise run DDL outside any
        # transaction and start writes lazily (the SQLAlchemy-documented recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy timeout
        # instead of deadlocking when both try to upgrade a read lock.
        read_only = conn.get_execution_options().get("assistant_read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
