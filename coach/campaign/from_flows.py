"""Campaign records from what a flow collected: an incident, a check-in, a plan's gestures.

A flow that says ``makes: [diary_entry]`` has its incident read from the fields its
``DiaryFields`` name; what the adults did is read from the flows' own choices (arguing or
shouting is "got drawn in", leaving the room is "stepped out"), and a choice with no
counterpart is left out rather than guessed. The check-in flow's answers become a
``CheckIn``. A reconciliation-gestures plan's answers hold up to three gestures as
``gesture_N`` (a choice value or the parent's own words) with the day in ``gesture_N_date``;
a gesture counts as offered on that day, and one without a readable day is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from coach.flowformat.content import DiaryFields
from coach.records import AdultResponse, CheckIn, Feeling, Gesture, GoalRating, Incident

CHECK_IN_FLOW = "check_in"
GESTURES_FLOW = "reconciliation_gestures"
_GESTURE = re.compile(r"gesture_(\d+)")

# The incident flows' own answers about what the adults did, as the diary counts them.
RESPONSES_FROM_CHOICES: dict[str, AdultResponse] = {
    "stepped_away": AdultResponse.STEPPED_OUT,
    "left": AdultResponse.STEPPED_OUT,
    "said_little": AdultResponse.HELD,
    "stayed_calm": AdultResponse.HELD,
    "holding_phrase": AdultResponse.DELAYED,
    "argued": AdultResponse.ESCALATED,
    "shouted": AdultResponse.ESCALATED,
    "threatened": AdultResponse.ESCALATED,
    "gave_in": AdultResponse.GAVE_IN,
}
SUPPORT_CHOICES = frozenset({"called_someone", "asked_for_help"})
SUPPORT_CALLED = "Called or messaged someone for support"


class IncidentNotAnswered(ValueError):
    """The session lacks a part every diary entry needs (an older session, say)."""


def _responses(chosen: Any) -> tuple[AdultResponse, ...]:
    values = chosen if isinstance(chosen, list) else [chosen] if chosen else []
    found = [RESPONSES_FROM_CHOICES[v] for v in values if v in RESPONSES_FROM_CHOICES]
    return tuple(dict.fromkeys(found))


def incident_from_answers(
    answers: Mapping[str, Any], parts: DiaryFields, *, day: date, plan_id: int | None = None
) -> Incident:
    """The incident a finished flow asked about, dated ``day`` unless the flow asked when.

    Raises IncidentNotAnswered naming the first part that has no answer."""
    given: dict[str, Any] = {
        part: answers.get(field_id) for part, field_id in parts.model_dump().items()
    }
    for part in ("what_happened", "severity", "anyone_hurt"):
        if given[part] is None or given[part] == "":
            raise IncidentNotAnswered(part.replace("_", " "))
    chosen = given["responses"]
    values = chosen if isinstance(chosen, list) else [chosen]
    return Incident(
        day=date.fromisoformat(given["day"]) if given["day"] else day,
        what_happened=str(given["what_happened"]).strip(),
        severity=int(given["severity"]),
        anyone_hurt=bool(given["anyone_hurt"]),
        at=time.fromisoformat(given["at"]) if given["at"] else None,
        place=str(given["place"] or "").strip(),
        who_was_there=str(given["who_was_there"] or "").strip(),
        responses=_responses(chosen),
        support_called=SUPPORT_CALLED if SUPPORT_CHOICES.intersection(map(str, values)) else "",
        plan_id=plan_id,
    )


def check_in_from_answers(answers: Mapping[str, Any], day: date) -> CheckIn:
    """The check-in a finished check-in session records, dated the day it was finished.

    A goal written twice (the same words, see ``goal_key``) keeps its first rating: one goal
    has one rating a week."""
    goals: dict[str, GoalRating] = {}
    for row in answers.get("goals") or []:
        if isinstance(row, dict) and row.get("goal") and row.get("rating") is not None:
            rating = GoalRating(str(row["goal"]), int(row["rating"]))
            goals.setdefault(rating.key, rating)
    return CheckIn(
        day=day,
        goals=tuple(goals.values()),
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
