"""The three progress charts as shapes to draw, whatever draws them.

The report's SVG, the PDF and the app's terminal widget all take their scales, their week
labels and their series from here, so a chart says the same in every place. Axes start at
zero and counts use whole-number steps: a drop from 3 to 2 incidents looks like what it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.campaign.figures import BANDS, Progress, Series
from coach.records import RATING_MAX, band_label

_STEPS = (1, 2, 5)


@dataclass(frozen=True)
class Scale:
    """A y axis from 0 to ``top``, with a gridline at each tick."""

    top: int
    ticks: tuple[int, ...]

    def fraction(self, value: float) -> float:
        return max(0.0, min(1.0, value / self.top))


RATING_SCALE = Scale(RATING_MAX, (0, 2, 4, 6, 8, 10))


def count_scale(largest: int, most_ticks: int = 5) -> Scale:
    """The lowest whole-number axis that holds ``largest`` with at most ``most_ticks`` gaps."""
    largest = max(largest, 1)
    magnitude = 1
    while True:
        for base in _STEPS:
            step = base * magnitude
            gaps = math.ceil(largest / step)
            if gaps <= most_ticks:
                top = gaps * step
                return Scale(top, tuple(range(0, top + 1, step)))
        magnitude *= 10


@dataclass(frozen=True)
class BarChart:
    """Bars per week, stacked bottom first (one layer per entry of ``series``)."""

    title: str
    weeks: tuple[date, ...]
    stacks: tuple[tuple[int, ...], ...]
    series: tuple[str, ...]
    scale: Scale
    unit: str

    @property
    def empty(self) -> bool:
        return not any(any(stack) for stack in self.stacks)


@dataclass(frozen=True)
class LineChart:
    """Ratings over time, one line per series, on the 0 to 10 scale."""

    title: str
    start: date
    end: date
    lines: tuple[Series, ...]
    scale: Scale

    @property
    def empty(self) -> bool:
        return not self.lines

    def x(self, day: date) -> float:
        """Where ``day`` falls across the chart, from 0 (start) to 1 (end)."""
        span = (self.end - self.start).days
        return 0.5 if span <= 0 else max(0.0, min(1.0, (day - self.start).days / span))


def legend_label(name: str, limit: int = 80) -> str:
    """A series' name as a legend shows it: whole, or cut at ``limit`` characters with "…"."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def incident_chart(progress: Progress) -> BarChart:
    weeks = progress.incidents
    return BarChart(
        title="Incidents per week, by how bad they were (0 to 10)",
        weeks=tuple(week.week for week in weeks),
        stacks=tuple(week.by_band for week in weeks),
        series=tuple(band_label(band) for band in BANDS),
        scale=count_scale(max((week.total for week in weeks), default=0)),
        unit="incidents",
    )


def gesture_chart(progress: Progress) -> BarChart:
    weeks = progress.gestures
    return BarChart(
        title="Reconciliation gestures offered per week",
        weeks=tuple(week.week for week in weeks),
        stacks=tuple((week.count,) for week in weeks),
        series=("gestures",),
        scale=count_scale(max((week.count for week in weeks), default=0)),
        unit="gestures",
    )


def goal_chart(progress: Progress) -> LineChart:
    return LineChart(
        title="Goal ratings at each check-in (0 not started, 10 reached)",
        start=progress.period.start,
        end=progress.period.end,
        lines=progress.goals,
        scale=RATING_SCALE,
    )


def _month(day: date, with_year: bool) -> str:
    return f"{day:%b %Y}" if with_year else f"{day:%b}"


def week_labels(weeks: Sequence[date], room: int) -> list[tuple[int, str]]:
    """Which week columns carry a label, and what it says; at most ``room`` labels.

    Few weeks: each week by its Monday ("5 Jan"). Many: the first week of each month
    ("Feb"), with the year on the first label and on each January; every second (third...)
    month when even that is too many.
    """
    if not weeks or room < 1:
        return []
    if len(weeks) <= room:
        return [(n, f"{day.day} {day:%b}") for n, day in enumerate(weeks)]
    starts = [n for n, day in enumerate(weeks) if n == 0 or day.month != weeks[n - 1].month]
    every = math.ceil(len(starts) / room)
    chosen = starts[::every]
    return [
        (n, _month(weeks[n], with_year=(k == 0 or weeks[n].month == 1)))
        for k, n in enumerate(chosen)
    ]


def date_labels(start: date, end: date, room: int) -> list[tuple[date, str]]:
    """Labels along a time axis: the first of each month inside the span (thinned to
    ``room``), or just both ends when the span holds no month's start. A span with one
    month's start has its Mondays instead where they fit: a lone "Nov" told nobody which
    week a check-in was in."""
    firsts = []
    span = (end - start).days
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        if cursor >= start:
            firsts.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    if not firsts or room < 2:
        ends = [(start, f"{start.day} {start:%b}")]
        return ends if start == end else [*ends, (end, f"{end.day} {end:%b}")]
    mondays = [start + timedelta(days=n) for n in range((-start.weekday()) % 7, span + 1, 7)]
    if len(firsts) == 1 and 2 <= len(mondays) <= room:
        return [(day, f"{day.day} {day:%b}") for day in mondays]
    every = math.ceil(len(firsts) / room)
    return [
        (day, _month(day, with_year=(k == 0 or day.month == 1)))
        for k, day in enumerate(firsts[::every])
    ]
