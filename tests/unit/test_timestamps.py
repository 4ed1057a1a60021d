"""Moments are stored in UTC and shown in local time, so "most recent" survives a clock change;
a schema-3 store (local times with their offsets) is brought to UTC by migration 4."""

from __future__ import annotations

import time
from datetime import date

import pytest

from coach.export.document import created_label
from coach.export.files import default_name
from coach.store import SCHEMA_VERSION, Store
from coach.timestamps import in_utc, local_day, local_minute, now
from coach.tui.wording import when
from tests.conftest import store_at_schema

UTC_PLUS_2 = "EAST-2"  # POSIX zones (no zone database needed): two hours east of UTC
UTC_MINUS_5 = "WEST+5"


@pytest.fixture
def zone(monkeypatch):
    """Set the local time zone for this test only."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def test_moments_are_stored_in_utc_whatever_the_local_zone(home, zone):
    for name in (UTC_PLUS_2, UTC_MINUS_5):
        zone(name)
        assert now().endswith("+00:00")
    with Store.open(home) as store:
        case = store.create_case("Sam")
        session_id = store.create_session("mini", 1, case.id, "start")
        store.save_answer(session_id, "mood", "low")
        row = store.connection.execute("SELECT answered FROM answers").fetchone()
        assert case.created.endswith("+00:00") and row[0].endswith("+00:00")


def test_the_latest_session_stays_the_latest_across_a_clock_change(home, zone):
    with Store.open(home) as store:
        zone(UTC_PLUS_2)
        first = store.create_session("mini", 1, None, "start")
        store.save_position(first, "check", ["start"])
        zone(UTC_MINUS_5)  # the clock goes back seven hours
        second = store.create_session("mini", 1, None, "start")
        assert [row.id for row in store.sessions()] == [second, first]


def test_moments_are_shown_in_local_time(zone):
    zone(UTC_PLUS_2)
    late = "2026-11-27T23:30:00+00:00"  # already the 28th two hours east
    assert local_day(late) == "2026-11-28" and local_minute(late) == "2026-11-28T01:30"
    assert when(late, today=date(2026, 11, 28)) == "today 01:30"
    assert created_label(late) == "Saturday 28 November 2026"
    assert default_name("sit_in", late, "pdf") == "sit-in-plan-2026-11-28.pdf"
    assert in_utc("2026-11-28T01:30:00+02:00") == late
    assert in_utc("not a moment") == "not a moment"


def test_migration_4_brings_a_schema_3_store_to_utc(home):
    db = store_at_schema(home, 3)
    east, west = "2026-11-27T10:00:00+02:00", "2026-11-27T05:00:00-05:00"  # 08:00 and 10:00 UTC
    db.execute("INSERT INTO cases (name, created, updated) VALUES ('Sam', ?, ?)", (east, west))
    for state, stamp in (("ask", east), ("check", west)):
        db.execute(
            "INSERT INTO sessions (case_id, flow_id, flow_version, state, created, updated)"
            " VALUES (1, 'mini', 1, ?, ?, ?)",
            (state, stamp, stamp),
        )
    db.execute("INSERT INTO answers VALUES (1, 'mood', '\"low\"', ?)", (east,))
    db.execute("INSERT INTO session_events (session_id, kind, at) VALUES (1, 'x', ?)", (west,))
    db.execute("INSERT INTO session_claims VALUES (2, 'host:1', ?)", (east,))
    db.execute(
        "INSERT INTO plans (session_id, case_id, flow_id, flow_version, title, created)"
        " VALUES (1, 1, 'mini', 1, 'Mini plan', ?)",
        (east,),
    )
    db.execute("INSERT INTO plan_revisions VALUES (1, 1, 'body', ?)", (west,))
    db.execute("INSERT INTO plan_follow_ups (plan_id, answers, created) VALUES (1, '{}', 'x')")
    db.commit()
    newest = db.execute("SELECT state FROM sessions ORDER BY updated DESC LIMIT 1").fetchone()
    assert newest == ("ask",)  # as text, 10:00+02:00 sorted after 05:00-05:00: wrong
    db.close()
    with Store.open(home) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.sessions()[0].state == "check"
        case = store.case(1)
        assert case.created == "2026-11-27T08:00:00+00:00"
        assert store.plan(1).created == "2026-11-27T08:00:00+00:00"
        assert store.revisions(1)[0].created == "2026-11-27T10:00:00+00:00"
        assert store.events(1)[0].at == "2026-11-27T10:00:00+00:00"
        assert store.follow_ups(1)[0].created == "x"  # not a moment: left as it was
        stamps = store.connection.execute(
            "SELECT answered FROM answers UNION ALL SELECT claimed FROM session_claims"
            " UNION ALL SELECT updated FROM cases"
        ).fetchall()
        assert [row[0] for row in stamps] == [
            "2026-11-27T08:00:00+00:00",
            "2026-11-27T08:00:00+00:00",
            "2026-11-27T10:00:00+00:00",
        ]
