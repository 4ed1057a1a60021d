"""The diary and check-ins as CSV: a round trip through Python's csv module, every entry kept,
and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, time

import pytest

from coach.export.diary_csv import (
    CHECK_IN_HEADER,
    INCIDENT_HEADER,
    check_ins_csv,
    diary_zip,
    incidents_csv,
    safe_cell,
)
from coach.records import AdultResponse, CheckIn, GoalRating, Incident

FORMULAS = ["=1+1", "+44 7700 900123", "-2", "@SUM(A1)", "\tlead", "\rlead", "＝1+1"]


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def incidents() -> list[Incident]:
    return [
        Incident(
            date(2026, 11, 2),
            'Shouted, then said "fine"\nand left',
            7,
            True,
            at=time(21, 15),
            place="Zoë's room",
            who_was_there="me, Łukasz",
            responses=(AdultResponse.STEPPED_OUT, AdultResponse.GAVE_IN),
            support_called="my sister",
            plan_id=4,
        ),
        *(Incident(date(2026, 11, 3), text, 2, False) for text in FORMULAS),
    ]


def test_incidents_round_trip_with_every_entry():
    data = incidents_csv(incidents())
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so spreadsheets read UTF-8
    read = rows(data)
    assert list(read[0]) == list(INCIDENT_HEADER)
    assert len(read) == 1 + len(FORMULAS)
    assert read[0] == {
        "date": "2026-11-02",
        "time": "21:15",
        "where": "Zoë's room",
        "what_happened": 'Shouted, then said "fine"\nand left',
        "how_bad": "7",
        "who_was_there": "me, Łukasz",
        "anyone_hurt": "yes",
        "what_the_adults_did": "stepped_out; gave_in",
        "support_called": "my sister",
        "plan_id": "4",
    }
    assert read[1]["time"] == "" and read[1]["plan_id"] == ""


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_could_run_as_a_formula_is_kept_as_text(text):
    assert safe_cell(text) == "'" + text
    read = rows(incidents_csv([Incident(date(2026, 11, 3), text, 2, False)]))
    assert read[0]["what_happened"] == "'" + text


def test_ordinary_cells_are_left_as_they_are():
    for text in ("Calm evening", "3 - not bad", "me = tired", "2026-11-03"):
        assert safe_cell(text) == text


def test_check_ins_round_trip_with_up_to_three_goals():
    check_ins = [
        CheckIn(date(2026, 11, 4), (GoalRating("=Calmer mornings", 3),), helpless=7, calm=0),
        CheckIn(
            date(2026, 11, 11),
            tuple(GoalRating(f"Goal {n}", n) for n in (1, 2, 3)),
            supported=5,
            present=6,
            went_well="Tea together",
        ),
    ]
    read = rows(check_ins_csv(check_ins))
    assert list(read[0]) == list(CHECK_IN_HEADER)
    assert read[0]["goal_1"] == "'=Calmer mornings" and read[0]["goal_1_rating"] == "3"
    assert read[0]["goal_2"] == "" and read[0]["goal_2_rating"] == ""
    assert (read[0]["helpless"], read[0]["calm"], read[0]["supported"]) == ("7", "0", "")
    assert [read[1][f"goal_{n}_rating"] for n in (1, 2, 3)] == ["1", "2", "3"]
    assert read[1]["went_well"] == "Tea together"


def test_the_zip_holds_both_files_readable_only_by_the_owner():
    data = diary_zip(incidents(), [CheckIn(date(2026, 11, 4))], date(2026, 11, 27))
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        assert bundle.namelist() == ["incidents.csv", "check-ins.csv"]
        assert len(rows(bundle.read("incidents.csv"))) == 1 + len(FORMULAS)
        assert len(rows(bundle.read("check-ins.csv"))) == 1
        for info in bundle.infolist():
            assert info.external_attr >> 16 == 0o600
            assert info.date_time[:3] == (2026, 11, 27)
