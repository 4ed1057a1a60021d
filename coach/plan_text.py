"""Turning the answers on the path taken into a plan: a title and a Markdown body."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from coach.fields import display, format_date
from coach.flowformat.flow import Flow
from coach.plan_helpers import prepared
from coach.safety import crisis_context
from coach.templating import escape_markdown, render


def plan_context(
    flow: Flow,
    answers: Mapping[str, Any],
    case: Mapping[str, Any],
    today: date,
    region: str | None = None,
) -> dict[str, Any]:
    """What a template can read: answers as people read them, the raw values, the case, the
    crisis lines of the user's region (so a "Stop if..." list can name the number), and the
    values prepared for it (``coach.plan_helpers``: baskets, own words, entries, words)."""
    shown = {
        fid: display(flow.fields[fid], value)
        for fid, value in answers.items()
        if fid in flow.fields
    }
    return {
        "answers": shown,
        "raw": dict(answers),
        "case": dict(case),
        "today": format_date(today.isoformat()),
        "flow": {"id": flow.id, "title": flow.content.title, "version": flow.version},
        "crisis": crisis_context(region),
        **prepared(flow, answers, case),
    }


def render_plan(
    flow: Flow,
    answers: Mapping[str, Any],
    case: Mapping[str, Any],
    today: date,
    region: str | None = None,
) -> tuple[str, str]:
    """The plan's title (plain text) and its Markdown body, which opens with that title."""
    plan = flow.content.plan
    if plan is None:
        raise ValueError(f"flow '{flow.id}' makes no plan")
    context = plan_context(flow, answers, case, today, region)
    where = f"flow '{flow.id}', plan"
    title = render(plan.title, context, markdown=False, name=f"{where} title")
    body = render(plan.template, context, name=f"{where} template").strip()
    title = " ".join(title.split())
    return title, f"# {escape_markdown(title)}\n\n{body}\n"
