"""A case's timeline: everything that happened in the campaign, newest first.

Incidents from the diary, plans made and changed, "how it went" after an announcement, a
sit-in or gestures, the gestures offered, and the weekly check-ins, each as one item with a
line of words a parent can scan. Pure: the use case hands in the records, this orders and
words them, and a face draws the items and opens the record each one names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from typing import Any

from coach.records import (
    FEELING_LABELS,
    CheckInEntry,
    DiaryEntry,
    Feeling,
    Gesture,
    PlanEvent,
    TimelineItem,
    TimelineKind,
    TimelinePage,
)
from coach.timestamps import local

SHORT_WORDS = 90


KIND_LABELS: dict[TimelineKind, str] = {
    TimelineKind.INCIDENT: "Incidents",
    TimelineKind.PLAN: "Plans made and changed",
    TimelineKind.FOLLOW_UP: "How it went",
    TimelineKind.GESTURE: "Gestures offered",
    TimelineKind.CHECK_IN: "Check-ins",
}


def shortened(text: str, limit: int = SHORT_WORDS) -> str:
    """One line of at most ``limit`` characters, cut at a word with "…"."""
    if len(text) <= limit and "\n" not in text and "  " not in text:
        return text.strip()
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _when(day: date, at: time | None) -> datetime:
    return datetime.combine(day, at or time.min)


def _stamp(stamp: str) -> datetime:
    moment = local(stamp)
    return moment.replace(tzinfo=None) if moment is not None else datetime.min


def incident_item(entry: DiaryEntry) -> TimelineItem:
    incident = entry.incident
    parts = [f"how bad: {incident.severity} out of 10"]
    if incident.anyone_hurt:
        parts.append("someone was hurt")
    if incident.place:
        parts.append(shortened(incident.place, 40))
    if entry.revision > 1:
        parts.append(f"corrected ({entry.revision} versions)")
    return TimelineItem(
        TimelineKind.INCIDENT,
        _when(incident.day, incident.at),
        shortened(incident.what_happened),
        "Incident · " + " · ".join(parts),
        entry.id,
        hurt=incident.anyone_hurt,
    )


def _check_in_when(entry: CheckInEntry) -> datetime:
    """The check-in's day, at the time it was saved when that was the same day."""
    day = entry.check_in.day
    saved = entry.saved.astimezone().replace(tzinfo=None)  # local, like the day typed
    return _when(day, saved.time() if saved.date() == day else None)


def check_in_item(entry: CheckInEntry) -> TimelineItem:
    check_in = entry.check_in
    parts = [f"{shortened(goal.goal, 30)} {goal.rating}" for goal in check_in.goals]
    parts += [
        f"{FEELING_LABELS[feeling].lower()} {value}"
        for feeling in Feeling
        if (value := check_in.feeling(feeling)) is not None
    ]
    return TimelineItem(
        TimelineKind.CHECK_IN,
        _check_in_when(entry),
        "Weekly check-in",
        "Check-in · " + (", ".join(parts) if parts else "nothing rated"),
        entry.id,
    )


_PLAN_DETAIL = {
    "made": "Plan made",
    "revised": "Plan changed",
    "followed_up": "How it went, added to the plan",
}


def plan_item(event: PlanEvent) -> TimelineItem:
    kind = TimelineKind.FOLLOW_UP if event.kind == "followed_up" else TimelineKind.PLAN
    detail = _PLAN_DETAIL[event.kind]
    if event.kind == "revised":
        detail += f" (version {event.revision})"
    return TimelineItem(kind, _stamp(event.at), shortened(event.title), detail, event.plan_id)


def gesture_item(gesture: Gesture) -> TimelineItem:
    return TimelineItem(
        TimelineKind.GESTURE,
        _when(gesture.day, None),
        shortened(gesture.what),
        "Reconciliation gesture offered",
        gesture.plan_id or 0,
    )


# An entry of the diary as the timeline first sees it: its id, and when it happened.
IncidentMoment = tuple[int, date, time | None]


def timeline(
    *,
    incidents: Iterable[IncidentMoment] = (),
    entries: Callable[[list[int]], Iterable[DiaryEntry]] = lambda ids: (),
    check_ins: Iterable[CheckInEntry] = (),
    plan_events: Iterable[PlanEvent] = (),
    gestures: Iterable[Gesture] = (),
    kinds: Sequence[TimelineKind] | None = None,
    start: int = 0,
    count: int | None = None,
) -> TimelinePage:
    """The items of the kinds asked for (all when None), newest first, from ``start`` on
    (``count`` of them, or all); items at the same moment keep the order of the kinds above.

    Everything is placed in time first, and only the page's items are worded: the diary's
    entries on the page are fetched with ``entries`` (by id), so years of daily entries cost
    little more than their dates."""
    wanted = set(kinds if kinds is not None else TimelineKind)
    rank = {kind: -n for n, kind in enumerate(TimelineKind)}
    placed: list[tuple[datetime, int, int, TimelineKind, Any]] = []

    def place(at: datetime, kind: TimelineKind, ref: int, record: Any) -> None:
        placed.append((at, rank[kind], ref, kind, record))

    if TimelineKind.INCIDENT in wanted:
        for entry_id, day, at in incidents:
            place(_when(day, at), TimelineKind.INCIDENT, entry_id, None)
    if TimelineKind.CHECK_IN in wanted:
        for entry in check_ins:
            place(_check_in_when(entry), TimelineKind.CHECK_IN, entry.id, entry)
    for event in plan_events:
        kind = TimelineKind.FOLLOW_UP if event.kind == "followed_up" else TimelineKind.PLAN
        if kind in wanted:
            place(_stamp(event.at), kind, event.plan_id, event)
    if TimelineKind.GESTURE in wanted:
        for gesture in gestures:
            place(_when(gesture.day, None), TimelineKind.GESTURE, gesture.plan_id or 0, gesture)
    placed.sort(key=lambda found: found[:3], reverse=True)
    page = placed[start : None if count is None else start + count]
    wanted_entries = [ref for _, _, ref, kind, _ in page if kind is TimelineKind.INCIDENT]
    fetched = {entry.id: entry for entry in entries(wanted_entries)} if wanted_entries else {}
    items = []
    for _, _, ref, kind, record in page:
        if kind is TimelineKind.INCIDENT:
            items.append(incident_item(fetched[ref]))
        elif kind is TimelineKind.CHECK_IN:
            items.append(check_in_item(record))
        elif kind is TimelineKind.GESTURE:
            items.append(gesture_item(record))
        else:
            items.append(plan_item(record))
    return TimelinePage(tuple(items), len(placed))
