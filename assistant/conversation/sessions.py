"""Persistent chat sessions: facts, their source messages and turns, in SQLite or PostgreSQL."""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
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
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection

from assistant.conversation.migrations import (
    SESSION_ID_LENGTH,
    UtcDateTime,
    apply_migrations,
    require_migrations,
)
from assistant.errors import InvalidInput, SessionConflict, SessionFull, SessionNotFound, StorageUnavailable

log = logging.getLogger(__name__)

# secrets.token_urlsafe(24) yields 24 random bytes (192 bits) as exactly 32 URL-safe characters.
_SESSION_ID_BYTES = 24
SESSION_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
TURN_ROLES = ("user", "assistant")
_TURN_KEYS = {"role", "text", "at"}
_OPTIONAL_TURN_KEYS = {"citations"}
# Short on purpose: a writer that cannot get the lock in a second gets a 503 to retry, instead of
# holding a worker thread (and the client) for half a minute.
DEFAULT_BUSY_TIMEOUT_S = 1.0


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
    # {"role", "text", "at", "citations"?}; empty when read with with_turns=False
    turns: list[dict[str, Any]] = field(default_factory=list)
    pending_question_fact: str | None = None
    last_fact_paths: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=_utcnow)
    updated_at: datetime = field(default_factory=_utcnow)
    version: int = 0  # bumped by every write; a write names the version it read (compare-and-set)
    turn_count: int = 0  # turns stored, whether or not loaded into `turns`
    mentioned_categories: list[str] | None = None  # None: not yet recorded (older sessions)
    asked_questions: dict[str, int] | None = None  # question text -> times asked; None: older sessions


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
    Column("version", Integer, nullable=False),
    Column("turn_count", Integer, nullable=False),
    Column("mentioned_categories", JSON, nullable=True),
    Column("asked_questions", JSON, nullable=True),
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
    Column("citations", JSON, nullable=True),
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
    if not _TURN_KEYS <= set(turn) <= _TURN_KEYS | _OPTIONAL_TURN_KEYS:
        raise ValueError(f"a turn has the keys {sorted(_TURN_KEYS)} (and maybe citations), got {sorted(turn)}")
    if turn["role"] not in TURN_ROLES:
        raise ValueError(f"turn role must be one of {TURN_ROLES}, got {turn['role']!r}")
    if not isinstance(turn["text"], str) or not isinstance(turn["at"], str):
        raise ValueError("turn text and at must be strings")
    # PostgreSQL text columns cannot hold NUL (SQLite can); refuse it on every backend alike.
    if "\x00" in turn["text"]:
        raise InvalidInput("a message cannot contain NUL characters")


class SessionStore:
    """Sessions in one database chosen by URL; safe to share between threads.

    Storage faults (a held lock, a full disk, a read-only or damaged file, a database that is down)
    surface as StorageUnavailable; the store keeps no state that a fault can break, so it serves
    again as soon as the database does, without a restart.
    """

    def __init__(
        self, url: str, retention_days: float = 30, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S, migrate: bool = True
    ):
        if retention_days <= 0:
            raise ValueError(f"retention_days must be positive, got {retention_days}")
        self.retention = timedelta(days=retention_days)
        self._engine = _create_engine(url, busy_timeout_s)
        # SQLite takes one writer at a time: this process's writers queue on a lock (first come, first
        # served) instead of all polling SQLite's busy handler, which under load gives up on some of them
        # ("database is locked") well before their turn would have come. Other processes still meet the
        # busy timeout.
        self._busy_timeout_s = busy_timeout_s
        self._write_lock = threading.Lock() if self._engine.dialect.name == "sqlite" else None
        # Workers behind a load balancer only check the schema; `assistant migrate` applies it once.
        self._apply_migrations = migrate
        self.applied_migrations: list[str] = []
        self._migrated = False
        self._migrate()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for inspection and tests)."""
        return self._engine

    def create(self) -> SessionState:
        """Start and persist a new empty session."""
        state = SessionState(id=new_session_id(), mentioned_categories=[], asked_questions={})
        state.updated_at = state.created_at
        with self._transaction(write=True) as conn:
            conn.execute(insert(_sessions).values(**_session_row(state), created_at=state.created_at))
        return state

    def get(self, session_id: str, *, with_turns: bool = True) -> SessionState:
        """Load a session; SessionNotFound if unknown, InvalidInput if the id is malformed.

        with_turns=False reads the session row only: a chat turn's cost must not grow with history.
        """
        check_session_id(session_id)
        with self._transaction(write=False) as conn:
            row = conn.execute(select(_sessions).where(_sessions.c.id == session_id)).one_or_none()
            if row is None:
                raise SessionNotFound(f"no session {session_id}")
            turns = _load_turns(conn, session_id) if with_turns else []
        return SessionState(
            id=row.id,
            facts=row.facts,
            fact_sources=row.fact_sources,
            turns=turns,
            pending_question_fact=row.pending_question_fact,
            last_fact_paths=row.last_fact_paths,
            created_at=row.created_at,
            updated_at=row.updated_at,
            version=row.version,
            turn_count=row.turn_count,
            mentioned_categories=row.mentioned_categories,
            asked_questions=row.asked_questions,
        )

    def turns(self, session_id: str) -> list[dict[str, Any]]:
        """A session's turns in order (empty for an unknown session)."""
        check_session_id(session_id)
        with self._transaction(write=False) as conn:
            return _load_turns(conn, session_id)

    def commit(self, state: SessionState, new_turns: list[dict[str, Any]] = (), *,  # type: ignore[assignment]
               max_turns: int | None = None) -> None:
        """Write the session row and append `new_turns`, if nobody wrote the session since `state` was read.

        One transaction, one row update guarded by `version` (compare-and-set; works alike on SQLite
        and PostgreSQL) and one insert of the new turns numbered from `turn_count`: the cost does not
        depend on how long the session is. SessionConflict when another write came first (re-read and
        retry), SessionFull when the turns would pass `max_turns`, SessionNotFound when it is gone.
        On success `state` carries the new version, count and turns.
        """
        check_session_id(state.id)
        for turn in new_turns:
            _check_turn(turn)
        if max_turns is not None and state.turn_count + len(new_turns) > max_turns:
            raise SessionFull(f"this conversation has reached its limit of {max_turns} turns; start a new one")
        updated_at = _utcnow()
        with self._transaction(write=True) as conn:
            row = {**_session_row(state), "updated_at": updated_at, "version": state.version + 1,
                   "turn_count": state.turn_count + len(new_turns)}
            written = conn.execute(
                update(_sessions)
                .where(_sessions.c.id == state.id, _sessions.c.version == state.version)
                .values(**row)
            ).rowcount
            if written == 0:
                exists = conn.execute(select(_sessions.c.id).where(_sessions.c.id == state.id)).one_or_none()
                if exists is None:
                    raise SessionNotFound(f"no session {state.id}")
                raise SessionConflict("the conversation changed while this request was handled; send it again")
            if new_turns:
                conn.execute(insert(_turns), [
                    {"session_id": state.id, "seq": state.turn_count + offset, "citations": None, **turn}
                    for offset, turn in enumerate(new_turns)
                ])
        state.updated_at = updated_at
        state.version += 1
        state.turn_count += len(new_turns)
        state.turns.extend(dict(turn) for turn in new_turns)

    def save(self, state: SessionState) -> None:
        """Upsert the session row and append its new turns, whatever was stored; refreshes state.

        Unconditional (last write wins for the row) and reads every stored turn: for tools and
        tests. Requests use `commit`, which refuses a stale state instead.
        """
        check_session_id(state.id)
        for turn in state.turns:
            _check_turn(turn)
        state.updated_at = _utcnow()
        with self._transaction(write=True) as conn:
            current = conn.execute(
                select(_sessions.c.version).where(_sessions.c.id == state.id).with_for_update()
            ).one_or_none()
            stored = _load_turns(conn, state.id)
            shared = _common_prefix_length(
                [_turn_key(t) for t in stored], [_turn_key(t) for t in state.turns]
            )
            new_turns = state.turns[shared:]
            state.version = 0 if current is None else current.version + 1
            state.turn_count = len(stored) + len(new_turns)
            if current is None:
                conn.execute(insert(_sessions).values(**_session_row(state), created_at=state.created_at))
            else:
                conn.execute(update(_sessions).where(_sessions.c.id == state.id).values(**_session_row(state)))
            if new_turns:
                conn.execute(
                    insert(_turns),
                    [
                        {"session_id": state.id, "seq": len(stored) + offset, "citations": None, **turn}
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

    def check(self) -> None:
        """Raise StorageUnavailable unless a write transaction can begin and read now (readiness probe).

        On SQLite that takes the write lock (BEGIN IMMEDIATE): a lock held elsewhere shows up here.
        """
        with self._transaction(write=True) as conn:
            conn.execute(select(_sessions.c.id).limit(1)).all()

    def close(self) -> None:
        """Release every pooled connection."""
        self._engine.dispose()

    def _migrate(self) -> None:
        """Bring the schema up to date; a store that cannot yet is kept and tried again on next use."""
        try:
            migrate = apply_migrations if self._apply_migrations else require_migrations
            self.applied_migrations = migrate(self._engine)
        except (sa_exc.OperationalError, sa_exc.DatabaseError, sa_exc.InterfaceError, OSError) as error:
            log.error("session store cannot be migrated yet: %s", _reason(error))
            self._engine.dispose()
            return
        self._migrated = True

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Connection]:
        if not self._migrated:
            self._migrate()
            if not self._migrated:
                raise StorageUnavailable("session store unavailable: its database cannot be opened")
        lock = self._write_lock if write else None
        if lock is not None and not lock.acquire(timeout=self._busy_timeout_s):
            log.warning("session store unavailable: writers queued past the busy timeout")
            raise StorageUnavailable("session store unavailable (busy); retry shortly")
        try:
            with self._engine.connect() as conn:
                # Read by the SQLite "begin" hook: writers take the lock up front (see _create_engine).
                conn.execution_options(assistant_read_only=not write)
                with conn.begin():
                    yield conn
        except sa_exc.IntegrityError as error:
            # Two saves numbered the same turn: the later one lost the race.
            raise SessionConflict("the conversation changed while this request was handled; send it again") from error
        except (sa_exc.OperationalError, sa_exc.DatabaseError, sa_exc.InterfaceError) as error:
            reason = _reason(error)
            if "locked" not in reason and "timeout" not in reason:
                # A damaged, replaced or vanished file: reopen it, and re-check the schema, next time.
                self._engine.dispose()
                self._migrated = False
            log.warning("session store unavailable: %s", reason)
            raise StorageUnavailable(f"session store unavailable ({reason}); retry shortly") from error
        finally:
            if lock is not None:
                lock.release()


def _reason(error: BaseException) -> str:
    """The database's own one-line reason, without SQL or parameters."""
    original = getattr(error, "orig", None) or error
    return str(original).splitlines()[0][:200] if str(original) else type(original).__name__


def _session_row(state: SessionState) -> dict[str, Any]:
    """The session-row columns that a save rewrites (created_at is written once, on insert)."""
    return {
        "id": state.id,
        "facts": state.facts,
        "fact_sources": state.fact_sources,
        "pending_question_fact": state.pending_question_fact,
        "last_fact_paths": state.last_fact_paths,
        "updated_at": state.updated_at,
        "version": state.version,
        "turn_count": state.turn_count,
        "mentioned_categories": state.mentioned_categories,
        "asked_questions": state.asked_questions,
    }


def _load_turns(conn: Connection, session_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(_turns.c.role, _turns.c.text, _turns.c.at, _turns.c.citations)
        .where(_turns.c.session_id == session_id)
        .order_by(_turns.c.seq)
    )
    turns = []
    for row in rows:
        turn: dict[str, Any] = {"role": row.role, "text": row.text, "at": row.at}
        if row.citations is not None:
            turn["citations"] = row.citations
        turns.append(turn)
    return turns


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


def _create_engine(url: str, busy_timeout_s: float) -> Engine:
    """Build the engine; SQLite gets WAL, foreign keys, a busy timeout and real transactions."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        # Wait at most the busy timeout for a row lock, and not forever for a server that is down.
        connect_args = {"connect_timeout": max(1, round(busy_timeout_s * 2)),
                        "options": f"-c lock_timeout={int(busy_timeout_s * 1000)}"}
        return create_engine(parsed, pool_pre_ping=True, json_serializer=_json_dumps, connect_args=connect_args)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, json_serializer=_json_dumps)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a read-only data dir: reported when the store is used
            log.error("cannot create the session database folder: %s", error)
    engine = create_engine(
        parsed,
        json_serializer=_json_dumps,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_s},
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
