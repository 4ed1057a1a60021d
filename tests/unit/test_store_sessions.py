"""Store additions for the app: setting a session aside, finding the latest one."""

from __future__ import annotations

import pytest

from coach.errors import CoachError
from coach.store import Store
from tests.conftest import store_at_schema


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


def test_sessions_by_status_and_case_newest_first(store):
    sam = store.create_case("Sam")
    older = store.create_session("de_escalation", 1, sam.id, "welcome")
    newer = store.create_session("de_escalation", 1, None, "welcome")

    def ids(**which):
        return [row.id for row in store.sessions(**which)]

    assert ids(status="active") == [newer, older]
    assert ids(status="active", case_id=sam.id) == [older]
    store.abandon_session(newer)
    assert ids(status="active") == [older] and ids(status="abandoned") == [newer]
    store.abandon_session(older)
    assert ids(status="active") == []


def test_a_session_stopped_before_schema_7_is_active_in_the_file_and_stopped_in_the_lists(
    tmp_path,
):
    """The status column said 'stopped' in plain text, even in a locked store: it now says
    'active', and the lists still call the session stopped, from where it stands."""
    from coach.services import Services
    from coach.services.workspace import Workspace

    home = tmp_path / "data"
    db = store_at_schema(home, 6)
    stamp = "2026-11-01T10:00:00+00:00"
    for state, status in (("safety_stop", "stopped"), ("what_happened", "active")):
        db.execute(
            "INSERT INTO sessions (flow_id, flow_version, state, status, created, updated)"
            " VALUES ('de_escalation', 1, ?, ?, ?, ?)",
            (state, status, stamp, stamp),
        )
    db.commit()
    db.close()
    services = Services(Workspace(home_option=home))
    assert [s.status for s in services.workspace.store.sessions()] == ["active", "active"]
    listed = services.sessions.in_progress(None)
    assert [(s.id, s.status) for s in listed] == [(2, "active"), (1, "stopped")]
    assert [s.state for s in services.sessions.to_resume()] == ["what_happened"]
    assert services.sessions.latest() == 2
