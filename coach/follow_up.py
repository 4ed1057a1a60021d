"""After the action: "how did it go?", kept with the plan and shown in it.

A flow's ``follow_up`` block asks a few questions once the announcement, sit-in or gesture
has happened. Here: checking those answers and writing the section "How it went"; the plans
use case stores them with a new revision of the plan, so the whole story stays in one
document.
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
from coach.templating import render

# The questions every follow-up asks (flows/blocks/follow_up_safety.yaml, with the parent's
# own two from flows/blocks/own_crisis.yaml). A yes to one of these shows the safety guidance
# straight away; a yes to finding it very hard to cope shows support for the parent instead
# ("coping_steps"), as the quick flows do. Each yes is noted in the plan.
SAFETY_QUESTIONS = ("hurt_or_escalated", "own_crisis")
COPING_QUESTION = "hard_to_cope"


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


def needs_safety_guidance(answers: Mapping[str, Any]) -> bool:
    """Whether a follow-up said someone was hurt, things got worse, or the parent is struggling."""
    return any(answers.get(q) is True for q in (*SAFETY_QUESTIONS, COPING_QUESTION))
