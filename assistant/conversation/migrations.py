"""Named, ordered schema migrations for the session store, recorded in `schema_migrations`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Dialect,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator

SESSION_ID_LENGTH = 64  # column width; ids from new_session_id() are 32 characters


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes: a wall-clock time without a zone cannot be compared safely."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: session timestamps must be timezone-aware")
        utc_value = value.astimezone(UTC)
        # SQLite's DATETIME stores no offset; keep it naive UTC there, aware elsewhere (timestamptz).
        return utc_value.replace(tzinfo=None) if dialect.name == "sqlite" else utc_value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to the naive values SQLite hands back."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Each migration owns a frozen copy of the tables it creates, so later schema changes are new
# migrations rather than edits to old ones.


def _create_sessions(conn: Connection) -> None:
    """Create the session row: facts and their sources as JSON, timestamps for retention."""
    metadata = MetaData()
    Table(
        "sessions",
        metadata,
        Column("id", String(SESSION_ID_LENGTH), primary_key=True),
        Column("facts", JSON, nullable=False),
        Column("fact_sources", JSON, nullable=False),
        Column("pending_question_fact", String(200), nullable=True),
        Column("last_fact_paths", JSON, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
        Index("ix_sessions_updated_at", "updated_at"),  # purge scans by age
    )
    metadata.create_all(conn)


def _create_turns(conn: Connection) -> None:
    """Create the turns table: one row per message, ordered by `seq` within its session."""
    metadata = MetaData()
    Table("sessions", metadata, Column("id", String(SESSION_ID_LENGTH), primary_key=True))
    turns = Table(
        "turns",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "session_id",
            String(SESSION_ID_LENGTH),
            ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("seq", Integer, nullable=False),
        Column("role", String(16), nullable=False),
        Column("text", Text, nullable=False),
        Column("at", String(64), nullable=False),  # the ISO timestamp exactly as the turn carried it
        UniqueConstraint("session_id", "seq", name="uq_turns_session_seq"),
    )
    turns.create(conn)


def _add_versions_and_turn_counts(conn: Connection) -> None:
    """Per-turn writes: a version for compare-and-set, a turn count for appends, remembered topics.

    `version` lets a writer update the row only if nobody wrote it since it was read; `turn_count`
    numbers new turns without reading old ones; `mentioned_categories` (NULL on rows written before
    this migration: recomputed from their turns) and `asked_questions` (how often each question
    was asked) save re-reading history on every turn; a turn's `citations` let a reload show the
    clauses an answer cited.
    """
    conn.execute(text("ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0"))
    conn.execute(text("ALTER TABLE sessions ADD COLUMN turn_count INTEGER NOT NULL DEFAULT 0"))
    conn.execute(text("ALTER TABLE sessions ADD COLUMN mentioned_categories " + _json_type(conn)))
    conn.execute(text("ALTER TABLE sessions ADD COLUMN asked_questions " + _json_type(conn)))
    conn.execute(text("ALTER TABLE turns ADD COLUMN citations " + _json_type(conn)))
    conn.execute(text(
        "UPDATE sessions SET turn_count = (SELECT count(*) FROM turns WHERE turns.session_id = sessions.id)"
    ))


def _json_type(conn: Connection) -> str:
    """The column type SQLAlchemy's JSON maps to on this backend (nullable)."""
    return JSON().compile(dialect=conn.dialect)


Migration = tuple[str, Callable[[Connection], None]]

MIGRATIONS: list[Migration] = [
    ("0001_create_sessions", _create_sessions),
    ("0002_create_turns", _create_turns),
    ("0003_versions_and_turn_counts", _add_versions_and_turn_counts),
]

_schema_metadata = MetaData()
schema_migrations = Table(
    "schema_migrations",
    _schema_metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", UtcDateTime, nullable=False),
)


def applied_migrations(conn: Connection) -> list[str]:
    """Names of the migrations already recorded, in the order they were applied."""
    rows = conn.execute(select(schema_migrations.c.name).order_by(schema_migrations.c.name))
    return [row.name for row in rows]


def apply_migrations(engine: Engine, migrations: list[Migration] | None = None) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return their names."""
    pending_list = MIGRATIONS if migrations is None else migrations
    names = [name for name, _ in pending_list]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate migration names in {names}")
    with engine.begin() as conn:
        _lock_for_migration(conn)
        schema_migrations.create(conn, checkfirst=True)
    applied_now: list[str] = []
    for name, migrate in pending_list:
        with engine.begin() as conn:
            _lock_for_migration(conn)
            # Re-read inside the locked transaction: another process may have just applied it.
            if name in applied_migrations(conn):
                continue
            migrate(conn)
            conn.execute(schema_migrations.insert().values(name=name, applied_at=datetime.now(UTC)))
            applied_now.append(name)
    return applied_now


def require_migrations(engine: Engine, migrations: list[Migration] | None = None) -> list[str]:
    """Apply nothing; raise SchemaNotMigrated naming what `assistant migrate` would apply, else return []."""
    from assistant.errors import SchemaNotMigrated

    names = [name for name, _ in (MIGRATIONS if migrations is None else migrations)]
    with engine.connect() as conn:
        applied = set(applied_migrations(conn)) if inspect(conn).has_table("schema_migrations") else set()
    pending = [name for name in names if name not in applied]
    if pending:
        raise SchemaNotMigrated(f"the session database lacks migrations {', '.join(pending)}; "
                                "run `assistant migrate` once (ASSISTANT_SESSION_MIGRATE_ON_START=false here)")
    return []


def _lock_for_migration(conn: Connection) -> None:
    """Serialise migrations across processes (SQLite already holds its write lock: BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        # Arbitrary constant key shared by every policy-assistant process; released at commit.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": 5_004_001})
