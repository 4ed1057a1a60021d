"""Turning the answers on the path taken into a plan: a title and a Markdown body."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from coach.fields import display, format_date
from coach.spec.flow import Flow
from coach.templating import escape_markdown, render


def plan_context(
    flow: Flow, answers: Mapping[str, Any], case: Mapping[str, Any], today: date
) -> dict[str, Any]:
    """What a plan template can read: answers as people read them, the raw values, the case."""
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
    }


def render_plan(
    flow: Flow, answers: Mapping[str, Any], case: Mapping[str, Any], today: date
) -> tuple[str, str]:
    """The plan's title (plain text) and its Markdown body, which opens with that title."""
    context = plan_context(flow, answers, case, today)
    title = " ".join(render(flow.content.plan.title, context, markdown=False).split())
    body = render(flow.content.plan.template, context).strip()
    return title, f"# {escape_markdown(title)}\n\n{body}\n"
