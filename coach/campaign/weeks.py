"""The period a progress view covers, cut into calendar weeks (Monday to Sunday).

Weeks are the unit parents and practitioners count in ("how has this week been?"). A week
is named by its Monday; the first and last weeks are clipped to the period, so nothing
before ``since`` or after today is ever counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coach.errors import CoachError

WEEK = timedelta(days=7)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Period:
    """The days a progress view covers, first and last included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"a period cannot start ({self.start}) after it ends ({self.end})")

    def weeks(self) -> list[date]:
        """The Monday of every week the period touches, in order (at least one)."""
        first, last = week_start(self.start), week_start(self.end)
        return [first + WEEK * n for n in range((last - first).days // 7 + 1)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def period_for(days: Iterable[date], *, since: date | None, today: date) -> Period:
    """From ``since`` (or the Monday of the first record's week, or today) to today.

    Starting at a Monday when no date is given keeps the first week whole, so "the first
    four weeks" compare fairly with later ones.
    """
    if since is not None:
        if since > today:
            raise CoachError(f"--since {since.isoformat()} is after today; give a date in the past")
        return Period(since, today)
    earlier = [day for day in days if day <= today]
    return Period(week_start(min(earlier)) if earlier else today, today)
