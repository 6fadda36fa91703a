"""Chat turns and panel edits racing on one session: every acknowledged fact is kept (or the edit is refused)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest

from assistant.conversation.dialogue import DialogueManager
from assistant.conversation.sessions import SessionState, SessionStore
from assistant.errors import SessionConflict, SessionFull

SERVED = "平台服务企业120家"
REVENUE = "安全服务收入520万元"
TRIALS = 10


def _both(run_a, run_b):  # type: ignore[no-untyped-def]
    start = threading.Barrier(2)

    def go(run):  # type: ignore[no-untyped-def]
        start.wait()
        return run()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(go, run_a), pool.submit(go, run_b)]
        return [future.result() for future in futures]


def test_two_turns_at_once_on_one_session_keep_both_facts(services):
    dialogue = services.dialogue
    for _ in range(TRIALS):
        session_id = services.sessions.create().id
        _both(partial(dialogue.turn, session_id, SERVED), partial(dialogue.turn, session_id, REVENUE))
        stored = services.sessions.get(session_id)
        assert stored.facts["platform"]["served_enterprises"] == 120
        assert stored.facts["security_service"]["industrial_security_revenue_2y_yuan"] == 5_200_000
        assert stored.turn_count == 4 and [t["role"] for t in stored.turns] == ["user", "assistant"] * 2


class _ReadTogetherStore(SessionStore):
    """The real store, except that the first two reads of a session wait for each other: two requests
    then surely both read the session before either writes (the lost-update interleaving)."""

    def __init__(self, url: str):
        super().__init__(url)
        self.meeting = threading.Barrier(2, timeout=10)
        self.reads = 0

    def get(self, session_id: str, *, with_turns: bool = True) -> SessionState:
        state = super().get(session_id, with_turns=with_turns)
        self.reads += 1
        if self.reads <= 2:
            self.meeting.wait()
        return state


def test_two_turns_that_both_read_before_either_writes_keep_both_facts(services, tmp_path):
    store = _ReadTogetherStore(f"sqlite:///{tmp_path / 'sessions.db'}")
    dialogue = DialogueManager(services.dialogue.parts, store)
    session_id = store.create().id
    _both(partial(dialogue.turn, session_id, SERVED), partial(dialogue.turn, session_id, REVENUE))
    stored = store.get(session_id)
    assert stored.facts["platform"]["served_enterprises"] == 120
    assert stored.facts["security_service"]["industrial_security_revenue_2y_yuan"] == 5_200_000
    assert store.reads > 3  # the loser read again and recomputed its turn
    store.close()


def test_a_versioned_edit_racing_a_turn_is_applied_under_it_or_refused(services):
    dialogue = services.dialogue
    outcomes = set()
    for _ in range(TRIALS):
        session_id = services.sessions.create().id
        version = services.sessions.get(session_id).version
        edit = {"applicant": {"registered_in_wuhan": True}}

        def put(session_id=session_id, edit=edit, version=version):  # type: ignore[no-untyped-def]
            try:
                return dialogue.replace_facts(session_id, edit, expected_version=version)
            except SessionConflict:
                return None

        put_result, _turn = _both(put, partial(dialogue.turn, session_id, SERVED))
        stored = services.sessions.get(session_id).facts
        assert stored["platform"]["served_enterprises"] == 120  # the turn is never lost
        if put_result is not None:  # acknowledged, so kept
            assert stored["applicant"]["registered_in_wuhan"] is True
        outcomes.add(put_result is not None)
    assert outcomes  # at least one trial ran


def test_an_unversioned_edit_racing_a_turn_is_never_lost(services):
    dialogue = services.dialogue
    for _ in range(TRIALS):
        session_id = services.sessions.create().id
        edit = {"applicant": {"registered_in_wuhan": True}}
        _both(partial(dialogue.replace_facts, session_id, edit), partial(dialogue.turn, session_id, SERVED))
        assert services.sessions.get(session_id).facts["applicant"]["registered_in_wuhan"] is True


def test_a_stale_version_is_refused_with_409(services):
    session_id = services.dialogue.turn(None, SERVED)["session_id"]
    with pytest.raises(SessionConflict):
        services.dialogue.replace_facts(session_id, {}, expected_version=0)


def test_the_turn_cap_refuses_the_next_turn_with_session_full(services):
    capped = DialogueManager(services.dialogue.parts, services.sessions, max_turns=4)
    session_id = capped.turn(None, SERVED)["session_id"]
    capped.turn(session_id, REVENUE)
    with pytest.raises(SessionFull) as caught:
        capped.turn(session_id, "没有重大事故")
    assert caught.value.http_status == 409
    assert services.sessions.get(session_id).turn_count == 4
