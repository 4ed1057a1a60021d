"""Progress figures: what the diary, the check-ins and the gestures add up to over weeks.

Pure functions over records and a period; the app's charts, the report, the summary in
words and ``coach progress --json`` all read the same ``Progress``, so they never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from coach.campaign.weeks import Period, week_start
from coach.records import CheckIn, Feeling, Gesture, Incident, SeverityBand

BANDS = tuple(SeverityBand)


@dataclass(frozen=True)
class IncidentWeek:
    """One week's incidents: how many in each severity band, and how many hurt someone."""

    week: date
    by_band: tuple[int, ...]  # in the order of BANDS
    hurt: int

    @property
    def total(self) -> int:
        return sum(self.by_band)

    def count(self, band: SeverityBand) -> int:
        return self.by_band[BANDS.index(band)]


@dataclass(frozen=True)
class WeekTotal:
    week: date
    count: int


@dataclass(frozen=True)
class Series:
    """Ratings over time: one goal in the family's words, or one self-rating."""

    name: str
    points: tuple[tuple[date, int], ...]

    @property
    def first(self) -> tuple[date, int]:
        return self.points[0]

    @property
    def latest(self) -> tuple[date, int]:
        return self.points[-1]


@dataclass(frozen=True)
class Progress:
    period: Period
    incidents: tuple[IncidentWeek, ...]
    goals: tuple[Series, ...]
    gestures: tuple[WeekTotal, ...]
    check_ins: tuple[CheckIn, ...]
    feelings: tuple[tuple[Feeling, Series], ...]

    @property
    def incident_total(self) -> int:
        return sum(week.total for week in self.incidents)

    @property
    def hurt_total(self) -> int:
        return sum(week.hurt for week in self.incidents)

    @property
    def gesture_total(self) -> int:
        return sum(week.count for week in self.gestures)

    def band_total(self, band: SeverityBand) -> int:
        return sum(week.count(band) for week in self.incidents)


def incidents_per_week(incidents: Iterable[Incident], period: Period) -> tuple[IncidentWeek, ...]:
    """Every week of the period, empty ones included, with its incidents by band."""
    bands: Counter[tuple[date, SeverityBand]] = Counter()
    hurt: Counter[date] = Counter()
    for incident in incidents:
        if incident.day in period:
            week = week_start(incident.day)
            bands[week, incident.band] += 1
            hurt[week] += incident.anyone_hurt
    return tuple(
        IncidentWeek(week, tuple(bands[week, band] for band in BANDS), hurt[week])
        for week in period.weeks()
    )


def gestures_per_week(gestures: Iterable[Gesture], period: Period) -> tuple[WeekTotal, ...]:
    counts = Counter(week_start(g.day) for g in gestures if g.day in period)
    return tuple(WeekTotal(week, counts[week]) for week in period.weeks())


def in_period(check_ins: Iterable[CheckIn], period: Period) -> tuple[CheckIn, ...]:
    """The period's check-ins by day (two on one day keep the order they were given)."""
    return tuple(sorted((c for c in check_ins if c.day in period), key=lambda c: c.day))


def goal_series(check_ins: Sequence[CheckIn]) -> tuple[Series, ...]:
    """Each goal's ratings over time, in the order goals were first named.

    A goal is known by its words (``GoalRating.key``), and shown as last written, so a
    corrected typo or capital keeps one line; a goal reworded into a new one starts a new line.
    """
    points: dict[str, list[tuple[date, int]]] = {}
    names: dict[str, str] = {}
    for check_in in check_ins:
        for goal in check_in.goals:
            points.setdefault(goal.key, []).append((check_in.day, goal.rating))
            names[goal.key] = goal.goal
    return tuple(Series(names[key], tuple(found)) for key, found in points.items())


def feeling_series(check_ins: Sequence[CheckIn]) -> tuple[tuple[Feeling, Series], ...]:
    """Each self-rating over time, for the feelings rated at least once."""
    found = []
    for feeling in Feeling:
        points = tuple(
            (c.day, value) for c in check_ins if (value := c.feeling(feeling)) is not None
        )
        if points:
            found.append((feeling, Series(feeling.value, points)))
    return tuple(found)


def progress(
    period: Period,
    incidents: Iterable[Incident] = (),
    check_ins: Iterable[CheckIn] = (),
    gestures: Iterable[Gesture] = (),
) -> Progress:
    chosen = in_period(check_ins, period)
    return Progress(
        period=period,
        incidents=incidents_per_week(incidents, period),
        goals=goal_series(chosen),
        gestures=gestures_per_week(gestures, period),
        check_ins=chosen,
        feelings=feeling_series(chosen),
    )
