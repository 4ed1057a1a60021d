"""Walking a flow without the app: answers from a YAML file, saved one by one as if typed.

The first answer the flow does not accept stops the walk; the session stays saved, so the
file can be mended and the walk resumed where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.records import PlanRecord
from coach.safety import REGION_SETTING
from coach.services.cases import Cases
from coach.services.sessions import Conversation, Sessions
from coach.services.workspace import UseCase

Say = Callable[[str], None]


@dataclass(frozen=True)
class WalkProblem:
    """Where a walk stopped short, and why (one line)."""

    state: str
    field_id: str
    message: str


@dataclass(frozen=True)
class AdviceNote:
    """Advice given on an answer on the way (a warn or a shared advice rule)."""

    field_id: str
    message: str


@dataclass(frozen=True)
class Walked:
    """The end of a walk: where it stands, what it made, and what the file held in vain."""

    conversation: Conversation
    problem: WalkProblem | None
    unused: list[str]
    plan: PlanRecord | None
    said: str  # without a plan: what the coach says at the last step (a safety stop)
    advice: list[AdviceNote]  # so a scripted run never hides it


def walk(
    conversation: Conversation,
    given: dict[str, Any],
    *,
    note: Say,
    advice: list[AdviceNote],
    saved: Say | None = None,
) -> WalkProblem | None:
    """Answer and advance until a final step. Advice (a ``warn`` or a shared advice rule) is
    passed to ``note``, kept in ``advice``, and the answer kept, as in the app when it is sent
    twice."""
    session = conversation.session
    while not session.is_finished:
        for spec in session.fields:
            value = given[spec.id] if spec.id in given else session.prefill(spec)
            if value is None:
                continue
            verdict = conversation.answer(spec.id, value)
            if verdict.is_warning:
                note(f"note on '{spec.id}': {verdict.message}")
                advice.append(AdviceNote(spec.id, verdict.message or ""))
                verdict = conversation.answer(spec.id, value)
            if not verdict.accepted:
                return WalkProblem(session.state, spec.id, verdict.message or "not accepted")
            if saved is not None:
                saved(spec.id)
        missing = session.missing()
        if missing:
            return WalkProblem(
                session.state, missing[0].id, f"needs an answer ({missing[0].label})"
            )
        try:
            conversation.advance()
        except CoachError as exc:
            return WalkProblem(session.state, "", str(exc))
    return None


class Walks(UseCase):
    def run(
        self,
        flow_id: str,
        answers: Path,
        today: date,
        *,
        case: str | None = None,
        resume: int | None = None,
        note: Say,
        saved: Say | None = None,
    ) -> Walked:
        """Walk ``flow_id`` with the answers in a file: a new session (for the case named,
        made if new) or, with ``resume``, an unfinished one of the same flow."""
        from coach.answer_file import read_answer_file
        from coach.step_text import say

        flow = self._workspace.catalogue.get(flow_id)
        given = read_answer_file(answers, flow)
        sessions = Sessions(self._workspace)
        if resume is not None:
            conversation = sessions.resume(resume, today)
            if conversation.flow.id != flow.id:
                conversation.close()
                raise CoachError(
                    f"session {resume} is a '{conversation.flow.id}' session, not '{flow.id}'"
                )
            if conversation.is_finished:
                conversation.close()
                raise CoachError(f"session {resume} has already finished")
        else:
            chosen = Cases(self._workspace).find(case, create=True)
            conversation = sessions.start(flow.id, chosen.id if chosen else None, today)
        advice: list[AdviceNote] = []
        try:
            problem = walk(conversation, given, note=note, advice=advice, saved=saved)
        finally:
            conversation.close()
        session = conversation.session
        on_path = {spec.id for spec in flow.fields_of(session.path)}
        plan = self._store.plan(conversation.plan_id) if conversation.plan_id else None
        said = ""
        if plan is None and problem is None:
            said = say(session, self._store.setting(REGION_SETTING))
        unused = sorted(k for k in given if k not in on_path)
        return Walked(conversation, problem, unused, plan, said, advice)
