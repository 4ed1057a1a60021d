"""What the coach says at a step: the state's Markdown, rendered with the answers so far.

Messages may name the young person (``{{ case.name }}``), echo earlier answers, and include
the shared safety guidance (``{% include "safety_guidance" %}``) with the user's region.

A flow's text can still fail when it runs, though every template is rendered before a flow
loads (``coach.flowformat.render_check``): a practitioner's own flow may divide by an answer
that is 0. That must not end the app or strand the parent at the step, so the step shows what
went wrong instead (saying it is not the parent's doing), and a safety stop shows the shared
guidance for every kind of danger first.
"""

from __future__ import annotations

from typing import Any

from coach.engine import Session
from coach.flowformat.machine import StateKind
from coach.guidance import GUIDANCE_AT_ANY_STOP
from coach.plan_text import plan_context
from coach.safety import crisis_context
from coach.templating import TemplateProblem, escape_markdown, render

CANNOT_SHOW = (
    "Part of this step could not be shown, because of a mistake in how this flow was written. "
    "It is not something you did. Your answers are saved, and you can go on as usual.\n\n"
    "For whoever wrote this flow: {problem}."
)


def message_context(session: Session, region: str | None) -> dict[str, Any]:
    return plan_context(session.flow, session.path_answers, session.case, session.today, region)


def _rendered(
    text: str | None, session: Session, region: str | None, state: str
) -> tuple[str, bool]:
    """The text rendered, or the notice that it could not be; and whether it failed."""
    if not text:
        return "", False
    name = f"flow '{session.flow.id}', step '{state}'"
    try:
        return render(text, message_context(session, region), name=name).strip(), False
    except TemplateProblem as exc:
        return CANNOT_SHOW.format(problem=escape_markdown(str(exc))), True


def render_text(
    text: str | None, session: Session, region: str | None, *, state: str | None = None
) -> str:
    """``text`` (a message, help or note of ``state``, the current step by default) rendered,
    or the notice that it could not be."""
    return _rendered(text, session, region, state or session.state)[0]


def say(session: Session, region: str | None, *, state: str | None = None) -> str:
    """The coach's message at ``state`` (the current step by default). If a safety stop's
    own words fail, the shared guidance comes first: help is never what goes missing."""
    state = state or session.state
    text, failed = _rendered(session.flow.block(state).say, session, region, state)
    if failed and session.flow.kinds[state] is StateKind.SAFETY_STOP:
        context = {"crisis": crisis_context(region), "case": session.case}
        return f"{render(GUIDANCE_AT_ANY_STOP, context).strip()}\n\n{text}"
    return text
