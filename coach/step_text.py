"""What the coach says at a step: the state's Markdown, rendered with the answers so far.

Messages may name the young person (``{{ case.name }}``), echo earlier answers, and include
the shared safety guidance (``{% include "safety_guidance" %}``) with the user's region.

A flow's text can still fail when it runs, though every template is rendered before a flow
loads (``coach.flowformat.render_check``): a practitioner's own flow may divide by an answer
that is 0. That must not end the app or strand the parent at the step, so the step shows what
went wrong instead, and a safety stop still shows the shared guidance.
"""

from __future__ import annotations

from typing import Any

from coach.engine import Session
from coach.flowformat.machine import StateKind
from coach.guidance import GUIDANCE
from coach.plan_text import plan_context
from coach.safety import crisis_context
from coach.templating import TemplateProblem, escape_markdown, render

CANNOT_SHOW = (
    "**The words for this step could not be shown.** {problem}. Your answers are saved; "
    "whoever wrote this flow can find the fault with `coach validate`. Press F2 for help now."
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
    own words fail, the shared guidance follows the notice: help is never what goes missing."""
    state = state or session.state
    text, failed = _rendered(session.flow.block(state).say, session, region, state)
    if failed and session.flow.kinds[state] is StateKind.SAFETY_STOP:
        guidance = render(GUIDANCE, {"crisis": crisis_context(region), "case": session.case})
        return f"{text}\n\n{guidance.strip()}"
    return text
