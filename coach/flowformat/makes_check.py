"""Checks of what a flow says its end makes (``makes``): a plan needs its template, a diary
entry needs the fields the incident is read from, a check-in needs the goals or ratings.

A flow that promises a record its fields cannot fill would fail only when a parent finishes
it, so ``coach validate`` names the file, the line and the field instead.
"""

from __future__ import annotations

from typing import Any

from coach.flowformat.blocks import Places
from coach.flowformat.content import DiaryFields, FieldSpec, FlowContent
from coach.flowformat.flow import Flow
from coach.flowformat.problems import Problem
from coach.records import RATING_MAX, RATING_MIN, SEVERITY_MAX, SEVERITY_MIN, Feeling

# The parts of an incident every diary entry has, and the field types each part may read.
REQUIRED_PARTS = ("what_happened", "severity", "anyone_hurt")
TEXT_TYPES = frozenset({"text", "long_text"})
PART_TYPES: dict[str, frozenset[str]] = {
    "what_happened": TEXT_TYPES,
    "severity": frozenset({"scale"}),
    "anyone_hurt": frozenset({"yes_no"}),
    "day": frozenset({"date"}),
    "at": frozenset({"time"}),
    "place": TEXT_TYPES,
    "who_was_there": TEXT_TYPES,
    "responses": frozenset({"choice", "multi_choice"}),
}
CHECK_IN_RATINGS = tuple(f"felt_{feeling.value}" for feeling in Feeling)


def check_makes(content: FlowContent, places: Places, flow: Flow) -> list[Problem]:
    found: list[Problem] = []

    def add(where: tuple[Any, ...], message: str) -> None:
        found.append(places.problem(where, message))

    makes = content.makes
    if not makes.records:
        add(("makes",), "'makes' lists nothing; give plan, diary_entry or check_in")
    if makes.plan and content.plan is None:
        add(
            ("makes",),
            "this flow makes a plan but has no 'plan:' block; add its title and template",
        )
    if not makes.plan and content.plan is not None:
        add(("plan",), "this flow has a plan template but 'makes' leaves out plan; add plan to it")
    if not makes.plan and content.follow_up is not None:
        add(("follow_up",), "a follow-up is added to a plan, and this flow makes none; add plan")
    if makes.diary_entry is not None:
        _check_diary_fields(makes.diary_entry, flow, add)
    if makes.check_in:
        _check_check_in(flow, add)
    return found


def _scale_problem(spec: FieldSpec, low: int, high: int) -> str | None:
    if spec.type != "scale" or (spec.min, spec.max) != (low, high):
        return f"should be a scale from {low} to {high}"
    return None


def _check_diary_fields(parts: DiaryFields, flow: Flow, add: Any) -> None:
    given = parts.model_fields_set
    for part, field_id in parts.model_dump().items():
        where = ("makes",)
        spec = flow.fields.get(field_id)
        if spec is None:
            if part in REQUIRED_PARTS or part in given:
                add(
                    where,
                    f"diary_entry reads '{part}' from field '{field_id}', which this flow "
                    f"does not ask; add the field or name another with {{{part}: FIELD}}",
                )
            continue
        if spec.type not in PART_TYPES[part]:
            kinds = " or ".join(sorted(str(kind) for kind in PART_TYPES[part]))
            add(where, f"diary_entry's '{part}' field '{field_id}' is {spec.type}; use {kinds}")
        elif part == "severity" and (bad := _scale_problem(spec, SEVERITY_MIN, SEVERITY_MAX)):
            add(where, f"diary_entry's severity field '{field_id}' {bad}")


def _check_check_in(flow: Flow, add: Any) -> None:
    goals = flow.fields.get("goals")
    ratings = [flow.fields[name] for name in CHECK_IN_RATINGS if name in flow.fields]
    if goals is None and not ratings:
        add(
            ("makes",),
            "a check-in needs a 'goals' group or a rating such as 'felt_calm'; add one",
        )
    if goals is not None:
        parts = {sub.id: sub for sub in goals.fields}
        goal, rating = parts.get("goal"), parts.get("rating")
        if not goals.kind.takes_fields or goal is None or rating is None:
            add(("makes",), "a check-in's 'goals' is a group with a 'goal' and a 'rating'")
        elif bad := _scale_problem(rating, RATING_MIN, RATING_MAX):
            add(("makes",), f"a check-in's goal 'rating' {bad}")
    for spec in ratings:
        if bad := _scale_problem(spec, RATING_MIN, RATING_MAX):
            add(("makes",), f"a check-in's '{spec.id}' {bad}")
