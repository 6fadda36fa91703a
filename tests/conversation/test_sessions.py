"""Session store: persistence across restarts, id checks, deletion, retention, concurrency, schema."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from assistant.conversation.migrations import MIGRATIONS, apply_migrations
from assistant.conversation.sessions import (
    SESSION_ID_PATTERN,
    SessionState,
    SessionStore,
    new_session_id,
)
from assistant.errors import InvalidInput, SessionNotFound


def _turn(role: str, text_: str) -> dict[str, str]:
    return {"role": role, "text": text_, "at": datetime.now(UTC).isoformat()}


def _fill(state: SessionState) -> None:
    state.facts = {"applicant": {"registered_in_wuhan": True, "legal_form": "independent_legal_person"}}
    state.fact_sources = {"applicant.registered_in_wuhan": "我们公司注册在武汉东湖高新区"}
    state.turns.append(_turn("user", "我们公司注册在武汉东湖高新区"))
    state.turns.append(_turn("assistant", "请问贵公司近两年是否发生重大安全事故？"))
    state.pending_question_fact = "applicant.major_accident_last_2y"
    state.last_fact_paths = ["applicant.registered_in_wuhan"]


def test_new_session_ids_are_url_safe_random_and_match_the_pattern():
    ids = {new_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(SESSION_ID_PATTERN.fullmatch(session_id) for session_id in ids)


def test_created_session_is_empty_and_readable(store: SessionStore):
    state = store.create()
    loaded = store.get(state.id)
    assert loaded == state
    assert loaded.facts == {} and loaded.turns == [] and loaded.pending_question_fact is None
    assert loaded.created_at.tzinfo is not None and loaded.created_at.utcoffset() == timedelta(0)


def test_saved_facts_sources_and_turns_round_trip(store: SessionStore):
    state = store.create()
    _fill(state)
    store.save(state)
    loaded = store.get(state.id)
    assert loaded == state
    assert loaded.fact_sources["applicant.registered_in_wuhan"] == "我们公司注册在武汉东湖高新区"
    assert [turn["role"] for turn in loaded.turns] == ["user", "assistant"]
    assert loaded.updated_at >= loaded.created_at


def test_saving_again_appends_only_the_new_turns(store: SessionStore):
    state = store.create()
    _fill(state)
    store.save(state)
    state.turns.append(_turn("user", "没有发生过"))
    state.facts["applicant"]["major_accident_last_2y"] = False
    store.save(state)
    store.save(state)  # an unchanged save must not duplicate turns
    loaded = store.get(state.id)
    assert [turn["text"] for turn in loaded.turns] == [turn["text"] for turn in state.turns]
    assert len(loaded.turns) == 3
    assert loaded.facts["applicant"]["major_accident_last_2y"] is False


def test_a_stale_copy_saved_later_keeps_the_turns_another_request_added(store: SessionStore):
    state = store.create()
    first, second = store.get(state.id), store.get(state.id)
    first.turns.append(_turn("user", "第一条"))
    second.turns.append(_turn("user", "第二条"))
    store.save(first)
    store.save(second)
    assert [turn["text"] for turn in store.get(state.id).turns] == ["第一条", "第二条"]
    assert [turn["text"] for turn in second.turns] == ["第一条", "第二条"]


def test_saving_a_state_that_was_never_created_inserts_it(store: SessionStore):
    state = SessionState(id=new_session_id())
    _fill(state)
    store.save(state)
    assert store.get(state.id) == state


def test_a_new_store_on_the_same_file_sees_everything_after_a_restart(db_url: str):
    first = SessionStore(db_url)
    state = first.create()
    _fill(state)
    first.save(state)
    first.close()

    reopened = SessionStore(db_url)
    try:
        assert reopened.get(state.id) == state
    finally:
        reopened.close()


def test_unknown_session_id_is_not_found(store: SessionStore):
    store.create()
    with pytest.raises(SessionNotFound) as caught:
        store.get(new_session_id())
    assert caught.value.code == "session_not_found" and caught.value.http_status == 404


@pytest.mark.parametrize(
    "session_id",
    [
        pytest.param("../etc", id="a path traversal is malformed"),
        pytest.param("", id="an empty id is malformed"),
        pytest.param("x" * 500, id="an overlong id is malformed"),
        pytest.param("1 OR 1=1", id="an sql fragment is malformed"),
        pytest.param("a" * 31, id="one character short is malformed"),
        pytest.param("a" * 31 + "\n", id="a trailing newline is malformed"),
        pytest.param("会话" * 16, id="non ascii characters are malformed"),
    ],
)
def test_malformed_session_id_is_invalid_input(store: SessionStore, session_id: str):
    store.create()
    with pytest.raises(InvalidInput) as caught:
        store.get(session_id)
    assert caught.value.code == "invalid_input" and caught.value.http_status == 422
    with pytest.raises(InvalidInput):
        store.delete(session_id)


def test_deleted_session_is_gone_with_its_turns_and_others_stay(store: SessionStore):
    doomed, kept = store.create(), store.create()
    _fill(doomed)
    _fill(kept)
    store.save(doomed)
    store.save(kept)
    store.delete(doomed.id)
    with pytest.raises(SessionNotFound):
        store.get(doomed.id)
    with pytest.raises(SessionNotFound):
        store.delete(doomed.id)
    assert store.get(kept.id) == kept
    assert _turn_rows(store, doomed.id) == 0


def test_purge_removes_only_sessions_untouched_longer_than_retention(db_url: str):
    store = SessionStore(db_url, retention_days=30)
    try:
        old = store.create()
        _fill(old)
        store.save(old)
        recent = store.create()
        assert old.updated_at < recent.updated_at
        # At exactly 30 days after `recent` was touched, `recent` is not older than retention yet.
        assert store.purge_expired(now=recent.updated_at + timedelta(days=30)) == 1
        with pytest.raises(SessionNotFound):
            store.get(old.id)
        assert _turn_rows(store, old.id) == 0
        assert store.get(recent.id) == recent
        assert store.purge_expired(now=recent.updated_at + timedelta(days=30, seconds=1)) == 1
        assert store.count() == 0
    finally:
        store.close()


def test_purge_with_default_clock_keeps_fresh_sessions(db_url: str):
    store = SessionStore(db_url, retention_days=0.5)
    try:
        state = store.create()
        assert store.purge_expired() == 0
        assert store.get(state.id) == state
    finally:
        store.close()


def test_retention_must_be_positive(db_url: str):
    with pytest.raises(ValueError):
        SessionStore(db_url, retention_days=0)


def test_concurrent_sessions_never_mix(store: SessionStore):
    threads, saves = 8, 20
    start = threading.Barrier(threads)

    def converse(worker: int) -> str:
        session_id = store.create().id
        start.wait()  # make the workers' saves overlap
        for step in range(saves):
            state = store.get(session_id)
            state.turns.append(_turn("user", f"worker {worker} step {step}"))
            state.facts = {"worker": worker, "step": step}
            state.fact_sources = {"worker": f"worker {worker} step {step}"}
            store.save(state)
        return session_id

    with ThreadPoolExecutor(max_workers=threads) as pool:
        session_ids = list(pool.map(converse, range(threads)))

    assert len(set(session_ids)) == threads
    for worker, session_id in enumerate(session_ids):
        loaded = store.get(session_id)
        assert [turn["text"] for turn in loaded.turns] == [f"worker {worker} step {s}" for s in range(saves)]
        assert loaded.facts == {"worker": worker, "step": saves - 1}


def test_concurrent_requests_on_one_session_lose_no_turn(store: SessionStore):
    session_id = store.create().id
    threads, saves = 4, 10
    start = threading.Barrier(threads)

    def converse(worker: int) -> None:
        start.wait()
        for step in range(saves):
            state = store.get(session_id)
            state.turns.append(_turn("user", f"{worker}:{step}"))
            store.save(state)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(converse, range(threads)))

    texts = [turn["text"] for turn in store.get(session_id).turns]
    assert len(texts) == threads * saves
    for worker in range(threads):
        assert [t for t in texts if t.startswith(f"{worker}:")] == [f"{worker}:{s}" for s in range(saves)]


def test_turn_with_unknown_role_is_refused(store: SessionStore):
    state = store.create()
    state.turns.append({"role": "system", "text": "x", "at": datetime.now(UTC).isoformat()})
    with pytest.raises(ValueError):
        store.save(state)
    assert store.get(state.id).turns == []


def test_message_with_a_nul_character_is_invalid_input_and_nothing_is_saved(store: SessionStore):
    state = store.create()
    state.turns.append(_turn("user", "注册在\x00武汉"))
    with pytest.raises(InvalidInput):
        store.save(state)
    assert store.get(state.id).turns == []


def test_facts_and_sources_with_control_characters_round_trip(store: SessionStore):
    state = store.create()
    state.facts = {"note": "a\x00b\x01c"}
    state.fact_sources = {"note": "来源\x00原文"}
    store.save(state)
    assert store.get(state.id) == state


def test_fresh_schema_has_the_migrated_tables_and_columns(store: SessionStore):
    inspector = inspect(store.engine)
    assert set(inspector.get_table_names()) == {"schema_migrations", "sessions", "turns"}
    columns = {
        table: {column["name"]: column["nullable"] for column in inspector.get_columns(table)}
        for table in ("schema_migrations", "sessions", "turns")
    }
    assert columns == {
        "schema_migrations": {"name": False, "applied_at": False},
        "sessions": {
            "id": False,
            "facts": False,
            "fact_sources": False,
            "pending_question_fact": True,
            "last_fact_paths": False,
            "created_at": False,
            "updated_at": False,
            "version": False,
            "turn_count": False,
            "mentioned_categories": True,
            "asked_questions": True,
        },
        "turns": {"id": False, "session_id": False, "seq": False, "role": False, "text": False, "at": False,
                  "citations": True},
    }
    assert inspector.get_pk_constraint("sessions")["constrained_columns"] == ["id"]
    [foreign_key] = inspector.get_foreign_keys("turns")
    assert (foreign_key["referred_table"], foreign_key["constrained_columns"]) == ("sessions", ["session_id"])
    assert [u["column_names"] for u in inspector.get_unique_constraints("turns")] == [["session_id", "seq"]]
    assert [i["column_names"] for i in inspector.get_indexes("sessions")] == [["updated_at"]]
    names = ["0001_create_sessions", "0002_create_turns", "0003_versions_and_turn_counts"]
    assert [name for name, _ in MIGRATIONS] == names
    with store.engine.connect() as conn:
        recorded = conn.execute(text("SELECT name FROM schema_migrations ORDER BY name")).scalars().all()
    assert recorded == names


def test_applying_migrations_again_changes_nothing(db_url: str):
    store = SessionStore(db_url)
    try:
        state = store.create()
        assert apply_migrations(store.engine) == []
        second_start = SessionStore(db_url)  # a second start-up applies nothing either
        assert second_start.get(state.id) == state
        second_start.close()
        with store.engine.connect() as conn:
            recorded = conn.execute(text("SELECT count(*) FROM schema_migrations")).scalar_one()
        assert recorded == len(MIGRATIONS)
    finally:
        store.close()


def test_only_a_new_migration_runs_on_an_existing_database(store: SessionStore):
    def add_notes_table(conn: Connection) -> None:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))

    extended = [*MIGRATIONS, ("9999_create_notes", add_notes_table)]
    assert apply_migrations(store.engine, extended) == ["9999_create_notes"]
    assert apply_migrations(store.engine, extended) == []
    assert "notes" in inspect(store.engine).get_table_names()


def _turn_rows(store: SessionStore, session_id: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM turns WHERE session_id = :id"), {"id": session_id}
        ).scalar_one()
