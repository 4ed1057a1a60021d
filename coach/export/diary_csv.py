"""The diary and the check-ins as CSV, zipped together, so a family can take their data
elsewhere.

UTF-8 with a byte-order mark (spreadsheet programs then read accents such as Zoë right), a
header row, one row per entry. A text cell that a spreadsheet could run as a formula (it
starts with =, +, -, @, a tab or a carriage return, or their full-width forms) gets a
leading apostrophe, which spreadsheets show as text and never run.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date

from coach.records import MAX_GOALS, CheckIn, Feeling, Incident

ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
INCIDENT_HEADER = (
    "date",
    "time",
    "where",
    "what_happened",
    "how_bad",
    "who_was_there",
    "anyone_hurt",
    "what_the_adults_did",
    "support_called",
    "plan_id",
)
CHECK_IN_HEADER = (
    "date",
    *(f"goal_{n}{part}" for n in range(1, MAX_GOALS + 1) for part in ("", "_rating")),
    *(feeling.value for feeling in Feeling),
    "went_well",
)
INCIDENTS_FILE = "incidents.csv"
CHECK_INS_FILE = "check-ins.csv"


def safe_cell(value: str) -> str:
    """A text cell as it is written: with an apostrophe first if it could start a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv(header: Sequence[str], rows: Iterable[Sequence[str | int | None]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            ["" if v is None else safe_cell(v) if isinstance(v, str) else v for v in row]
        )
    return out.getvalue().encode(ENCODING)


def incidents_csv(incidents: Iterable[Incident]) -> bytes:
    return _csv(
        INCIDENT_HEADER,
        (
            (
                incident.day.isoformat(),
                incident.at.strftime("%H:%M") if incident.at else "",
                incident.place,
                incident.what_happened,
                incident.severity,
                incident.who_was_there,
                "yes" if incident.anyone_hurt else "no",
                "; ".join(response.value for response in incident.responses),
                incident.support_called,
                incident.plan_id,
            )
            for incident in incidents
        ),
    )


def _goal_cells(check_in: CheckIn) -> list[str | int | None]:
    cells: list[str | int | None] = []
    for n in range(MAX_GOALS):
        goal = check_in.goals[n] if n < len(check_in.goals) else None
        cells += [goal.goal, goal.rating] if goal else ["", None]
    return cells


def check_ins_csv(check_ins: Iterable[CheckIn]) -> bytes:
    return _csv(
        CHECK_IN_HEADER,
        (
            (
                check_in.day.isoformat(),
                *_goal_cells(check_in),
                *(check_in.feeling(feeling) for feeling in Feeling),
                check_in.went_well,
            )
            for check_in in check_ins
        ),
    )


def diary_zip(incidents: Iterable[Incident], check_ins: Iterable[CheckIn], made_on: date) -> bytes:
    """``incidents.csv`` and ``check-ins.csv`` in one zip, dated the day it was made."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in (
            (INCIDENTS_FILE, incidents_csv(incidents)),
            (CHECK_INS_FILE, check_ins_csv(check_ins)),
        ):
            info = zipfile.ZipInfo(
                name, date_time=(made_on.year, made_on.month, made_on.day, 0, 0, 0)
            )
            info.external_attr = 0o600 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, data)
    return out.getvalue()
