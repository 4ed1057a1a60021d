"""The JSON shape of ``coach progress --json``: the figures, and the summary in words.

``incidents`` has a ``total`` and one entry per week (empty weeks included, so a script can
plot it as it is); ``goals`` has each goal's ratings over time; ``check_ins`` has every
check-in of the period as ``coach.campaign.record_data`` writes it. Bump ``VERSION`` when a
key changes meaning.
"""

from __future__ import annotations

from typing import Any

from coach.campaign.figures import BANDS, Progress
from coach.campaign.record_data import check_in_data
from coach.campaign.summary import summary

VERSION = 1


def progress_data(progress: Progress) -> dict[str, Any]:
    return {
        "version": VERSION,
        "period": {
            "from": progress.period.start.isoformat(),
            "to": progress.period.end.isoformat(),
            "weeks": len(progress.incidents),
        },
        "incidents": {
            "total": progress.incident_total,
            "hurt": progress.hurt_total,
            "by_severity": {band.value: progress.band_total(band) for band in BANDS},
            "weeks": [
                {
                    "week": week.week.isoformat(),
                    "count": week.total,
                    **{band.value: week.count(band) for band in BANDS},
                    "hurt": week.hurt,
                }
                for week in progress.incidents
            ],
        },
        "goals": [
            {
                "goal": series.name,
                "ratings": [{"day": day.isoformat(), "rating": r} for day, r in series.points],
            }
            for series in progress.goals
        ],
        "gestures": {
            "total": progress.gesture_total,
            "weeks": [
                {"week": week.week.isoformat(), "count": week.count} for week in progress.gestures
            ],
        },
        "check_ins": [check_in_data(check_in) for check_in in progress.check_ins],
        "summary": list(summary(progress)),
    }
