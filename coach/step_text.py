"""What the coach says at a step: the state's Markdown, rendered with the answers so far.

Messages may name the young person (``{{ case.name }}``), echo earlier answers, and include
the shared safety guidance (``{% include "safety_guidance" %}``) with the user's region.
"""

from __future__ import annotations

from typing import Any

from coach.engine import Session
from coach.plan_text import plan_context
from coach.templating import render


def message_context(session: Session, region: str | None) -> dict[str, Any]:
    return plan_context(session.flow, session.path_answers, session.case, session.today, region)


def render_text(text: str | None, session: Session, region: str | None) -> str:
    if not text:
        return ""
    name = f"flow '{session.flow.id}', step '{session.state}'"
    return render(text, message_context(session, region), name=name).strip()


def say(session: Session, region: str | None) -> str:
    """The coach's message for the current step."""
    return render_text(session.flow.block(session.state).say, session, region)
