"""Progress figures and the summary in words, edge cases first: nothing logged, one week,
fewer than eight weeks, a period that starts mid-week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.campaign.figures import progress
from coach.campaign.from_flows import check_in_from_answers, gestures_in
from coach.campaign.progress_json import progress_data
from coach.campaign.summary import summary
from coach.campaign.weeks import Period, period_for
from coach.errors import CoachError
from coach.records import CheckIn, Gesture, GoalRating, Incident

MONDAY = date(2026, 11, 2)


def incident(day: date, severity: int = 5, hurt: bool = False) -> Incident:
    return Incident(day, "Slammed doors and shouted", severity, hurt)


def weeks_of(counts: list[int], severity: int = 5) -> list[Incident]:
    """``counts[n]`` incidents on the Wednesday of week ``n`` from MONDAY."""
    return [
        incident(MONDAY + timedelta(weeks=n, days=2), severity)
        for n, count in enumerate(counts)
        for _ in range(count)
    ]


def period_of(weeks: int) -> Period:
    return Period(MONDAY, MONDAY + timedelta(weeks=weeks) - timedelta(days=1))


def test_nothing_logged_says_so_plainly():
    figures = progress(period_of(3))
    assert [week.total for week in figures.incidents] == [0, 0, 0]
    assert summary(figures) == (
        "No incidents were logged between 2 November and 22 November 2026.",
        "No check-ins in this period.",
        "No reconciliation gestures were dated in this period.",
    )
    data = progress_data(figures)
    assert data["incidents"]["total"] == 0
    assert [week["count"] for week in data["incidents"]["weeks"]] == [0, 0, 0]
    assert data["goals"] == [] and data["check_ins"] == []


def test_one_week_has_no_first_and_last_to_compare():
    figures = progress(period_of(1), weeks_of([3]))
    lines = summary(figures)
    assert lines[0] == "3 incidents logged between 2 November and 8 November 2026, in one week."
    assert not any("first" in line for line in lines)
    assert not any("most in one week" in line for line in lines)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([4, 1], "4 incidents in the first week, 1 in the last."),
        ([5, 0, 3, 1, 0], "5 incidents in the first two weeks, 1 in the last two."),
        ([2, 2, 2, 0, 0, 1, 1], "6 incidents in the first three weeks, 2 in the last three."),
        ([3, 3, 3, 3, 1, 1, 1, 1, 2], "12 incidents in the first four weeks, 5 in the last four."),
        ([1, 0, 0, 0, 0, 0, 0, 0], "1 incident in the first four weeks, 0 in the last four."),
    ],
)
def test_first_and_last_weeks_compare_equal_numbers_of_weeks(counts, expected):
    figures = progress(period_of(len(counts)), weeks_of(counts))
    assert expected in summary(figures)


def test_weeks_are_calendar_weeks_clipped_to_the_period():
    # From a Thursday to a Tuesday: three weeks touched; days outside are never counted.
    period = Period(date(2026, 11, 5), date(2026, 11, 17))
    logged = [incident(date(2026, 11, d)) for d in (2, 4, 5, 8, 9, 17, 18)]
    figures = progress(period, logged)
    assert [(w.week, w.total) for w in figures.incidents] == [
        (date(2026, 11, 2), 2),
        (date(2026, 11, 9), 1),
        (date(2026, 11, 16), 1),
    ]


def test_severity_bands_and_hurt_are_counted_per_week():
    logged = [
        incident(MONDAY, 2),
        incident(MONDAY, 5, hurt=True),
        incident(MONDAY, 9),
        incident(MONDAY + timedelta(days=8), 7, hurt=True),
    ]
    data = progress_data(progress(period_of(2), logged))
    assert data["incidents"]["weeks"] == [
        {"week": "2026-11-02", "count": 3, "mild": 1, "moderate": 1, "severe": 1, "hurt": 1},
        {"week": "2026-11-09", "count": 1, "mild": 0, "moderate": 0, "severe": 1, "hurt": 1},
    ]
    assert data["incidents"]["by_severity"] == {"mild": 1, "moderate": 1, "severe": 2}
    lines = summary(progress(period_of(2), logged))
    assert "2 rated 7 or more: 1 in the first week, 1 in the last." in lines
    assert "Someone was hurt in 2 of them." in lines
    assert "The most in one week was 3, in the week of 2 November 2026." in lines


def test_goal_series_follow_a_goal_by_its_words():
    check_ins = [
        CheckIn(MONDAY, (GoalRating("Calmer mornings", 2), GoalRating("Eat together", 5))),
        CheckIn(MONDAY + timedelta(days=7), (GoalRating("calmer mornings.", 4),)),
        CheckIn(MONDAY + timedelta(days=14), (GoalRating("Calmer Mornings", 7),)),
    ]
    figures = progress(period_of(3), check_ins=check_ins)
    assert [(s.name, [r for _, r in s.points]) for s in figures.goals] == [
        ("Calmer Mornings", [2, 4, 7]),
        ("Eat together", [5]),
    ]
    lines = summary(figures)
    assert 'Goal "Calmer Mornings": 2 at the first check-in, 7 at the latest.' in lines
    assert 'Goal "Eat together": 5 out of 10 on 2 November 2026.' in lines
    assert "3 check-ins, the latest on 16 November 2026." in lines


def test_self_ratings_compare_first_and_latest_when_rated_twice():
    check_ins = [
        CheckIn(MONDAY, helpless=8, calm=3),
        CheckIn(MONDAY + timedelta(days=7), helpless=5, supported=4),
    ]
    lines = summary(progress(period_of(2), check_ins=check_ins))
    assert "Self-ratings at the first and latest check-in: helpless 8 and 5." in lines


def test_gestures_count_in_the_week_of_their_day():
    answers = {
        "gesture_1": "snack",
        "gesture_1_date": "2026-11-03",
        "gesture_2": "A card with a photo",
        "gesture_2_date": "2026-11-04",
        "gesture_3": "note",
        "gesture_3_date": "not a date",
        "gesture_1_notes": "crisps",
    }
    gestures = gestures_in(answers, plan_id=4)
    assert gestures == [
        Gesture(date(2026, 11, 3), "snack", 4),
        Gesture(date(2026, 11, 4), "A card with a photo", 4),
    ]
    figures = progress(period_of(2), gestures=gestures)
    assert [w.count for w in figures.gestures] == [2, 0]
    assert "2 reconciliation gestures offered." in summary(figures)


def test_a_check_in_session_becomes_a_check_in():
    answers = {
        "goals": [{"goal": "Calmer mornings", "rating": 3}],
        "felt_helpless": 7,
        "felt_present": 0,
        "went_well": "Tea together",
    }
    check_in = check_in_from_answers(answers, MONDAY)
    assert check_in.goals == (GoalRating("Calmer mornings", 3),)
    assert (check_in.helpless, check_in.calm, check_in.present) == (7, None, 0)
    assert check_in.went_well == "Tea together"


def test_the_period_runs_from_since_or_the_first_record_s_monday_to_today():
    today = date(2026, 11, 27)
    assert period_for([], since=None, today=today) == Period(today, today)
    first = date(2026, 11, 5)  # a Thursday
    assert period_for([first, today], since=None, today=today).start == date(2026, 11, 2)
    assert period_for([first], since=date(2026, 11, 20), today=today).start == date(2026, 11, 20)
    with pytest.raises(CoachError, match="after today"):
        period_for([], since=date(2026, 12, 1), today=today)


def test_no_summary_sentence_is_longer_than_thirty_words():
    goals = (GoalRating(" ".join(["word"] * 40), 5),)
    check_ins = [CheckIn(MONDAY, goals, 9, 1, 1, 1), CheckIn(MONDAY + timedelta(7), goals, 1)]
    figures = progress(period_of(10), weeks_of([3] * 10), check_ins)
    assert all(len(line.split()) <= 30 for line in summary(figures))
