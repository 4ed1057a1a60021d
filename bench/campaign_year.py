"""A year of a busy campaign, for the progress report rows: an incident almost every day,
a check-in every week with three goals, and a gesture most weeks."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from coach.campaign.report import ProgressReport, progress_report
from coach.campaign.weeks import Period
from coach.records import (
    AdultResponse,
    CheckIn,
    Gesture,
    GoalRating,
    Incident,
    PlanMade,
)

FIRST = date(2026, 1, 5)
LAST = FIRST + timedelta(days=363)
WHAT = (
    "Shouted and threw a mug at the kitchen wall when I said no to money for the weekend",
    "Refused to get up for school, swore at me and slammed the bedroom door",
    "Kicked the bathroom door after an argument about the phone at bedtime",
)
GOALS = ("Calmer mornings before school", "We eat together twice a week", "I keep my voice low")


def year_report(seed: int = 16) -> ProgressReport:
    rng = random.Random(seed)
    incidents = [
        Incident(
            FIRST + timedelta(days=n),
            rng.choice(WHAT),
            rng.randint(0, 10),
            rng.random() < 0.08,
            at=time(rng.randint(7, 22), rng.choice((0, 15, 30, 45))),
            place=rng.choice(("the kitchen", "the car", "the hall", "outside school")),
            who_was_there="me, Sam and Mia",
            responses=tuple(rng.sample(list(AdultResponse), 2)),
            support_called=rng.choice(("", "my sister Ana", "Grandad")),
        )
        for n in range(364)
        if rng.random() < 0.97
    ]
    check_ins = [
        CheckIn(
            FIRST + timedelta(weeks=week, days=2),
            tuple(GoalRating(goal, min(10, week // 5 + k)) for k, goal in enumerate(GOALS)),
            helpless=max(0, 9 - week // 6),
            calm=min(10, 2 + week // 7),
            supported=min(10, 1 + week // 8),
            present=5,
            went_well=rng.choice(("", "We laughed at dinner", "A calm drive to school")),
        )
        for week in range(52)
    ]
    gestures = [Gesture(FIRST + timedelta(days=rng.randrange(364)), "snack") for _ in range(45)]
    plans = [PlanMade(f"Plan {n} for Sam", FIRST + timedelta(weeks=4 * n)) for n in range(12)]
    return progress_report(
        "Sam",
        Period(FIRST, LAST),
        made_on=LAST,
        incidents=incidents,
        check_ins=check_ins,
        gestures=gestures,
        plans=plans,
    )
