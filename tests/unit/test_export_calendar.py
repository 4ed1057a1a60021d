"""iCalendar export: one event per dated item, neutral titles, stable UIDs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from coach.errors import CoachError
from coach.export.calendar import dated_items, event_uid, to_ics
from coach.flowformat.loader import Catalogue, load_folders
from tests.export_support import record

MACHINE = """\
machine: kindness
initial: welcome
states:
  - welcome
  - gestures
  - meeting
  - {name: done, kind: end}
transitions:
  - {trigger: next, source: welcome, dest: gestures}
  - {trigger: next, source: gestures, dest: meeting}
  - {trigger: next, source: meeting, dest: done}
"""

CONTENT = """\
flow: kindness
machine: kindness
version: 1
title: Small kindnesses
summary: A schedule of gestures, used by the calendar tests.
minutes: 5
states:
  welcome:
    say: Hello.
  gestures:
    say: Plan some gestures.
    fields:
      - id: gestures
        type: group
        label: Gestures
        fields:
          - {id: what, type: text, label: What, required: true}
          - {id: when, type: date, label: When}
          - {id: at, type: time, label: At what time}
          - {id: minutes, type: duration, label: How long}
      - {id: note, type: text, label: A note}
    event:
      title: "Plan: a small thing"
      date: gestures.when
      time: gestures.at
      duration: gestures.minutes
  meeting:
    say: When do you meet?
    fields:
      - {id: meet_day, type: date, label: Which day?}
      - {id: meet_time, type: time, label: What time?}
    event:
      title: "Plan: family meeting"
      date: meet_day
      time: meet_time
      duration: 45
  done:
    say: Done.
plan:
  title: "Kindness plan"
  template: "Planned."
"""


def kindness_folder(folder: Path, content: str = CONTENT) -> Path:
    (folder / "flows").mkdir(parents=True, exist_ok=True)
    (folder / "state_machines").mkdir(exist_ok=True)
    (folder / "flows" / "kindness.yaml").write_text(content)
    (folder / "state_machines" / "kindness.yaml").write_text(MACHINE)
    return folder


@pytest.fixture
def kindness(tmp_path: Path) -> Catalogue:
    catalogue = load_folders([kindness_folder(tmp_path / "kindness")])
    assert not catalogue.problems, catalogue.problems
    return catalogue


GESTURES = [
    {"what": "Hot chocolate <script>", "when": "2026-12-02", "at": "16:00", "minutes": 20},
    {"what": "A note on the pillow"},
    {"what": "Watch their programme", "when": "2026-12-06"},
]


def parse(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def test_one_event_per_dated_item(kindness):
    answers = {"gestures": GESTURES, "note": "Sam", "meet_day": "2026-12-10", "meet_time": "18:00"}
    plan = record("# Kindness plan\n", flow_id="kindness", title="Kindness plan", answers=answers)
    events = parse(to_ics(plan, kindness))
    assert [str(e["SUMMARY"]) for e in events] == [
        "Plan: a small thing",
        "Plan: a small thing",
        "Plan: family meeting",
    ]
    first, second, meeting = events
    assert first.decoded("DTSTART") == datetime(2026, 12, 2, 16, 0)
    assert first.decoded("DTEND") == datetime(2026, 12, 2, 16, 20)
    assert "What: Hot chocolate <script>" in str(first["DESCRIPTION"])
    assert "A note: Sam" in str(first["DESCRIPTION"])
    assert second.decoded("DTSTART") == date(2026, 12, 6)
    assert second.decoded("DTEND") == date(2026, 12, 7)
    assert meeting.decoded("DTEND") == datetime(2026, 12, 10, 18, 45)
    assert "Which day? Thursday 10 December 2026" in str(meeting["DESCRIPTION"])
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 3
    assert all("DTSTAMP" in e for e in events)


def test_uids_are_stable_and_derived_from_the_plan(kindness):
    answers = {"meet_day": "2026-12-10"}
    plan = record("# K\n", flow_id="kindness", answers=answers)
    assert to_ics(plan, kindness) == to_ics(plan, kindness)
    (event,) = parse(to_ics(plan, kindness))
    assert str(event["UID"]) == event_uid(plan, "meeting")
    later = record("# K\n", flow_id="kindness", answers=answers, created="2026-11-28T10:00:00")
    assert event_uid(later, "meeting") != event_uid(plan, "meeting")


def test_no_dated_items_is_one_clear_error(kindness):
    plan = record("# K\n", flow_id="kindness", answers={"gestures": [{"what": "A note"}]})
    assert dated_items(plan, kindness.get("kindness")) == []
    with pytest.raises(CoachError, match=r"^plan 1 has no planned dates") as caught:
        to_ics(plan, kindness)
    assert "\n" not in str(caught.value)


def test_summary_never_carries_answers(kindness):
    answers = {"gestures": [{"what": "Zoë's favourite", "when": "2026-12-02"}]}
    plan = record("# K\n", flow_id="kindness", title="Kindness plan for Zoë", answers=answers)
    (event,) = parse(to_ics(plan, kindness))
    assert str(event["SUMMARY"]) == "Plan: a small thing"
    assert "Zoë" in str(event["DESCRIPTION"])
    assert str(event["CLASS"]) == "PRIVATE"


def problems_for(tmp_path: Path, old: str, new: str) -> list[str]:
    folder = kindness_folder(tmp_path / "broken", CONTENT.replace(old, new, 1))
    return [str(p) for p in load_folders([folder]).problems]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("date: gestures.when", "date: gestures.nope", "must name a date field of group"),
        ("date: gestures.when", "date: gestures.what", "must name a date field of group"),
        ("date: gestures.when", "date: note.when", "'note' is not a group field"),
        ("time: gestures.at", "time: gestures.when", "must name a time field of group"),
        ("date: meet_day", "date: meet_time", "must name a date field of this flow"),
        ("time: meet_time", "time: gestures.at", "is not in that group"),
        ("date: meet_day", "date: missing", "event date 'missing' must name a date field"),
    ],
)
def test_event_references_are_checked(tmp_path, old, new, message):
    problems = problems_for(tmp_path, old, new)
    assert len(problems) == 1, problems
    assert message in problems[0] and "kindness.yaml:" in problems[0]


def test_the_shipped_event_blocks_still_pass(shipped):
    assert not shipped.problems
