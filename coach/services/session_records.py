"""What finishing a session makes, as its flow says (``makes``): a plan, a diary entry from
the incident it asked about, a weekly check-in.

Everything is worked out from the answers first, so a template or an answer that cannot
become a record stops the finish before anything is written; then the records and the
finished status are written in the caller's one transaction, each keyed by the session, so
a finish that is retried (or done first in another window) makes nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.records import CheckIn, Incident
from coach.safety import REGION_SETTING

if TYPE_CHECKING:
    from coach.services.sessions import Conversation
    from coach.store import Store

NO_CASE_DIARY = (
    "The incident is in your plan. It was not added to a diary, because diaries are kept on "
    "a case and this session has none."
)
NO_CASE_CHECK_IN = (
    "This check-in was not kept, because check-ins are kept on a case and this session has "
    "none. Its answers stay in the session."
)


@dataclass(frozen=True)
class Made:
    """What a finished session made (None: not made), and what to tell the person."""

    plan_id: int | None = None
    incident: int | None = None
    check_in: int | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return (self.plan_id, self.incident, self.check_in) != (None, None, None)


def made_for(store: Store, session_id: int) -> Made:
    """What is already stored from this session."""
    return Made(
        store.plan_for_session(session_id),
        store.incident_for_session(session_id),
        store.check_in_for_session(session_id),
    )


@dataclass(frozen=True)
class Prepared:
    """The records a finish will write, worked out before anything is written."""

    plan: tuple[str, str] | None = None  # title and Markdown body
    incident: Incident | None = None
    check_in: CheckIn | None = None
    notices: list[str] = field(default_factory=list)


def prepare_records(conversation: Conversation) -> Prepared:
    """The plan's text and the diary entry or check-in, from the answers on the path taken.

    Raises CoachError with one line when something cannot be made."""
    from coach.campaign.from_flows import (
        IncidentNotAnswered,
        check_in_from_answers,
        incident_from_answers,
    )
    from coach.plan_text import render_plan

    session, makes = conversation.session, conversation.flow.content.makes
    answers = session.path_answers
    plan = None
    if makes.plan:
        try:
            plan = render_plan(
                conversation.flow,
                answers,
                session.case,
                session.today,
                conversation.store.setting(REGION_SETTING),
            )
        except Exception as exc:  # a template is a small program: its failure is the flow's
            reason = str(exc) if isinstance(exc, CoachError) else type(exc).__name__
            raise CoachError(f"the plan could not be made ({reason})") from None
    notices: list[str] = []
    incident = check_in = None
    if makes.diary_entry is not None and conversation.case_id is None:
        notices.append(NO_CASE_DIARY)
    elif makes.diary_entry is not None:
        try:
            incident = incident_from_answers(answers, makes.diary_entry, day=session.today)
        except IncidentNotAnswered as exc:
            notices.append(
                f"The incident was not added to the diary: '{exc}' has no answer. You can "
                "log it from home with 'Log an incident'."
            )
    if makes.check_in and conversation.case_id is None:
        notices.append(NO_CASE_CHECK_IN)
    elif makes.check_in:
        try:
            check_in = check_in_from_answers(answers, session.today)
        except ValueError as exc:
            raise CoachError(f"this check-in cannot be kept: {exc}") from None
    return Prepared(plan, incident, check_in, notices)


def keep_records(conversation: Conversation, prepared: Prepared) -> Made:
    """Write what ``prepared`` holds and the finished status (inside the caller's
    transaction); what this session already made is kept and not made again."""
    from dataclasses import replace

    store, session, flow = conversation.store, conversation.session, conversation.flow
    session_id, case_id = conversation.session_id, conversation.case_id
    before = made_for(store, session_id)
    if not before.anything:
        store.save_position(session_id, session.state, session.history, "finished")
    plan_id = before.plan_id
    if prepared.plan is not None and plan_id is None:
        title, body = prepared.plan
        plan_id = store.create_plan(
            session_id=session_id,
            case_id=case_id,
            flow_id=flow.id,
            flow_version=flow.version,
            title=title,
            body=body,
            answers=session.path_answers,
        )
    incident = before.incident
    if prepared.incident is not None and incident is None and case_id is not None:
        entry = replace(prepared.incident, plan_id=plan_id)
        incident = store.add_incident(case_id, entry, session_id=session_id)
    check_in = before.check_in
    if prepared.check_in is not None and check_in is None and case_id is not None:
        check_in = store.add_check_in(case_id, prepared.check_in, session_id=session_id)
    return Made(plan_id, incident, check_in, list(prepared.notices))
