"""Issue 16's first acceptance point: a generated year of diary entries and check-ins (fixed
seed), whose weekly counts, goal series and summary words are checked against values this
test computes on its own, without the coach's week or summary code."""

from __future__ import annotations

import random
from datetime import date, timedelta

from coach.campaign.figures import progress
from coach.campaign.progress_json import progress_data
from coach.campaign.summary import summary
from coach.campaign.weeks import period_for
from coach.records import CheckIn, Gesture, GoalRating, Incident

SEED = 16
FIRST = date(2026, 1, 5)  # a Monday
TODAY = date(2027, 1, 3)  # a Sunday, 52 weeks later
GOALS = ("Calmer mornings before school", "We eat together twice a week", "I keep my voice low")


def generate() -> tuple[list[Incident], list[CheckIn], list[Gesture]]:
    rng = random.Random(SEED)
    incidents = []
    for n in range((TODAY - FIRST).days + 1):
        day = FIRST + timedelta(days=n)
        chance = 0.8 - 0.6 * n / 364  # fewer incidents as the year goes on
        while rng.random() < chance:
            incidents.append(
                Incident(day, "Shouted and slammed doors", rng.randint(0, 10), rng.random() < 0.1)
            )
            chance /= 3
    rng.shuffle(incidents)  # the diary's order must not matter
    check_ins = []
    for week in range(52):
        if rng.random() < 0.15:
            continue  # a missed week
        goals = GOALS if week >= 10 else GOALS[:2]
        check_ins.append(
            CheckIn(
                FIRST + timedelta(weeks=week, days=rng.randint(0, 6)),
                tuple(
                    GoalRating(g, min(10, week // (4 + k) + rng.randint(0, 1)))
                    for k, g in enumerate(goals)
                ),
                helpless=max(0, 9 - week // 6),
                calm=min(10, 2 + week // 7) if week % 3 else None,
            )
        )
    gestures = [Gesture(FIRST + timedelta(days=rng.randrange(364)), "snack") for _ in range(37)]
    return incidents, check_ins, gestures


def test_a_year_adds_up_as_computed_independently():
    incidents, check_ins, gestures = generate()
    period = period_for([i.day for i in incidents], since=None, today=TODAY)
    figures = progress(period, incidents, check_ins, gestures)

    # Weekly counts: a week is seven days from the first Monday; 52 of them, empty ones too.
    weekly = [0] * 52
    severe = [0] * 52
    for incident in incidents:
        index = (incident.day - FIRST).days // 7
        weekly[index] += 1
        severe[index] += incident.severity >= 7
    assert period.start == FIRST and len(figures.incidents) == 52
    assert [week.total for week in figures.incidents] == weekly
    assert [week.week for week in figures.incidents] == [
        FIRST + timedelta(days=7 * n) for n in range(52)
    ]
    data = progress_data(figures)
    assert data["incidents"]["total"] == len(incidents) == sum(weekly)
    assert [week["count"] for week in data["incidents"]["weeks"]] == weekly
    assert sum(weekly[:4]) > sum(weekly[-4:])  # the generator's trend shows

    # Goal series: each goal's ratings in date order, keyed by its exact words.
    expected_goals: dict[str, list[tuple[date, int]]] = {}
    for check_in in sorted(check_ins, key=lambda c: c.day):
        for goal in check_in.goals:
            expected_goals.setdefault(goal.goal, []).append((check_in.day, goal.rating))
    assert {s.name: list(s.points) for s in figures.goals} == expected_goals
    assert [g["goal"] for g in data["goals"]] == list(GOALS)

    # The summary, word for word.
    busiest = max(range(52), key=lambda n: (weekly[n], -n))
    busiest_day = FIRST + timedelta(days=7 * busiest)
    hurt = sum(i.anyone_hurt for i in incidents)
    ordered = sorted(check_ins, key=lambda c: c.day)
    helpless = [c.helpless for c in ordered]
    calm = [c.calm for c in ordered if c.calm is not None]
    expected = [
        f"{len(incidents)} incidents logged between 5 January 2026 and 3 January 2027, "
        "over 52 weeks.",
        f"{sum(weekly[:4])} incidents in the first four weeks, "
        f"{sum(weekly[-4:])} in the last four.",
        f"{sum(severe)} rated 7 or more: {sum(severe[:4])} in the first four weeks, "
        f"{sum(severe[-4:])} in the last four.",
        f"Someone was hurt in {hurt} of them.",
        f"The most in one week was {weekly[busiest]}, in the week of "
        f"{busiest_day.day} {busiest_day:%B %Y}.",
        *(
            f'Goal "{goal}": {points[0][1]} at the first check-in, {points[-1][1]} at the latest.'
            for goal, points in expected_goals.items()
        ),
        f"{len(check_ins)} check-ins, the latest on {ordered[-1].day.day} {ordered[-1].day:%B %Y}.",
        "Self-ratings at the first and latest check-in: "
        f"helpless {helpless[0]} and {helpless[-1]}, calm {calm[0]} and {calm[-1]}.",
        f"{len(gestures)} reconciliation gestures offered.",
    ]
    assert list(summary(figures)) == expected
    assert data["summary"] == expected


def test_the_same_seed_gives_the_same_year():
    first, second = generate(), generate()
    assert first == second
