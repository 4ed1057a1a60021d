"""Store additions for the app: setting a session aside, finding the latest one."""

from __future__ import annotations

import pytest

from coach.errors import CoachError
from coach.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def test_abandon_keeps_answers_and_hides_the_session_from_active(store):
    first = store.create_session("de_escalation", 1, None, "welcome")
    store.save_answer(first, "what_happened", "They shouted.")
    store.abandon_session(first)
    record = store.session(first)
    assert record.status == "abandoned"
    assert record.answers == {"what_happened": "They shouted."}
    assert store.sessions(status="active") == []


def test_a_finished_session_cannot_be_abandoned(store):
    session = store.create_session("de_escalation", 1, None, "welcome")
    store.save_position(session, "done", ["welcome"], "finished")
    with pytest.raises(CoachError, match="finished"):
        store.abandon_session(session)


def test_latest_session_by_status_and_case(store):
    sam = store.create_case("Sam")
    older = store.create_session("de_escalation", 1, sam.id, "welcome")
    newer = store.create_session("de_escalation", 1, None, "welcome")
    assert store.latest_session() == newer
    assert store.latest_session(case_id=sam.id) == older
    store.abandon_session(newer)
    assert store.latest_session() == older
    assert store.latest_session(statuses=("abandoned",)) == newer
    store.abandon_session(older)
    assert store.latest_session() is None
