"""The campaign's records: diary entries about incidents, and weekly check-ins.

Plain frozen dataclasses with no store behind them, so the figures, the exporters and the
faces can name them without importing the store (which keeps them from schema 6 on). A
record is always valid: a value out of range is a programming error here, raised at once;
what a person typed is checked earlier, with a message they can act on
(``coach.campaign.incident_form``, ``coach.campaign.interchange``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from enum import StrEnum

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
