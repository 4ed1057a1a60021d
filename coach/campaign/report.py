"""What a progress report holds for a chosen period, ready for any renderer.

The HTML and PDF reports draw the same ``ProgressReport``: the figures and their summary,
the diary entries and the plans of the period, and the case's name for the heading (the
file's name never carries it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from coach.campaign.figures import Progress, progress
from coach.campaign.summary import summary
from coach.campaign.weeks import Period
from coach.records import (
    FEELING_LABELS,
    RESPONSE_LABELS,
    CheckIn,
    Gesture,
    Incident,
    PlanMade,
)


@dataclass(frozen=True)
class ProgressReport:
    case_name: str
    made_on: date
    progress: Progress
    summary: tuple[str, ...]
    diary: tuple[Incident, ...]
    plans: tuple[PlanMade, ...]

    @property
    def period(self) -> Period:
        return self.progress.period


def progress_report(
    case_name: str,
    period: Period,
    *,
    made_on: date,
    incidents: Iterable[Incident] = (),
    check_ins: Iterable[CheckIn] = (),
    gestures: Iterable[Gesture] = (),
    plans: Iterable[PlanMade] = (),
) -> ProgressReport:
    """The report of ``period``: records outside it are left out, the rest put in date order."""
    incidents = list(incidents)
    figures = progress(period, incidents, check_ins, gestures)
    return ProgressReport(
        case_name=case_name,
        made_on=made_on,
        progress=figures,
        summary=summary(figures),
        diary=tuple(
            sorted(
                (i for i in incidents if i.day in period),
                key=lambda i: (i.day, i.at or time.min),
            )
        ),
        plans=tuple(sorted((p for p in plans if p.day in period), key=lambda p: p.day)),
    )


DIARY_COLUMNS = (
    "When",
    "Where",
    "What happened",
    "How bad",
    "Who was there",
    "Hurt",
    "What the adults did",
    "Support called",
)
CHECK_IN_COLUMNS = (
    "Date",
    "Goals (0 to 10)",
    *(label for label in FEELING_LABELS.values()),
    "Went well",
)


def when_text(day: date, at: time | None) -> str:
    """``Mon 5 Jan 2026, 21:15``: short enough for a table column."""
    shown = f"{day:%a} {day.day} {day:%b %Y}"
    return f"{shown}, {at:%H:%M}" if at else shown


def diary_cells(incident: Incident) -> tuple[str, ...]:
    """One diary row as people read it, in the order of ``DIARY_COLUMNS``."""
    return (
        when_text(incident.day, incident.at),
        incident.place,
        incident.what_happened,
        str(incident.severity),
        incident.who_was_there,
        "yes" if incident.anyone_hurt else "no",
        "; ".join(RESPONSE_LABELS[response] for response in incident.responses),
        incident.support_called,
    )


def check_in_cells(check_in: CheckIn) -> tuple[str, ...]:
    """One check-in row as people read it, in the order of ``CHECK_IN_COLUMNS``."""
    return (
        when_text(check_in.day, None),
        "\n".join(f"{goal.goal}: {goal.rating}" for goal in check_in.goals),
        *(
            "" if (value := check_in.feeling(feeling)) is None else str(value)
            for feeling in FEELING_LABELS
        ),
        check_in.went_well,
    )
