"""A session bound to the store: each step the engine takes is saved the moment it is taken.

The TUI and the command line both talk through this one class, so neither can forget to
save an answer, to write a case field back, or to make the plan at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.engine import Session, Verdict
from coach.errors import CoachError
from coach.flowformat.catalogue import Catalogue
from coach.flowformat.flow import Flow
from coach.flowformat.machine import StateKind
from coach.plan_text import render_plan
from coach.records import Case
from coach.safety import REGION_SETTING
from coach.store import Store, this_owner

STATUS_FOR_KIND = {StateKind.END: "finished", StateKind.SAFETY_STOP: "stopped"}


@dataclass
class Conversation:
    store: Store
    flow: Flow
    session: Session
    session_id: int
    case_id: int | None
    plan_id: int | None = None
    notices: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, store: Store, flow: Flow, *, case: Case | None, today: date) -> Conversation:
        session = Session(flow, today=today, case=case.profile if case else None)
        session_id = store.create_session(
            flow.id, flow.version, case.id if case else None, session.state
        )
        store.claim_session(session_id, this_owner())  # so another window resuming it is told
        return cls(store, flow, session, session_id, case.id if case else None)

    @classmethod
    def resume(
        cls, store: Store, catalogue: Catalogue, session_id: int, today: date
    ) -> Conversation:
        """Pick up a saved session where it stopped, even if its flow has changed since."""
        record = store.session(session_id)
        if record.status == "abandoned":
            raise CoachError(f"session {session_id} was abandoned; start the flow again instead")
        flow = catalogue.get(record.flow_id)
        case = store.case(record.case_id) if record.case_id is not None else None
        path = [s for s in [*record.history, record.state] if s in flow.kinds]
        notices = []
        if not path:
            path = [flow.initial]
        if path[-1] != record.state or record.flow_version != flow.version:
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
        plan_id = store.plan_for_session(session_id)
        other = store.claim_session(session_id, this_owner())
        if other is not None:
            notices.append(
                "This session is also open in another window. Both are saved as you go; "
                "if you answer the same question in both, the later answer is kept."
            )
        return cls(store, flow, session, session_id, record.case_id, plan_id, notices)

    def close(self) -> None:
        """Let other windows know this session is no longer open here."""
        self.store.release_session(self.session_id, this_owner())

    @property
    def is_finished(self) -> bool:
        return self.session.is_finished

    def answer(self, field_id: str, value: Any) -> Verdict:
        verdict = self.session.answer(field_id, value)
        if verdict.accepted:
            self.store.save_answer(self.session_id, field_id, self.session.answers.get(field_id))
            spec = self.session.field(field_id)
            if spec.case_field and self.case_id is not None:
                self._write_case(spec.case_field)
        return verdict

    def _write_case(self, key: str) -> None:
        """Keep what the caregiver told us about the case for every later flow."""
        if key == "name":
            name = self.session.case.get("name")
            if isinstance(name, str) and name.strip():
                try:
                    self.store.rename_case(self.case_id, name)  # type: ignore[arg-type]
                except CoachError:
                    self.notices.append(
                        f"There is already a case called '{name}', so this case keeps its name."
                    )
            return
        self.store.update_case(self.case_id, self.session.case)  # type: ignore[arg-type]

    def advance(self) -> str:
        """Go on; reaching an ``end`` state makes and stores the plan."""
        state = self.session.advance()
        status = STATUS_FOR_KIND.get(self.session.kind, "active")
        self.store.save_position(self.session_id, state, self.session.history, status)
        if self.session.kind is StateKind.END:
            title, body = render_plan(
                self.flow,
                self.session.path_answers,
                self.session.case,
                self.session.today,
                self.store.setting(REGION_SETTING),
            )
            self.plan_id = self.store.create_plan(
                session_id=self.session_id,
                case_id=self.case_id,
                flow_id=self.flow.id,
                flow_version=self.flow.version,
                title=title,
                body=body,
                answers=self.session.path_answers,
            )
        return state

    def back(self, *, confirmed_safe: bool = False, answer_again: bool = False) -> str:
        """One step back; from a locked stop, back to that step with its "yes" answers cleared.

        Leaving a stop is noted as a session event, which is kept with the session and never
        exported; which answers were given is not part of the note.
        """
        stop = self.session.state if self.session.kind is StateKind.SAFETY_STOP else None
        locked = self.session.at_locked_stop
        before = set(self.session.answers)
        state = self.session.back(confirmed_safe=confirmed_safe, answer_again=answer_again)
        for field_id in sorted(before - set(self.session.answers)):
            self.store.save_answer(self.session_id, field_id, None)
        if locked:
            self.store.record_event(
                self.session_id, "revisited_locked_stop", f"went back from '{stop}' to answer again"
            )
        elif stop is not None:
            self.store.record_event(
                self.session_id, "left_safety_stop", "the caregiver confirmed everyone is safe now"
            )
        self.store.save_position(self.session_id, state, self.session.history, "active")
        return state
