"""The diary and check-ins in the store: revisions kept, one entry per session, sealed under
a passphrase, erased with their case (here and in backups), and migrated onto a schema-5
store without touching what it held."""

from __future__ import annotations

import sqlite3
from datetime import date, time

import pytest

from coach.errors import NotFoundError
from coach.records import AdultResponse, CheckIn, GoalRating, Incident
from coach.store import SCHEMA_VERSION, Store
from coach.store.backups import make_backup
from coach.store.erasing import erase_case
from tests.conftest import store_at_schema

WORDS = "Zoë threw the remote at the kitchen window"
GOAL = "Calmer mornings before school"


@pytest.fixture
def store(home):
    with Store.open(home) as opened:
        yield opened


def an_incident(**changes) -> Incident:
    values = {
        "day": date(2026, 11, 20),
        "what_happened": WORDS,
        "severity": 6,
        "anyone_hurt": False,
        "at": time(21, 15),
        "place": "the kitchen",
        "responses": (AdultResponse.STEPPED_OUT,),
    }
    return Incident(**{**values, **changes})


def a_check_in() -> CheckIn:
    return CheckIn(date(2026, 11, 21), (GoalRating(GOAL, 4),), calm=5, went_well="tea together")


def test_an_entry_reads_back_as_it_was_logged(store):
    case = store.create_case("Zoë")
    entry_id = store.add_incident(case.id, an_incident())
    entry = store.diary_entry(entry_id)
    assert entry.incident == an_incident() and entry.revision == 1 and entry.case_id == case.id
    assert store.diary(case.id) == [entry]


def test_a_correction_is_a_new_revision_and_the_first_stays(store):
    case = store.create_case("Sam")
    entry_id = store.add_incident(case.id, an_incident())
    corrected = store.correct_incident(entry_id, an_incident(severity=8, anyone_hurt=True))
    assert [r.incident.severity for r in corrected.revisions] == [6, 8]
    assert store.diary_entry(entry_id) == corrected
    assert store.correct_incident(entry_id, an_incident(severity=8, anyone_hurt=True)) == corrected


def test_one_entry_per_session_however_often_it_is_finished(store):
    case = store.create_case("Sam")
    session = store.create_session("delayed_action", 2, case.id, "done")
    first = store.add_incident(case.id, an_incident(), session_id=session)
    again = store.add_incident(case.id, an_incident(severity=9), session_id=session)
    assert first == again and len(store.diary(case.id)) == 1
    assert store.incident_for_session(session) == first


def test_an_entry_keeps_its_plan_until_the_plan_is_deleted(store):
    case = store.create_case("Sam")
    plan = store.create_plan(
        session_id=None,
        case_id=case.id,
        flow_id="delayed_action",
        flow_version=2,
        title="Delayed response plan",
        body="# Plan\n",
        answers={},
    )
    entry_id = store.add_incident(case.id, an_incident(plan_id=plan))
    assert store.diary_entry(entry_id).incident.plan_id == plan
    store.delete_plan(plan)
    assert store.diary_entry(entry_id).incident.plan_id is None


def test_check_ins_read_back_and_once_per_session(store):
    case = store.create_case("Sam")
    session = store.create_session("check_in", 1, case.id, "done")
    first = store.add_check_in(case.id, a_check_in(), session_id=session)
    assert store.add_check_in(case.id, a_check_in(), session_id=session) == first
    [entry] = store.check_ins(case.id)
    assert entry.check_in == a_check_in() and entry.session_id == session
    assert store.check_in_entry(first) == entry


def test_an_unknown_entry_is_one_line(store):
    with pytest.raises(NotFoundError, match="no diary entry with id 99"):
        store.diary_entry(99)
    with pytest.raises(NotFoundError, match="no check-in with id 99"):
        store.check_in_entry(99)


def raw_values(home) -> list[str]:
    db = sqlite3.connect(home / "coach.db")
    try:
        rows = db.execute("SELECT entry FROM incident_revisions").fetchall()
        rows += db.execute("SELECT data FROM check_ins").fetchall()
    finally:
        db.close()
    return [row[0] for row in rows]


def test_the_diary_is_sealed_under_a_passphrase_and_opened_again(home, store):
    case = store.create_case("Sam")
    store.add_incident(case.id, an_incident())
    store.add_check_in(case.id, a_check_in())
    store.lock("a long passphrase")
    sealed = raw_values(home)
    assert len(sealed) == 2 and not any(WORDS in v or GOAL in v for v in sealed)
    store.add_incident(case.id, an_incident(what_happened="Slammed the door twice"))
    assert "Slammed the door" not in "".join(raw_values(home))
    assert store.diary(case.id)[0].incident.what_happened == WORDS
    store.unlock()
    assert any(WORDS in value for value in raw_values(home))


def test_the_diary_is_erased_with_its_case_here_and_in_backups(home, store):
    case = store.create_case("Sam")
    other = store.create_case("Alex")
    store.add_incident(case.id, an_incident())
    store.add_check_in(case.id, a_check_in())
    store.add_incident(other.id, an_incident(what_happened="Shouted at the neighbour"))
    backup = make_backup(store)
    assert erase_case(store, case.id) == 1
    assert [e.incident.what_happened for e in store.diary(other.id)] == ["Shouted at the neighbour"]
    for path in (home / "coach.db", backup):
        db = sqlite3.connect(path)
        try:
            left = db.execute("SELECT COUNT(*) FROM incident_revisions").fetchone()[0]
            check_ins = db.execute("SELECT COUNT(*) FROM check_ins").fetchone()[0]
        finally:
            db.close()
        assert (left, check_ins) == (1, 0), path
        assert WORDS.encode() not in path.read_bytes()


def test_a_schema_5_store_gains_the_diary_and_keeps_its_data(home):
    db = store_at_schema(home, 5)
    made, went = "2026-11-01T10:00:00+00:00", "2026-11-08T10:00:00+00:00"
    db.execute(
        "INSERT INTO cases (name, profile, created, updated, uuid)"
        " VALUES ('Sam', '{}', ?, ?, 'u1')",
        (made, made),
    )
    db.execute(
        "INSERT INTO plans (case_id, flow_id, flow_version, title, created)"
        " VALUES (1, 'sit_in', 1, 'Sit-in plan', ?)",
        (made,),
    )
    for revision, stamp in ((1, made), (2, went)):
        db.execute("INSERT INTO plan_revisions VALUES (1, ?, 'text', ?)", (revision, stamp))
    db.execute(
        "INSERT INTO plan_follow_ups (plan_id, answers, created) VALUES (1, '{}', ?)", (went,)
    )
    db.commit()
    db.close()
    with Store.open(home) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
        [case] = store.cases()
        assert case.name == "Sam" and store.diary(case.id) == []
        # The follow-up's revision is its own event, not a second "changed".
        assert [event.kind for event in store.plan_events(case.id)] == ["made", "followed_up"]
        store.add_incident(case.id, an_incident())
        assert len(store.diary(case.id)) == 1
