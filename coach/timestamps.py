"""The moments the coach records (an answer given, a plan made), as ISO 8601 text.

They are stored in UTC, so "most recent" stays right when the clock moves (summer time, a
trip, a changed time zone), and shown in the local time of whoever reads them.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    """This moment, in UTC: ``2026-11-27T10:30:00+00:00``."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _parsed(stamp: str) -> datetime | None:
    """The moment a stamp names; one without an offset is taken as local time."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def in_utc(stamp: str) -> str:
    """The same moment written in UTC, as stored; text that is not a moment is kept as it is."""
    moment = _parsed(stamp)
    if moment is None:
        return stamp
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def local(stamp: str) -> datetime | None:
    """The moment in the local time zone, for showing; None when the text is not a moment."""
    moment = _parsed(stamp)
    return moment.astimezone() if moment is not None else None


def local_day(stamp: str) -> str:
    """``2026-11-27``: the local day of the moment (the text's first ten characters if it is
    not a moment)."""
    moment = local(stamp)
    return moment.date().isoformat() if moment is not None else stamp[:10]


def local_minute(stamp: str) -> str:
    """``2026-11-27T10:30`` in local time (the text's first sixteen characters if it is not
    a moment)."""
    moment = local(stamp)
    return moment.strftime("%Y-%m-%dT%H:%M") if moment is not None else stamp[:16]
