"""A case's timeline: everything that happened in the campaign, newest first.

Incidents from the diary, plans made and changed, "how it went" after an announcement, a
sit-in or gestures, the gestures offered, and the weekly check-ins, each as one item with a
line of words a parent can scan. Pure: the use case hands in the records, this orders and
words them, and a face draws the items and opens the record each one names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from coach.records import (
    FEELING_LABELS,
    CheckInEntry,
    DiaryEntry,
    Feeling,
    Gesture,
    PlanEvent,
    TimelineItem,
    TimelineKind,
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


def check_in_item(entry: CheckInEntry) -> TimelineItem:
    check_in = entry.check_in
    parts = [f"{shortened(goal.goal, 30)} {goal.rating}" for goal in check_in.goals]
    parts += [
        f"{FEELING_LABELS[feeling].lower()} {value}"
        for feeling in Feeling
        if (value := check_in.feeling(feeling)) is not None
    ]
    saved = entry.saved.astimezone().replace(tzinfo=None)  # local, like the day typed
    at = _when(check_in.day, saved.time() if saved.date() == check_in.day else None)
    return TimelineItem(
        TimelineKind.CHECK_IN,
        at,
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


def timeline(
    *,
    diary: Iterable[DiaryEntry] = (),
    check_ins: Iterable[CheckInEntry] = (),
    plan_events: Iterable[PlanEvent] = (),
    gestures: Iterable[Gesture] = (),
    kinds: Sequence[TimelineKind] | None = None,
) -> list[TimelineItem]:
    """Every item of the kinds asked for (all when None), newest first; items at the same
    moment keep the order of the kinds above."""
    wanted = set(kinds if kinds is not None else TimelineKind)
    items: list[TimelineItem] = []
    if TimelineKind.INCIDENT in wanted:
        items += (incident_item(entry) for entry in diary)
    if TimelineKind.CHECK_IN in wanted:
        items += (check_in_item(entry) for entry in check_ins)
    if wanted & {TimelineKind.PLAN, TimelineKind.FOLLOW_UP}:
        items += (item for item in map(plan_item, plan_events) if item.kind in wanted)
    if TimelineKind.GESTURE in wanted:
        items += (gesture_item(gesture) for gesture in gestures)
    order = {kind: -n for n, kind in enumerate(TimelineKind)}
    return sorted(items, key=lambda item: (item.at, order[item.kind], item.ref), reverse=True)
