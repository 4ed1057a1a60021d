"""After the action: "how did it go?", kept with the plan and shown in it.

A flow's ``follow_up`` block asks a few questions once the announcement, sit-in or gesture
has happened. The answers are stored, and the plan gains a new revision with a section
"How it went", so the whole story stays in one document.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from coach.errors import CoachError
from coach.fields import InvalidAnswer, display, format_date, normalise_record
from coach.flowformat.content import FollowUpSpec
from coach.flowformat.flow import Flow
from coach.plan_text import plan_context
from coach.safety import REGION_SETTING
from coach.store import Store
from coach.templating import render

# The questions every follow-up asks (flows/blocks/follow_up_safety.yaml): a yes to either
# shows the safety guidance straight away, and is noted in the plan.
SAFETY_QUESTIONS = ("hurt_or_escalated", "own_crisis")


def follow_up_spec(flow: Flow) -> FollowUpSpec:
    if flow.content.follow_up is None:
        raise CoachError(f"'{flow.content.title}' plans have no follow-up questions")
    return flow.content.follow_up


def check_answers(
    spec: FollowUpSpec, raw: Mapping[str, Any], today: date, case: Mapping[str, Any]
) -> dict[str, Any]:
    """Normalised follow-up answers; the first problem is raised as one plain line."""
    try:
        return normalise_record(spec.fields, raw, today=today, case=case)
    except InvalidAnswer as exc:
        raise CoachError(f"follow-up: {exc}") from None


def follow_up_section(
    flow: Flow,
    plan_answers: Mapping[str, Any],
    answers: Mapping[str, Any],
    case: Mapping[str, Any],
    today: date,
    region: str | None = None,
) -> str:
    spec = follow_up_spec(flow)
    context = plan_context(flow, plan_answers, case, today, region)
    fields = {field.id: field for field in spec.fields}
    context["follow_up"] = {k: display(fields[k], v) for k, v in answers.items()}
    body = render(spec.template, context, name=f"flow '{flow.id}', follow-up template").strip()
    return f"## How it went ({format_date(today.isoformat())})\n\n{body}\n"


def record_follow_up(
    store: Store, flow: Flow, plan_id: int, raw: Mapping[str, Any], today: date
) -> int:
    """Check, store and show one follow-up; returns the plan's new revision number."""
    plan = store.plan(plan_id)
    if plan.flow_id != flow.id:
        raise CoachError(f"plan {plan_id} comes from '{plan.flow_id}', not '{flow.id}'")
    case = store.case(plan.case_id).profile if plan.case_id is not None else {}
    spec = follow_up_spec(flow)
    answers = check_answers(spec, raw, today, case)
    region = store.setting(REGION_SETTING)
    section = follow_up_section(flow, plan.answers, answers, case, today, region)
    return store.add_follow_up(plan_id, answers, f"{plan.body.rstrip()}\n\n{section}")


def needs_safety_guidance(answers: Mapping[str, Any]) -> bool:
    """Whether a follow-up said someone was hurt, things got worse, or the parent is struggling."""
    return any(answers.get(question) is True for question in SAFETY_QUESTIONS)
