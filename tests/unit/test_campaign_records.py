"""Diary and check-in records: what they accept, how a correction is kept, and how typed
entries and JSON data are read back with every problem named."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from coach.campaign.incident_form import INCIDENT_FIELDS, EntryInvalid, incident_from
from coach.campaign.interchange import DataInvalid, read_check_ins, read_incidents
from coach.campaign.record_data import (
    check_in_data,
    check_in_from_data,
    incident_data,
    incident_from_data,
)
from coach.records import (
    AdultResponse,
    CheckIn,
    DiaryEntry,
    GoalRating,
    Incident,
    IncidentRevision,
    SeverityBand,
    band_of,
    goal_key,
)

TODAY = date(2026, 11, 27)
SAVED = datetime(2026, 11, 27, 21, 30, tzinfo=UTC)


def an_incident(**changes: object) -> Incident:
    values: dict[str, object] = {
        "day": date(2026, 11, 26),
        "what_happened": "Shouted and threw a mug at the wall",
        "severity": 6,
        "anyone_hurt": False,
    }
    return Incident(**{**values, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("severity", "band"),
    [(0, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate"), (7, "severe"), (10, "severe")],
)
def test_severity_bands_cover_zero_to_ten(severity, band):
    assert band_of(severity) is SeverityBand(band)
    assert an_incident(severity=severity).band is SeverityBand(band)


@pytest.mark.parametrize("severity", [-1, 11, 5.5, True])
def test_a_record_never_holds_a_severity_out_of_range(severity):
    with pytest.raises(ValueError, match="severity"):
        an_incident(severity=severity)


def test_a_correction_adds_a_revision_and_keeps_the_first():
    first = an_incident()
    entry = DiaryEntry(1, 7, (IncidentRevision(1, SAVED, first),))
    fixed = entry.corrected(an_incident(severity=8, anyone_hurt=True), SAVED)
    assert fixed.revision == 2
    assert fixed.incident.severity == 8
    assert fixed.revisions[0].incident == first
    assert fixed.corrected(fixed.incident, SAVED) is fixed  # nothing changed: no revision


def test_goals_are_known_by_their_words_not_their_spacing_or_capitals():
    assert goal_key("Calmer mornings.") == goal_key("  calmer   Mornings ")
    assert goal_key("Calmer mornings") != goal_key("Calmer evenings")


def test_a_check_in_rates_at_most_three_goals_each_once():
    goals = tuple(GoalRating(f"Goal {n}", 5) for n in range(4))
    with pytest.raises(ValueError, match="at most 3"):
        CheckIn(TODAY, goals)
    with pytest.raises(ValueError, match="once"):
        CheckIn(TODAY, (GoalRating("Calm", 2), GoalRating("calm.", 3)))
    with pytest.raises(ValueError, match="calm"):
        CheckIn(TODAY, calm=11)


def test_the_form_reads_what_a_parent_types():
    incident = incident_from(
        {
            "day": "yesterday",
            "at": "9pm",
            "place": "the kitchen",
            "what_happened": "Shouted and threw a mug",
            "severity": "7",
            "anyone_hurt": "no",
            "responses": ["held", "Said I would come back to it later"],
            "support_called": "my sister Ana",
        },
        today=TODAY,
    )
    assert incident.day == date(2026, 11, 26)
    assert incident.at == time(21, 0)
    assert incident.severity == 7 and incident.anyone_hurt is False
    assert incident.responses == (AdultResponse.HELD, AdultResponse.DELAYED)
    assert incident.support_called == "my sister Ana"


def test_every_problem_in_an_entry_is_named_once_on_its_own_line():
    with pytest.raises(EntryInvalid) as caught:
        incident_from(
            {
                "day": "someday",
                "what_happened": "",
                "severity": 12,
                "anyone_hurt": "maybe",
                "responses": ["hit back"],
                "mood": "low",
            },
            today=TODAY,
        )
    lines = str(caught.value).splitlines()
    assert [line.split(":")[0] for line in lines] == [  # in the form's order
        "mood",
        "what_happened",
        "severity",
        "anyone_hurt",
        "day",
        "responses",
    ]
    assert "YYYY-MM-DD" in lines[4]
    assert "from 0 to 10" in lines[2]
    assert all(len(line.split()) <= 30 for line in lines)


def test_held_means_holding_ground_never_a_person():
    responses = next(spec for spec in INCIDENT_FIELDS if spec.id == "responses")
    held = next(choice for choice in responses.choices if choice.value == "held")
    assert "without force" in held.label


def test_records_round_trip_through_their_json_data():
    incident = an_incident(at=time(7, 45), responses=(AdultResponse.GAVE_IN,), plan_id=3)
    check_in = CheckIn(TODAY, (GoalRating("Calmer mornings", 4),), helpless=6, went_well="tea")
    assert read_incidents([incident_data(incident)]) == [incident]
    assert read_check_ins([check_in_data(check_in)]) == [check_in]
    assert incident_from_data(incident_data(incident)) == incident
    assert check_in_from_data(check_in_data(check_in)) == check_in


def test_damaged_json_data_names_where_each_problem_is():
    good = check_in_data(CheckIn(TODAY, (GoalRating("Calm", 4),)))
    bad_rating = {**good, "goals": [{"goal": "Calm", "rating": 14}]}
    with pytest.raises(DataInvalid) as caught:
        read_check_ins([good, bad_rating, {**good, "mood": 3}])
    assert caught.value.problems == [
        "check_ins[2].goals[1].rating is 14, too high; the highest is 10",
        "check_ins[3].mood is not part of this record; remove it or check the spelling",
    ]
    with pytest.raises(DataInvalid, match=r"incidents\[1\]\.severity is missing"):
        read_incidents([{k: v for k, v in incident_data(an_incident()).items() if k != "severity"}])
