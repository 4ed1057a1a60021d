"""Logging an incident: the short form's fields, and turning what was typed into a record.

The form is made of the same field specs as a flow, in the order a parent answers them in a
hurry (what happened, how bad, was anyone hurt, then the rest), so the app can draw it with
the usual inputs and ``coach log --answers FILE`` reads it like any answers file (dates as
``today`` or ``yesterday``, times as ``9pm``, yes/no as words). Every problem is reported,
one line each, so a parent mends them all at once instead of meeting them one by one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from coach.errors import CoachError
from coach.fields import InvalidAnswer, normalise
from coach.flowformat.content import FieldSpec
from coach.records import (
    RESPONSE_LABELS,
    SEVERITY_MAX,
    SEVERITY_MIN,
    AdultResponse,
    Incident,
)

WHAT_HAPPENED_LIMIT = 300

INCIDENT_FIELDS: tuple[FieldSpec, ...] = tuple(
    FieldSpec.model_validate(spec)
    for spec in (
        {
            "id": "what_happened",
            "type": "text",
            "label": "What happened?",
            "required": True,
            "hint": "What was done and said, e.g. shouted and threw a mug at the wall",
            "validate": {
                "min_length": 3,
                "max_length": WHAT_HAPPENED_LIMIT,
                "message": (
                    "A few words on what was done and said, e.g. 'shouted and threw a mug' "
                    f"(up to {WHAT_HAPPENED_LIMIT} characters; a reflection can hold more)."
                ),
            },
        },
        {
            "id": "severity",
            "type": "scale",
            "label": "How bad was it?",
            "required": True,
            "min": SEVERITY_MIN,
            "max": SEVERITY_MAX,
            "min_label": "a small upset",
            "max_label": "the worst it gets",
        },
        {
            "id": "anyone_hurt",
            "type": "yes_no",
            "label": "Was anyone hurt, even a little?",
            "required": True,
        },
        {
            "id": "day",
            "type": "date",
            "label": "When?",
            "required": True,
            "hint": "Words work too, such as yesterday or last Saturday.",
        },
        {"id": "at", "type": "time", "label": "Roughly what time?"},
        {
            "id": "place",
            "type": "text",
            "label": "Where?",
            "hint": "For example: the kitchen, the car, outside school",
            "validate": {"max_length": 100, "message": "A few words are enough for where."},
        },
        {"id": "who_was_there", "type": "text", "label": "Who was there?"},
        {
            "id": "responses",
            "type": "multi_choice",
            "label": "What did the adults do?",
            "hint": "Tick any that fit. There are no wrong answers.",
            "choices": [
                {"value": response.value, "label": label}
                for response, label in RESPONSE_LABELS.items()
            ],
        },
        {
            "id": "support_called",
            "type": "text",
            "label": "Did anyone call for support? Who?",
            "hint": "For example: my sister Ana; the police. Leave empty if no one.",
        },
    )
)

_BY_ID = {spec.id: spec for spec in INCIDENT_FIELDS}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a typed entry: which field, and what to do about it."""

    field_id: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.field_id}: {self.message}"


class EntryInvalid(CoachError):
    """An entry with problems; the message lists every one, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def incident_problems(
    raw: Mapping[str, Any], *, today: date
) -> tuple[dict[str, Any], list[Problem]]:
    """The normalised answers that fit, and a problem for each one that does not."""
    problems = [
        Problem(
            str(key),
            str(key),
            f"not part of an incident entry (the parts are: {', '.join(_BY_ID)})",
        )
        for key in raw
        if key not in _BY_ID
    ]
    clean: dict[str, Any] = {}
    for spec in INCIDENT_FIELDS:
        try:
            value = normalise(spec, raw.get(spec.id), today=today)
        except InvalidAnswer as exc:
            problems.append(Problem(spec.id, spec.label, str(exc)))
            continue
        if value is None:
            if spec.required:
                problems.append(Problem(spec.id, spec.label, f"please fill in '{spec.label}'"))
            continue
        clean[spec.id] = value
    return clean, problems


def incident_from(raw: Mapping[str, Any], *, today: date, plan_id: int | None = None) -> Incident:
    """The incident a person typed (a form, an answers file); EntryInvalid lists every problem."""
    clean, problems = incident_problems(raw, today=today)
    if problems:
        raise EntryInvalid(problems)
    return Incident(
        day=date.fromisoformat(clean["day"]),
        what_happened=clean["what_happened"],
        severity=clean["severity"],
        anyone_hurt=clean["anyone_hurt"],
        at=time.fromisoformat(clean["at"]) if "at" in clean else None,
        place=clean.get("place", ""),
        who_was_there=clean.get("who_was_there", ""),
        responses=tuple(AdultResponse(value) for value in clean.get("responses", [])),
        support_called=clean.get("support_called", ""),
        plan_id=plan_id,
    )
