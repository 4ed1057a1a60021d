"""iCalendar export: one event per dated item of a plan, from the flow's ``event:`` blocks.

An ``event:`` block names the fields holding the date, the time and the duration (or gives the
duration in minutes). ``date`` may also name a date inside a repeatable group as
``group.field`` (a schedule of gestures, a message per supporter): then every entry with a date
is an event, and ``time`` and ``duration`` may name fields of the same group.

Every field of an event is neutral by default: the SUMMARY is the block's neutral title ("Plan:
family meeting") and the DESCRIPTION only says where the details are, so a phone's lock screen,
a shared calendar or a synced account shows nothing private (a plan's title names the child).
The plan's title and the relevant answers go into the DESCRIPTION only when the person asks for
them (the ``ics-details`` format).
Reminders (the weekly check-in, a plan's "how did it go?") are neutral in every field. Each
event's UID comes from the plan's created stamp, the flow and the state (and the entry), so
exporting the same plan twice, or after an import, gives the same events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from coach.errors import CoachError
from coach.export.audience import family_plan
from coach.fields import as_text
from coach.flowformat.catalogue import Catalogue
from coach.flowformat.content import EventSpec
from coach.flowformat.flow import Flow
from coach.plain_text import clean_text
from coach.records import PlanRecord

PRODID = "-//NVR Coach//Plan calendar//EN"
UID_DOMAIN = "nvr-coach.invalid"


@dataclass(frozen=True)
class DatedItem:
    state: str
    key: str
    title: str
    start: date | datetime
    end: date | datetime | None
    details: list[str] = field(default_factory=list)


def split_ref(ref: str) -> tuple[str | None, str]:
    """``"gestures.when"`` -> ``("gestures", "when")``; ``"later_when"`` -> ``(None, ...)``."""
    group, dot, sub = ref.partition(".")
    return (group, sub) if dot else (None, ref)


def _lookup(ref: str | int | None, answers: dict[str, Any], row: dict[str, Any] | None) -> Any:
    if ref is None or isinstance(ref, int):
        return ref
    group, name = split_ref(ref)
    if group is None:
        return answers.get(name)
    return row.get(name) if row is not None else None


def _when(day: Any, time: Any, minutes: Any) -> tuple[date | datetime, date | datetime | None]:
    start_day = date.fromisoformat(str(day))
    if not time:
        return start_day, start_day + timedelta(days=1)
    hour, minute = (int(part) for part in str(time).split(":"))
    start = datetime(start_day.year, start_day.month, start_day.day, hour, minute)
    if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
        return start, start + timedelta(minutes=minutes)
    return start, None


def _line(label: str, value: str) -> str:
    """``Roughly when? Saturday 5 December 2026`` or ``Name: Ana``."""
    label = clean_text(label).strip().rstrip(":")
    return f"{label}{'' if label.endswith('?') else ':'} {clean_text(value)}"


def _detail_lines(flow: Flow, state: str, answers: dict[str, Any], group: str | None) -> list[str]:
    lines = []
    for spec in flow.block(state).fields:
        if spec.id == group or spec.id not in answers:
            continue
        lines.append(_line(spec.label, as_text(spec, answers[spec.id])))
    return lines


def _row_lines(flow: Flow, group: str, row: dict[str, Any]) -> list[str]:
    spec = flow.fields[group]
    return [
        _line(sub.label, as_text(sub, row[sub.id]))
        for sub in spec.fields
        if row.get(sub.id) is not None
    ]


def dated_items(plan: PlanRecord, flow: Flow) -> list[DatedItem]:
    """The plan's dated items, in the order of the flow's states."""
    answers = plan.answers
    items: list[DatedItem] = []
    for state, block in flow.content.states.items():
        spec: EventSpec | None = block.event
        if spec is None:
            continue
        group, _ = split_ref(spec.date)
        title = clean_text(spec.title).strip() or "Plan"
        if group is None:
            rows: list[tuple[str, dict[str, Any] | None]] = [(state, None)]
        else:
            found = answers.get(group)
            rows = [
                (f"{state}#{n}", row)
                for n, row in enumerate(found if isinstance(found, list) else [])
                if isinstance(row, dict)
            ]
        for key, row in rows:
            day = _lookup(spec.date, answers, row)
            if not day:
                continue
            try:
                start, end = _when(
                    day, _lookup(spec.time, answers, row), _lookup(spec.duration, answers, row)
                )
            except (TypeError, ValueError):
                continue
            details = [clean_text(plan.title)]
            if row is not None and group is not None:
                details += _row_lines(flow, group, row)
            details += _detail_lines(flow, state, answers, group)
            items.append(DatedItem(state, key, title, start, end, details))
    return items


def _utc(stamp: str) -> datetime:
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return (moment if moment.tzinfo else moment.astimezone()).astimezone(UTC)


def event_uid(plan: PlanRecord, key: str) -> str:
    digest = hashlib.sha256(f"{plan.created}|{plan.flow_id}|{key}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def _calendar() -> Any:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _event(uid: str, stamp: datetime, item: DatedItem) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.start)
    if item.end is not None:
        event.add("dtend", item.end)
    event.add("summary", item.title)
    event.add("description", "\n".join(item.details))
    event.add("class", "PRIVATE")
    return event


NEUTRAL_NOTE = "A planned step. The details are in NVR Coach."


def to_ics(plan: PlanRecord, catalogue: Catalogue) -> bytes:
    """Events with nothing private in any field."""
    return _plan_calendar(plan, catalogue, details=False)


def to_ics_with_details(plan: PlanRecord, catalogue: Catalogue) -> bytes:
    """Events whose description carries the plan's title and answers, for a person who asks
    (never an answer "not for the family": this is a family export too)."""
    return _plan_calendar(plan, catalogue, details=True)


def _plan_calendar(plan: PlanRecord, catalogue: Catalogue, *, details: bool) -> bytes:
    flow = catalogue.get(plan.flow_id)
    items = dated_items(family_plan(plan, flow), flow)
    if not details:
        items = [replace(item, details=[NEUTRAL_NOTE]) for item in items]
    if not items:
        raise CoachError(
            f"plan {plan.id} has no planned dates, so there is nothing to put in a calendar "
            "(no file was written)"
        )
    calendar = _calendar()
    stamp = _utc(plan.revised or plan.created)
    for item in items:
        calendar.add_component(_event(event_uid(plan, item.key), stamp, item))
    return calendar.to_ical()


# Reminders for the campaign over weeks. Every field is neutral: a phone's lock screen, a
# shared calendar or a synced account shows nothing about the family, so no plan title and
# no answer goes into them, only what to do and where.
CHECK_IN_TITLE = "Weekly check-in"
CHECK_IN_NOTE = "About two minutes in the coach: how this week went."
FOLLOW_UP_TITLE = "Plan: how it went"
FOLLOW_UP_NOTE = "A few questions in the coach about how it went."
CHECK_IN_MINUTES = 15


def follow_up_item(plan: PlanRecord, flow: Flow) -> DatedItem | None:
    """A reminder the day after a plan's last dated step, for plans that ask "how did it go?"
    (announcement, sit-in, gestures); None for other plans, or one with no dates."""
    if flow.content.follow_up is None:
        return None
    days = [
        item.start.date() if isinstance(item.start, datetime) else item.start
        for item in dated_items(plan, flow)
    ]
    if not days:
        return None
    day = max(days) + timedelta(days=1)
    return DatedItem(
        "follow_up", "follow_up", FOLLOW_UP_TITLE, day, day + timedelta(days=1), [FOLLOW_UP_NOTE]
    )


def check_in_item(first: date, at: time | None) -> DatedItem:
    """The weekly check-in's first occurrence (all day, or at ``at`` for a quarter hour)."""
    if at is None:
        return DatedItem(
            "check_in",
            "check_in",
            CHECK_IN_TITLE,
            first,
            first + timedelta(days=1),
            [CHECK_IN_NOTE],
        )
    start = datetime.combine(first, at)
    return DatedItem(
        "check_in",
        "check_in",
        CHECK_IN_TITLE,
        start,
        start + timedelta(minutes=CHECK_IN_MINUTES),
        [CHECK_IN_NOTE],
    )


def reminders_ics(
    *,
    check_in: tuple[date, time | None] | None,
    plans: Sequence[tuple[PlanRecord, Flow]],
    series: str,
    made: datetime,
) -> bytes:
    """A calendar of the weekly check-in (repeating every week from its first day) and a
    follow-up reminder for each plan that has one.

    ``series`` tells one case's check-ins from another's in the event's UID (use the case's
    number, never its name), so importing the file again updates the events instead of
    doubling them.
    """
    calendar = _calendar()
    stamp = made.astimezone(UTC)
    count = 0
    if check_in is not None:
        item = check_in_item(*check_in)
        digest = hashlib.sha256(f"check-in|{series}".encode()).hexdigest()
        event = _event(f"{digest[:32]}@{UID_DOMAIN}", stamp, item)
        event.add("rrule", {"freq": "weekly"})
        calendar.add_component(event)
        count += 1
    for plan, flow in plans:
        reminder = follow_up_item(plan, flow)
        if reminder is not None:
            calendar.add_component(_event(event_uid(plan, reminder.key), stamp, reminder))
            count += 1
    if count == 0:
        raise CoachError(
            "there is nothing to remind you of yet: no weekly check-in day is set and no plan "
            "has a dated step with a follow-up (no file was written)"
        )
    return calendar.to_ical()
