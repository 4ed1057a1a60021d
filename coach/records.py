"""The typed records everything passes around: cases, sessions, plans and their parts, and
the campaign's diary entries and check-ins.

They live outside the store so that faces and exporters can name them without importing it;
the store fills them, the use cases pass them on, and nothing changes them (all frozen). A
campaign record is always valid: a value out of range is a programming error here, raised at
once; what a person typed is checked earlier, with a message they can act on
(``coach.campaign.incident_form``, ``coach.campaign.interchange``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Case:
    """A young person the adults plan for, with what earlier flows gathered (the profile)."""

    id: int
    name: str
    profile: dict[str, Any]
    created: str


@dataclass(frozen=True)
class SessionRecord:
    """A session with its answers and where it stands: enough to resume it."""

    id: int
    case_id: int | None
    flow_id: str
    flow_version: int
    state: str
    history: list[str]
    status: str
    notes: str
    created: str
    updated: str
    answers: dict[str, Any]


@dataclass(frozen=True)
class SessionSummary:
    """A session as the lists show it: no answers, no notes."""

    id: int
    case_id: int | None
    flow_id: str
    state: str
    status: str
    created: str
    updated: str


@dataclass(frozen=True)
class SessionEvent:
    """Something that happened in a session besides answers (leaving a safety stop)."""

    kind: str
    detail: str
    at: str


@dataclass(frozen=True)
class PlanRecord:
    """A plan with its latest revision's text."""

    id: int
    session_id: int | None
    case_id: int | None
    case_name: str | None
    flow_id: str
    flow_version: int
    title: str
    answers: dict[str, Any]
    created: str
    revision: int
    body: str
    revised: str


@dataclass(frozen=True)
class PlanSummary:
    """A plan as the lists show it: no text, no answers."""

    id: int
    title: str
    flow_id: str
    case_id: int | None
    case_name: str | None
    created: str
    revision: int


@dataclass(frozen=True)
class Revision:
    revision: int
    body: str
    created: str


@dataclass(frozen=True)
class FollowUp:
    """One "how did it go", as answered."""

    answers: dict[str, Any]
    created: str


@dataclass(frozen=True)
class PlanEvent:
    """Something that happened to a plan, for a case's timeline: made, revised (an edit) or
    followed up ("how did it go")."""

    plan_id: int
    title: str
    flow_id: str
    kind: str  # "made", "revised" or "followed_up"
    revision: int
    at: str


@dataclass(frozen=True)
class ImportedPlan:
    """What an import did: the plan added (or the one already here), and its case."""

    plan_id: int
    case_id: int | None
    duplicate: bool = False
    new_case: bool = False


@dataclass(frozen=True)
class ImportedCase:
    """What importing a whole case did: the case (found by name, or new), and how many
    plans, diary entries and check-ins were added or were already here."""

    case_id: int
    new_case: bool
    added: dict[str, int]
    already: dict[str, int]


# --- the campaign: incidents in the diary, weekly check-ins, gestures ---------------------

SEVERITY_MIN, SEVERITY_MAX = 0, 10
RATING_MIN, RATING_MAX = 0, 10
MAX_GOALS = 3


class AdultResponse(StrEnum):
    """What the adults did during an incident: a fixed set, so weeks can be compared."""

    STEPPED_OUT = "stepped_out"
    HELD = "held"
    DELAYED = "delayed"
    ESCALATED = "escalated"
    GAVE_IN = "gave_in"


# "held" means holding one's ground calmly, never holding a person: the label says so.
RESPONSE_LABELS: dict[AdultResponse, str] = {
    AdultResponse.STEPPED_OUT: "Stepped out of the argument",
    AdultResponse.HELD: "Held my ground calmly, without force",
    AdultResponse.DELAYED: "Said I would come back to it later",
    AdultResponse.ESCALATED: "Got drawn in (argued or shouted)",
    AdultResponse.GAVE_IN: "Gave in to make it stop",
}


class SeverityBand(StrEnum):
    """How bad an incident was, in three bands of the 0 to 10 rating."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


BAND_RANGES: dict[SeverityBand, tuple[int, int]] = {
    SeverityBand.MILD: (0, 3),
    SeverityBand.MODERATE: (4, 6),
    SeverityBand.SEVERE: (7, 10),
}


def band_of(severity: int) -> SeverityBand:
    for band, (low, high) in BAND_RANGES.items():
        if low <= severity <= high:
            return band
    raise ValueError(f"severity {severity} is outside {SEVERITY_MIN} to {SEVERITY_MAX}")


def band_label(band: SeverityBand) -> str:
    """``"mild (0-3)"``: the band's name with the ratings it covers, for legends and tables."""
    low, high = BAND_RANGES[band]
    return f"{band.value} ({low}-{high})"


def _check_range(name: str, value: int | None, low: int, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, not {value!r}")


@dataclass(frozen=True)
class Incident:
    """One incident as the diary holds it: what a parent notes in under thirty seconds."""

    day: date
    what_happened: str
    severity: int
    anyone_hurt: bool
    at: time | None = None
    place: str = ""
    who_was_there: str = ""
    responses: tuple[AdultResponse, ...] = ()
    support_called: str = ""
    plan_id: int | None = None

    def __post_init__(self) -> None:
        _check_range("severity", self.severity, SEVERITY_MIN, SEVERITY_MAX)
        if not self.what_happened.strip():
            raise ValueError("an incident needs a few words on what happened")

    @property
    def band(self) -> SeverityBand:
        return band_of(self.severity)


@dataclass(frozen=True)
class IncidentRevision:
    """One version of an entry; a correction adds a revision and keeps the earlier ones."""

    number: int
    saved: datetime
    incident: Incident


@dataclass(frozen=True)
class DiaryEntry:
    """An incident on a case with its history of corrections (oldest first).

    ``session_id`` is set when the entry came from a flow (delayed action, de-escalation), so
    finishing that session again never logs the incident twice.
    """

    id: int
    case_id: int
    revisions: tuple[IncidentRevision, ...]
    session_id: int | None = None

    def __post_init__(self) -> None:
        if not self.revisions:
            raise ValueError("a diary entry has at least one revision")

    @property
    def incident(self) -> Incident:
        return self.revisions[-1].incident

    @property
    def revision(self) -> int:
        return self.revisions[-1].number

    def corrected(self, incident: Incident, saved: datetime) -> DiaryEntry:
        """The entry with ``incident`` as its newest revision; unchanged if nothing differs."""
        if incident == self.incident:
            return self
        newest = IncidentRevision(self.revision + 1, saved, incident)
        return replace(self, revisions=(*self.revisions, newest))


_GOAL_SPACE = re.compile(r"\s+")


def goal_key(goal: str) -> str:
    """What makes two ratings belong to the same goal: its words, ignoring case, spacing
    and a full stop at the end ("Calmer mornings." and "calmer  mornings" are one goal)."""
    return _GOAL_SPACE.sub(" ", goal).strip().rstrip(".!").strip().casefold()


@dataclass(frozen=True)
class GoalRating:
    """One of the family's own goals, in their words, rated 0 (not started) to 10 (reached)."""

    goal: str
    rating: int

    def __post_init__(self) -> None:
        _check_range("a goal's rating", self.rating, RATING_MIN, RATING_MAX)
        if not goal_key(self.goal):
            raise ValueError("a goal needs a few words")

    @property
    def key(self) -> str:
        return goal_key(self.goal)


class Feeling(StrEnum):
    """The parent's short self-ratings of the week, each 0 to 10."""

    HELPLESS = "helpless"
    CALM = "calm"
    SUPPORTED = "supported"
    PRESENT = "present"


FEELING_LABELS: dict[Feeling, str] = {
    Feeling.HELPLESS: "Helpless",
    Feeling.CALM: "Calm",
    Feeling.SUPPORTED: "Supported",
    Feeling.PRESENT: "Present",
}


@dataclass(frozen=True)
class CheckIn:
    """A weekly check-in: up to three goals rated, and how the week felt (each optional)."""

    day: date
    goals: tuple[GoalRating, ...] = ()
    helpless: int | None = None
    calm: int | None = None
    supported: int | None = None
    present: int | None = None
    went_well: str = ""

    def __post_init__(self) -> None:
        if len(self.goals) > MAX_GOALS:
            raise ValueError(f"a check-in rates at most {MAX_GOALS} goals")
        if len({goal.key for goal in self.goals}) != len(self.goals):
            raise ValueError("a check-in rates each goal once")
        for feeling in Feeling:
            _check_range(feeling.value, self.feeling(feeling), RATING_MIN, RATING_MAX)

    def feeling(self, which: Feeling) -> int | None:
        value: int | None = getattr(self, which.value)
        return value


@dataclass(frozen=True)
class CheckInEntry:
    """A check-in kept on a case. ``session_id`` is set when a finished check-in session
    recorded it, so finishing that session again never records it twice."""

    id: int
    case_id: int
    check_in: CheckIn
    saved: datetime
    session_id: int | None = None


@dataclass(frozen=True)
class Gesture:
    """A reconciliation gesture on the day it was planned for (from a gestures plan)."""

    day: date
    what: str
    plan_id: int | None = None


@dataclass(frozen=True)
class PlanMade:
    """A plan made in the period, as the progress report lists it."""

    title: str
    day: date


# --- a case's timeline -----------------------------------------------------------------


class TimelineKind(StrEnum):
    """What an item is; the timeline can be narrowed to any of these."""

    INCIDENT = "incident"
    PLAN = "plan"
    FOLLOW_UP = "follow_up"
    GESTURE = "gesture"
    CHECK_IN = "check_in"


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One thing on the timeline: what it is, when, a headline and a line of detail, and the
    record it opens (an incident, a plan or a check-in, by ``ref``)."""

    kind: TimelineKind
    at: datetime  # local; midnight when only the day is known
    title: str
    detail: str
    ref: int
    hurt: bool = False

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def key(self) -> str:
        """Unique on one timeline (a plan shows up once per event, so the time is part)."""
        return f"{self.kind.value}-{self.ref}-{self.at.isoformat()}"


@dataclass(frozen=True)
class TimelinePage:
    """Some of a case's timeline, newest first, and how many items it holds in all."""

    items: tuple[TimelineItem, ...]
    total: int
