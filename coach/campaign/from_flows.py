"""Campaign records from what a flow collected: a check-in, and a plan's gestures.

The check-in flow's answers become a ``CheckIn``; a reconciliation-gestures plan's answers
hold up to three gestures as ``gesture_N`` (a choice value or the parent's own words) with
the day in ``gesture_N_date``. A gesture counts as offered on that day; one without a
readable day is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from coach.campaign.entries import CheckIn, Feeling, Gesture, GoalRating

CHECK_IN_FLOW = "check_in"
GESTURES_FLOW = "reconciliation_gestures"
_GESTURE = re.compile(r"gesture_(\d+)")


def check_in_from_answers(answers: Mapping[str, Any], day: date) -> CheckIn:
    """The check-in a finished check-in session records, dated the day it was finished."""
    goals = tuple(
        GoalRating(str(row["goal"]), int(row["rating"]))
        for row in answers.get("goals") or []
        if isinstance(row, dict) and row.get("goal") and row.get("rating") is not None
    )
    return CheckIn(
        day=day,
        goals=goals,
        **{feeling.value: answers.get(f"felt_{feeling.value}") for feeling in Feeling},
        went_well=str(answers.get("went_well") or ""),
    )


def gestures_in(answers: Mapping[str, Any], plan_id: int | None = None) -> list[Gesture]:
    """Every dated gesture in one gestures plan's answers, in the order they were planned."""
    found: list[tuple[int, Gesture]] = []
    for key, what in answers.items():
        match = _GESTURE.fullmatch(str(key))
        if match is None or not isinstance(what, str) or not what.strip():
            continue
        try:
            day = date.fromisoformat(str(answers.get(f"{key}_date")))
        except ValueError:
            continue
        found.append((int(match.group(1)), Gesture(day, what.strip(), plan_id)))
    return [gesture for _, gesture in sorted(found, key=lambda pair: pair[0])]
