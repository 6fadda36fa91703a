"""Session store on PostgreSQL: the storage tests of test_sessions.py rerun on a throwaway local cluster.

Needs the server binaries (Debian package `postgresql`) and `psycopg`; skipped when either is missing.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.conversation.sessions import SessionStore
from tests.conversation.test_session_writes import (  # noqa: F401
    test_a_commit_on_a_stale_read_is_refused_and_changes_nothing,
    test_commit_appends_turns_with_citations_and_bumps_version_and_count,
    test_commit_on_a_deleted_session_is_not_found,
    test_commit_past_the_turn_cap_is_session_full,
    test_racing_read_modify_commit_loops_lose_no_fact,
)

# Imported so pytest collects them here too, where `db_url` below points them at PostgreSQL.
from tests.conversation.test_sessions import (  # noqa: F401
    test_a_new_store_on_the_same_file_sees_everything_after_a_restart,
    test_a_stale_copy_saved_later_keeps_the_turns_another_request_added,
    test_applying_migrations_again_changes_nothing,
    test_concurrent_requests_on_one_session_lose_no_turn,
    test_concurrent_sessions_never_mix,
    test_created_session_is_empty_and_readable,
    test_deleted_session_is_gone_with_its_turns_and_others_stay,
    test_facts_and_sources_with_control_characters_round_trip,
    test_fresh_schema_has_the_migrated_tables_and_columns,
    test_malformed_session_id_is_invalid_input,
    test_message_with_a_nul_character_is_invalid_input_and_nothing_is_saved,
    test_only_a_new_migration_runs_on_an_existing_database,
    test_purge_removes_only_sessions_untouched_longer_than_retention,
    test_purge_with_default_clock_keeps_fresh_sessions,
    test_saved_facts_sources_and_turns_round_trip,
    test_saving_a_state_that_was_never_created_inserts_it,
    test_saving_again_appends_only_the_new_turns,
    test_turn_with_unknown_role_is_refused,
    test_unknown_session_id_is_not_found,
)

_COMMAND_TIMEOUT_S = 60
# Durability is pointless for a cluster deleted after the run, and skipping fsync keeps it fast.
_FAST_SETTINGS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
_database_numbers = itertools.count()


@dataclass(frozen=True)
class PostgresCluster:
    """A running throwaway server on 127.0.0.1, trusting the `postgres` superuser."""

    port: int

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def run_admin(self, statement: str, database: str) -> None:
        """Run one statement that must stand outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(database)))


def _server_bin_dir() -> Path | None:
    """The newest installed PostgreSQL bin directory that has initdb and pg_ctl."""
    candidates = [
        path
        for path in Path("/usr/lib/postgresql").glob("*/bin")
        if path.parent.name.isdigit() and (path / "initdb").exists() and (path / "pg_ctl").exists()
    ]
    return max(candidates, key=lambda path: int(path.parent.name), default=None)


def _run_as_prefix() -> list[str]:
    """How to run server commands: initdb and postgres refuse to run as root, so root uses `postgres`."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no `postgres` system user to run the server as")
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root and `runuser` is missing, so the server cannot run as `postgres`")
    return [runuser, "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], cwd: Path) -> None:
    """Run a server command; a failure here is a broken setup, so it fails loudly rather than skips."""
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=_COMMAND_TIMEOUT_S, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="module")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """Create, start and finally stop a private cluster; skip if PostgreSQL or psycopg is absent."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")
    bin_dir = _server_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
        )
    as_server_user = _run_as_prefix()
    # Not pytest's tmp_path: its base folder is private to the current user, so `postgres` could
    # not reach a cluster inside it. /tmp is, and the short path keeps the socket under its length limit.
    root = Path(tempfile.mkdtemp(prefix="sessions-pg-"))
    if as_server_user:
        shutil.chown(root, user="postgres", group="postgres")
    data, port = root / "data", _free_port()
    pg_ctl = [*as_server_user, str(bin_dir / "pg_ctl"), "-D", str(data)]
    try:
        _run(
            [*as_server_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            cwd=root,
        )  # fmt: skip
        options = f"-k {root} -p {port} -c listen_addresses=127.0.0.1 {_FAST_SETTINGS}"
        _run([*pg_ctl, "-l", str(root / "server.log"), "-o", options, "-w", "start"], cwd=root)
        try:
            yield PostgresCluster(port=port)
        finally:
            _run([*pg_ctl, "-m", "fast", "-w", "stop"], cwd=root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def db_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A fresh, empty database per test, so schema and count assertions see only that test's rows."""
    database = f"sessions_{next(_database_numbers)}"
    postgres_cluster.run_admin("CREATE DATABASE {}", database)
    yield postgres_cluster.url(database)
    # FORCE ends connections a failing test may have left open.
    postgres_cluster.run_admin("DROP DATABASE {} WITH (FORCE)", database)


def test_the_rerun_store_really_talks_to_postgresql(db_url: str) -> None:
    session_store = SessionStore(db_url)
    try:
        assert session_store.engine.dialect.name == "postgresql"
        assert session_store.engine.dialect.driver == "psycopg"
        state = session_store.create()
        with session_store.engine.connect() as conn:
            column_type = conn.exec_driver_sql(
                "SELECT data_type FROM information_schema.columns"
                " WHERE table_name = 'sessions' AND column_name = 'updated_at'"
            ).scalar_one()
        # Timestamps are real zone-aware columns on PostgreSQL, unlike SQLite's naive text.
        assert column_type == "timestamp with time zone"
        assert session_store.get(state.id).updated_at == state.updated_at
    finally:
        session_store.close()
