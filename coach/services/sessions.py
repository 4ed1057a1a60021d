"""Sessions: starting one, resuming one, and each step of a conversation, saved as it is taken.

``Conversation`` is one open session: the engine moves, and the store keeps every move at
once, so no face can forget to save an answer, to write a case field back, or to make the
plan at the end. ``Sessions`` holds the rules for which session may be resumed, written once
for every face.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError
from coach.records import Case, SessionRecord, SessionSummary
from coach.services.session_records import made_for
from coach.services.workspace import UseCase
from coach.stop_kinds import left_stop_note
from coach.store import Store, this_owner

# The kind of event for leaving any safety stop; the store seals only an event's detail, so
# the kind says nothing about which stop it was (a locked stop means abuse or exploitation).
LEFT_STOP = "left_stop"

if TYPE_CHECKING:
    from coach.engine import Session, Verdict
    from coach.flowformat.catalogue import Catalogue
    from coach.flowformat.flow import Flow

# The engine, the flow models and the templates load with the first conversation, not with
# the home screen's lists.
# A session in progress is stored 'active' wherever it stands; the lists call one paused at
# a safety stop 'stopped' (the store keeps that sealed, in where it stands).
ACTIVE, STOPPED = "active", "stopped"


def resumable(store: Store, session_id: int, *, case_limit: Case | None = None) -> SessionRecord:
    """The session, if it may be resumed: not set aside, not turned into a plan already, and
    of the case the app is limited to. Raises CoachError with one line otherwise."""
    record = store.session(session_id)
    if record.status == "abandoned":
        raise CoachError(f"session {session_id} was set aside; start the flow again instead")
    if record.status == "finished":
        made = made_for(store, session_id)
        if made.plan_id is not None:
            raise CoachError(f"session {session_id} has finished; 'coach plans' lists its plan")
        if made.anything:
            raise CoachError(
                f"session {session_id} has finished; what it recorded is on the case's timeline"
            )
    if case_limit is not None and record.case_id != case_limit.id:
        raise CoachError(f"session {session_id} belongs to another case")
    return record


@dataclass
class Conversation:
    store: Store
    flow: Flow
    session: Session
    session_id: int
    case_id: int | None
    plan_id: int | None = None
    notices: list[str] = field(default_factory=list)
    incident_id: int | None = None
    check_in_id: int | None = None
    # Text typed into an answer box but not sent yet, by field: given back on resume.
    drafts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls, store: Store, flow: Flow, *, case: Case | None, today: date) -> Conversation:
        from coach.engine import Session

        if case is None and not flow.content.makes.plan:
            raise CoachError(
                f"'{flow.content.title}' is kept on a young person's case; choose their case "
                "(or add one) and start it there"
            )
        session = Session(flow, today=today, case=case.profile if case else None)
        session_id = store.create_session(
            flow.id, flow.version, case.id if case else None, session.state
        )
        store.claim_session(session_id, this_owner())  # so another window resuming it is told
        return cls(store, flow, session, session_id, case.id if case else None)

    @classmethod
    def resume(
        cls,
        store: Store,
        catalogue: Catalogue,
        session_id: int,
        today: date,
        *,
        case_limit: Case | None = None,
    ) -> Conversation:
        """Pick up a saved session where it stopped, even if its flow has changed since.

        A session marked finished without a plan (older stores can hold one: finishing was
        once two steps) is reopened at its last step, so its answers can still become a plan.
        """
        from coach.engine import Session
        from coach.flowformat.machine import StateKind

        record = resumable(store, session_id, case_limit=case_limit)
        flow = catalogue.get(record.flow_id)
        case = store.case(record.case_id) if record.case_id is not None else None
        path = [s for s in [*record.history, record.state] if s in flow.kinds] or [flow.initial]
        notices = []
        if record.status == "finished":
            while len(path) > 1 and flow.kinds[path[-1]] is StateKind.END:
                path.pop()
            store.save_position(session_id, path[-1], path[:-1], "active")
            notices.append(
                "This session ended before its plan was made. You are back at its last step, "
                "with every answer kept; go on to make the plan."
            )
        elif path[-1] != record.state or record.flow_version != flow.version:
            notices.append(
                f"'{flow.content.title}' has changed since this session began; "
                f"you are back at the last step that still exists ({path[-1]})."
            )
        answers = {k: v for k, v in record.answers.items() if k in flow.fields}
        session = Session(
            flow,
            today=today,
            case=case.profile if case else None,
            answers=answers,
            history=path[:-1],
            state=path[-1],
        )
        made = made_for(store, session_id)
        other = store.claim_session(session_id, this_owner())
        if other is not None:
            notices.append(
                "This session is also open in another window. Both are saved as you go; "
                "if you answer the same question in both, the later answer is kept."
            )
        return cls(
            store,
            flow,
            session,
            session_id,
            record.case_id,
            made.plan_id,
            notices,
            made.incident,
            made.check_in,
            drafts={k: v for k, v in store.drafts(session_id).items() if k in flow.fields},
        )

    def close(self) -> None:
        """Let other windows know this session is no longer open here."""
        self.store.release_session(self.session_id, this_owner())

    @property
    def is_finished(self) -> bool:
        return self.session.is_finished

    @property
    def notes(self) -> str:
        """The practitioner's notes on this session."""
        return self.store.session(self.session_id).notes

    def save_notes(self, notes: str) -> None:
        self.store.save_notes(self.session_id, notes)

    def save_draft(self, field_id: str, text: str) -> None:
        """Keep text typed for a question but not sent yet (sealed like answers when a
        passphrase is set); an empty text drops the draft. Writes only what changed."""
        if text == self.drafts.get(field_id, ""):
            return
        self.store.save_draft(self.session_id, field_id, text)
        if text.strip():
            self.drafts[field_id] = text
        else:
            self.drafts.pop(field_id, None)

    def answer(self, field_id: str, value: Any) -> Verdict:
        """Check and keep one answer. The answer and the case field it sets are saved in one
        transaction, which also drops the question's draft; if saving fails, nothing is
        kept, here or on disk."""
        answers, case = dict(self.session.answers), dict(self.session.case)
        verdict = self.session.answer(field_id, value)
        if not verdict.accepted:
            return verdict
        spec = self.session.field(field_id)
        try:
            with self.store.atomically():
                self.store.save_answer(
                    self.session_id, field_id, self.session.answers.get(field_id)
                )
                if spec.case_field and self.case_id is not None:
                    self._write_case(spec.case_field)
                if spec.concern is not None and self.case_id is not None:
                    self._write_case("concerns")
                if field_id in self.drafts:
                    self.store.save_draft(self.session_id, field_id, "")
        except BaseException:
            self.session.answers, self.session.case = answers, case
            raise
        self.drafts.pop(field_id, None)
        return verdict

    def _write_case(self, key: str) -> None:
        """Keep what the caregiver told us about the case for every later flow."""
        assert self.case_id is not None
        if key == "name":
            name = self.session.case.get("name")
            if isinstance(name, str) and name.strip():
                try:
                    self.store.rename_case(self.case_id, name)
                except CoachError:
                    self.notices.append(
                        f"There is already a case called '{name}', so this case keeps its name."
                    )
            return
        self.store.update_case(self.case_id, self.session.case)

    def advance(self) -> str:
        """Go on. Reaching an ``end`` step makes the plan: it is rendered first, then the new
        position, the plan and the finished status are written in one transaction."""
        from coach.flowformat.machine import StateKind

        state = self.session.advance()
        if self.session.kind is StateKind.END:
            self._finish()
            return state
        self.store.save_position(self.session_id, state, self.session.history)
        return state

    def _finish(self) -> None:
        """Make what the flow's end makes (``makes``): the plan, a diary entry from its
        incident, a check-in. All are written with the finished status in one transaction,
        each keyed by the session, so a finish that is retried (or done in another window
        first) makes nothing twice."""
        from coach.services.session_records import keep_records, prepare_records

        try:
            prepared = prepare_records(self)
        except CoachError as exc:
            left = self.session.retreat()
            raise CoachError(
                f"{exc}. Your answers are saved and you are still at '{left}'; whoever keeps "
                "this flow can mend its plan template"
            ) from None
        try:
            with self.store.atomically():
                made = keep_records(self, prepared)
        except BaseException:
            self.session.retreat()  # as on disk: still at the last step, nothing finished
            raise
        self.plan_id, self.incident_id = made.plan_id, made.incident
        self.check_in_id = made.check_in
        self.notices += made.notices

    def back(self, *, confirmed_safe: bool = False, answer_again: bool = False) -> str:
        """One step back; from a locked stop, back to that step with its "yes" answers cleared.

        Leaving a stop is noted as a session event, kept with the session and never exported.
        Its kind is the same for every stop, so only the sealed detail says which stop it
        was and how it was left; which answers were given is not part of the note. The
        cleared answers, the note and the new position are written in one transaction.
        """
        from coach.flowformat.machine import StateKind

        stop = self.session.state if self.session.kind is StateKind.SAFETY_STOP else None
        locked = self.session.at_locked_stop
        before = set(self.session.answers)
        state = self.session.back(confirmed_safe=confirmed_safe, answer_again=answer_again)
        with self.store.atomically():
            for field_id in sorted(before - set(self.session.answers)):
                self.store.save_answer(self.session_id, field_id, None)
            if locked:
                self.store.record_event(
                    self.session_id, LEFT_STOP, f"went back from '{stop}' to answer again"
                )
            elif stop is not None:
                self.store.record_event(self.session_id, LEFT_STOP, left_stop_note(stop))
            self.store.save_position(self.session_id, state, self.session.history, "active")
        return state


class Sessions(UseCase):
    def start(self, flow_id: str, case_id: int | None, today: date) -> Conversation:
        flow = self._workspace.catalogue.get(flow_id)
        case = self._store.case(case_id) if case_id is not None else None
        return Conversation.start(self._store, flow, case=case, today=today)

    def resume(
        self, session_id: int, today: date, *, case_limit: Case | None = None
    ) -> Conversation:
        return Conversation.resume(
            self._store, self._workspace.catalogue, session_id, today, case_limit=case_limit
        )

    def check_resumable(self, session_id: int, *, case_limit: Case | None = None) -> None:
        """Raises CoachError with one line when the session cannot be resumed."""
        resumable(self._store, session_id, case_limit=case_limit)

    def latest(self, *, case_limit: Case | None = None) -> int:
        """The session to resume when none is named: the most recently updated unfinished
        one (of the case the app is limited to), not paused at a safety stop."""
        found = self._latest_to_go_on(case_limit.id if case_limit else None)
        if found is None:
            raise CoachError(
                "nothing to resume: no unfinished session ('coach sessions' lists all)"
            )
        return found.id

    def _latest_to_go_on(self, case_id: int | None = None) -> SessionSummary | None:
        rows = self._store.sessions(case_id=case_id, status=ACTIVE)
        return next((row for row in rows if not self._paused(row)), None)

    def _paused(self, row: SessionSummary) -> bool:
        card = self._workspace.cards.get(row.flow_id)
        return row.status == ACTIVE and card is not None and card.is_stop(row.state)

    def _as_listed(self, row: SessionSummary) -> SessionSummary:
        return replace(row, status=STOPPED) if self._paused(row) else row

    def app_opening(
        self,
        case_option: str | None,
        *,
        start: tuple[str, str | None] | None = None,
        resume: int | None = None,
        resume_latest: bool = False,
    ) -> dict[str, Any]:
        """What the app opens on: the case it is limited to (made if new), a flow to start
        (for a case, made if new) or a session to resume (by the resume rules). Checked
        before the app draws, or, for a locked store, as soon as it has been unlocked."""
        from coach.services.cases import Cases

        cases = Cases(self._workspace)
        if resume_latest:
            resume = self.latest(case_limit=cases.find(case_option))
        if resume is not None:
            self.check_resumable(resume)
        started: tuple[str, int | None] | None = None
        if start is not None:
            chosen = cases.find(start[1], create=True)
            started = (start[0], chosen.id if chosen else None)
        limit = cases.find(case_option, create=True)
        if limit is not None and started is not None:
            if started[1] not in (None, limit.id):
                raise CoachError(f"this app is limited to the case '{limit.name}'")
            started = (started[0], limit.id)
        if limit is not None and resume is not None:
            self.check_resumable(resume, case_limit=limit)
        return {"case_limit": limit, "start": started, "resume": resume}

    def most_recent(self) -> SessionRecord | None:
        """The unfinished session most recently worked on, if there is one."""
        latest = self._latest_to_go_on()
        return self._store.session(latest.id) if latest is not None else None

    def all(self) -> list[SessionSummary]:
        """Every session, newest first; one paused at a safety stop says 'stopped'."""
        return [self._as_listed(row) for row in self._store.sessions()]

    def in_progress(self, case_id: int | None) -> list[SessionSummary]:
        """A case's sessions that can be carried on (a safety stop included), of flows still
        known; ``None`` means the sessions without a case."""
        cards = self._workspace.cards
        return [
            self._as_listed(s)
            for s in self._store.sessions(
                case_id=case_id, status=ACTIVE, without_case=case_id is None
            )
            if s.case_id == case_id and s.flow_id in cards
        ]

    def to_resume(self, *, case_limit: Case | None = None) -> list[SessionSummary]:
        """Unfinished sessions of flows still known (only the case's, when limited to one)."""
        cards = self._workspace.cards
        return [
            row
            for row in self._store.sessions(status=ACTIVE)
            if row.flow_id in cards
            and not self._paused(row)
            and (case_limit is None or row.case_id == case_limit.id)
        ]

    def abandon(self, session_id: int) -> None:
        """Set a session aside: it no longer shows as in progress, and its answers stay."""
        self._store.abandon_session(session_id)
