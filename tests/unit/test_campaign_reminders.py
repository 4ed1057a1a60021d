"""Calendar reminders for the campaign: the weekly check-in and each plan's "how did it go?",
neutral in every field."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from coach.errors import CoachError
from coach.export.calendar import (
    CHECK_IN_TITLE,
    FOLLOW_UP_TITLE,
    follow_up_item,
    reminders_ics,
)
from coach.records import PlanRecord
from coach.yamlio import read_yaml
from tests.conftest import ANSWERS
from tests.export_support import record

MADE = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)


def plan(flow_id: str) -> PlanRecord:
    """A plan made from the flow's answers file, titled with the young person's name."""
    answers = {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in read_yaml(ANSWERS / f"{flow_id}.yaml").data.items()
    }
    return record("# Plan for Sam\n", flow_id=flow_id, title="Plan for Sam", answers=answers)


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_the_weekly_check_in_repeats_every_week_and_says_nothing_private(shipped):
    data = reminders_ics(
        check_in=(date(2026, 11, 30), time(19, 0)), plans=[], series="case-1", made=MADE
    )
    (event,) = events(data)
    assert str(event["summary"]) == CHECK_IN_TITLE
    assert event["dtstart"].dt == datetime(2026, 11, 30, 19, 0)
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    again = reminders_ics(check_in=(date(2026, 11, 30), None), plans=[], series="case-1", made=MADE)
    assert events(again)[0]["uid"] == event["uid"]  # importing again updates, not doubles
    assert events(again)[0]["dtstart"].dt == date(2026, 11, 30)


def test_a_plan_with_a_follow_up_gets_a_reminder_the_day_after_its_last_step(shipped):
    gestures = plan("reconciliation_gestures")
    item = follow_up_item(gestures, shipped.get("reconciliation_gestures"))
    assert item is not None and item.start == date(2026, 12, 7)  # the last gesture: 6 December
    data = reminders_ics(
        check_in=None,
        plans=[(gestures, shipped.get("reconciliation_gestures"))],
        series="case-1",
        made=MADE,
    )
    (event,) = events(data)
    assert str(event["summary"]) == FOLLOW_UP_TITLE


def test_reminders_never_carry_a_name_or_an_answer(shipped):
    flows = ("reconciliation_gestures", "sit_in", "announcement")
    plans = [(plan(flow_id), shipped.get(flow_id)) for flow_id in flows]
    data = reminders_ics(
        check_in=(date(2026, 11, 30), None), plans=plans, series="case-1", made=MADE
    )
    found = events(data)
    assert len(found) == 4
    text = data.decode()
    for private in ("Sam", "Ana", "crisps", "Plan for"):
        assert private not in text


def test_a_plan_without_a_follow_up_adds_no_reminder(shipped):
    delayed = plan("delayed_action")
    assert follow_up_item(delayed, shipped.get("delayed_action")) is None
    with pytest.raises(CoachError, match="nothing to remind you of"):
        reminders_ics(
            check_in=None,
            plans=[(delayed, shipped.get("delayed_action"))],
            series="case-1",
            made=MADE,
        )
