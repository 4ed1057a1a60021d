"""Diary entries and check-ins as JSON-ready data, and back, for data the coach wrote itself.

The store keeps each record sealed in this shape, and the progress JSON and the case's JSON
export write it, so a file written by one version of the coach reads back in the next. Data
from elsewhere is checked by ``coach.campaign.interchange`` before it becomes a record; what
the store wrote is trusted, so reading it back needs no checking library (opening the store
stays quick).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from coach.records import AdultResponse, CheckIn, Feeling, GoalRating, Incident


def incident_data(incident: Incident) -> dict[str, Any]:
    return {
        "day": incident.day.isoformat(),
        "at": incident.at.strftime("%H:%M") if incident.at else None,
        "place": incident.place,
        "what_happened": incident.what_happened,
        "severity": incident.severity,
        "who_was_there": incident.who_was_there,
        "anyone_hurt": incident.anyone_hurt,
        "responses": [response.value for response in incident.responses],
        "support_called": incident.support_called,
        "plan_id": incident.plan_id,
    }


def check_in_data(check_in: CheckIn) -> dict[str, Any]:
    return {
        "day": check_in.day.isoformat(),
        "goals": [{"goal": goal.goal, "rating": goal.rating} for goal in check_in.goals],
        **{feeling.value: check_in.feeling(feeling) for feeling in Feeling},
        "went_well": check_in.went_well,
    }


_RESPONSES = {response.value: response for response in AdultResponse}


def incident_from_data(data: Mapping[str, Any], plan_id: int | None = None) -> Incident:
    """The incident ``incident_data`` wrote; the store keeps its plan apart (``plan_id``)."""
    at = data.get("at")
    return Incident(
        day=date.fromisoformat(data["day"]),
        what_happened=data["what_happened"],
        severity=data["severity"],
        anyone_hurt=data["anyone_hurt"],
        at=time.fromisoformat(at) if at else None,
        place=data.get("place", ""),
        who_was_there=data.get("who_was_there", ""),
        responses=tuple(_RESPONSES[value] for value in data.get("responses", ())),
        support_called=data.get("support_called", ""),
        plan_id=data.get("plan_id", plan_id),
    )


def check_in_from_data(data: Mapping[str, Any]) -> CheckIn:
    return CheckIn(
        day=date.fromisoformat(data["day"]),
        goals=tuple(GoalRating(goal["goal"], goal["rating"]) for goal in data.get("goals", ())),
        **{feeling.value: data.get(feeling.value) for feeling in Feeling},
        went_well=data.get("went_well", ""),
    )
