"""A running session of one flow: answers, the path taken and the way forward.

Pure by design: no disk, no clock (today's date is handed in), no terminal. The TUI, the
command line and the tests all drive the same object, and the store persists what it holds.
Each session owns a small ``transitions`` machine, so no shared machine collects sessions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from transitions import Machine

from coach.answer_advice import warning_for
from coach.conditions import Facts
from coach.errors import CoachError
from coach.fields import InvalidAnswer, choices_for, matches, normalise
from coach.flowformat.content import Choice, FieldSpec
from coach.flowformat.flow import Flow
from coach.flowformat.machine import StateKind


class EngineError(CoachError):
    """A step the session cannot take now (e.g. going on without a required answer)."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of one answer: accepted, or a message (an error, or advice shown once)."""

    accepted: bool
    message: str | None = None
    is_warning: bool = False


@dataclass(frozen=True)
class Progress:
    done: int
    left: int

    @property
    def step(self) -> int:
        return self.done + 1

    @property
    def total(self) -> int:
        return self.done + 1 + self.left


class _Position:
    """The model object the transitions machine moves; it only carries ``state``."""

    state: str


class Session:
    def __init__(
        self,
        flow: Flow,
        *,
        today: date,
        case: Mapping[str, Any] | None = None,
        answers: Mapping[str, Any] | None = None,
        history: list[str] | None = None,
        state: str | None = None,
    ) -> None:
        self.flow = flow
        self.today = today
        self.case: dict[str, Any] = dict(case or {})
        self.answers: dict[str, Any] = dict(answers or {})
        self.history: list[str] = list(history or [])
        self._warned: set[str] = set()
        # How many times an answer has changed, and its count when each step of the path was
        # reached: coming back to a step with the count unchanged is a loop with no way out.
        self._changes = 0
        self._arrivals: list[int] = [-1] * len(self.history) + [0]
        self._position = _Position()
        self._machine = Machine(
            model=self._position,
            states=flow.states,
            initial=state or flow.initial,
            transitions=[
                {
                    "trigger": "next",
                    "source": t.source,
                    "dest": t.dest,
                    "conditions": [t.test] if t.test else [],
                }
                for source in flow.states
                for t in flow.outgoing.get(source, [])
            ],
            auto_transitions=False,
            send_event=False,
            ignore_invalid_triggers=False,
        )

    @property
    def state(self) -> str:
        return self._position.state

    @property
    def kind(self) -> StateKind:
        return self.flow.kinds[self.state]

    @property
    def fields(self) -> list[FieldSpec]:
        return list(self.flow.block(self.state).fields)

    @property
    def is_finished(self) -> bool:
        return self.flow.is_final(self.state)

    @property
    def path(self) -> list[str]:
        return [*self.history, self.state]

    @property
    def path_answers(self) -> dict[str, Any]:
        """Only the answers of states on the path finally taken: these reach the plan."""
        return {
            spec.id: self.answers[spec.id]
            for spec in self.flow.fields_of(self.path)
            if spec.id in self.answers
        }

    @property
    def facts(self) -> Facts:
        return Facts(answers=self.path_answers, case=self.case)

    @property
    def progress(self) -> Progress:
        return Progress(
            done=len(self.history), left=len(self.flow.predicted_path(self.state, self.facts))
        )

    def prefill(self, spec: FieldSpec) -> Any:
        """What the input starts with: the earlier answer, else what the case already knows
        (a group's private rows, kept apart on the case, come back after its other rows)."""
        if spec.id in self.answers:
            return self.answers[spec.id]
        if spec.case_field:
            known = self.case.get(spec.case_field) or None
            if spec.private_rows is not None and spec.private_rows.case_field:
                apart = self.case.get(spec.private_rows.case_field) or []
                known = [*(known or []), *apart] or None
            return known
        return None

    def choices(self, spec: FieldSpec) -> list[Choice]:
        """What a question offers: its own choices, or the case's list together with what
        was given for the same list earlier on this path (names typed while the case had
        none, say, so they are offered again a step later)."""
        offered = choices_for(spec, self.case)
        if spec.choices_from is None:
            return offered
        known = {choice.value for choice in offered}
        for field_id, value in self.path_answers.items():
            other = self.flow.fields[field_id]
            same = (other.choices_from, other.choices_filter) == (
                spec.choices_from,
                spec.choices_filter,
            )
            if field_id == spec.id or not same:
                continue
            for name in value if isinstance(value, list) else [value]:
                if isinstance(name, str) and name.strip() and name not in known:
                    offered.append(Choice(value=name, label=name))
                    known.add(name)
        return offered

    def field(self, field_id: str) -> FieldSpec:
        for spec in self.fields:
            if spec.id == field_id:
                return spec
        if field_id in self.flow.fields:
            raise EngineError(f"'{field_id}' is asked at another step, not at '{self.state}'")
        raise EngineError(f"this flow has no field '{field_id}'")

    def answer(self, field_id: str, raw: Any) -> Verdict:
        """Check and keep one answer; advice (``warn``) is given once, then the answer stands."""
        spec = self.field(field_id)
        try:
            value = normalise(spec, raw, today=self.today, case=self.case)
        except InvalidAnswer as exc:
            return Verdict(accepted=False, message=str(exc))
        advice = warning_for(spec, value)
        if advice and field_id not in self._warned:
            self._warned.add(field_id)
            return Verdict(accepted=False, message=advice, is_warning=True)
        before = self.answers.get(field_id)
        if value != before:
            self._changes += 1
        if value is None:
            self.answers.pop(field_id, None)
        else:
            self.answers[field_id] = value
        if spec.case_field:
            self._keep_on_case(spec, value)
        if spec.concern is not None:
            self._keep_concern(spec, value is True, was_yes=before is True)
        return Verdict(accepted=True)

    def _keep_on_case(self, spec: FieldSpec, value: Any) -> None:
        """Write an answer back to the case; a group's private rows go to their own key."""
        apart = spec.private_rows
        if apart is None or apart.case_field is None or not isinstance(value, list):
            self.case[spec.case_field] = value  # type: ignore[index]
            return
        private = [row for row in value if matches(row, apart.where)]
        self.case[spec.case_field] = [row for row in value if row not in private] or None  # type: ignore[index]
        self.case[apart.case_field] = private or None

    def _keep_concern(self, spec: FieldSpec, yes: bool, *, was_yes: bool) -> None:
        """A yes keeps the concern on the case; a yes taken back takes it off. A no in a later
        session leaves a concern recorded before: a person takes it off, in the priorities."""
        assert spec.concern is not None
        row = {"behaviour": spec.concern.behaviour, "basket": spec.concern.kind.value}
        concerns = list(self.case.get("concerns") or [])
        if yes and row not in concerns:
            concerns.append(row)
        elif not yes and was_yes and row in concerns:
            concerns.remove(row)
        self.case["concerns"] = concerns or None

    def missing(self) -> list[FieldSpec]:
        """Required fields of the current step that have no answer yet."""
        return [spec for spec in self.fields if spec.required and spec.id not in self.answers]

    def advance(self) -> str:
        if self.is_finished:
            raise EngineError("this flow has finished; there is no next step")
        missing = self.missing()
        if missing:
            raise EngineError(f"please answer '{missing[0].label}' before going on")
        before = self.state
        self._position.trigger("next", self.facts)  # type: ignore[attr-defined]
        if any(
            state == self.state and arrival == self._changes
            for state, arrival in zip([*self.history, before], self._arrivals, strict=True)
        ):
            looped_to = self.state
            self._machine.set_state(before, model=self._position)
            raise EngineError(
                f"this flow comes back to step '{looped_to}' with nothing new answered, so it "
                "would go round for ever; change an answer, or ask whoever wrote the flow to "
                "check its transitions"
            )
        self.history.append(before)
        self._arrivals.append(self._changes)
        return self.state

    @property
    def at_locked_stop(self) -> bool:
        """A stop about abuse, exploitation or an adult hurting the young person."""
        return self.state in self.flow.locked

    def back(self, *, confirmed_safe: bool = False, answer_again: bool = False) -> str:
        """Return to the previous step; its answers stay and are offered again.

        Leaving a safety stop needs ``confirmed_safe``: the caregiver says everyone is safe now.
        A locked stop is never left that way, so one "it was a mistake" press cannot undo it:
        with ``answer_again`` the caregiver goes back to the step that led there and its "yes"
        answers are cleared, so they answer it again.
        """
        if not self.history:
            raise EngineError("this is the first step; there is nothing before it")
        if self.kind is StateKind.END:
            raise EngineError("the plan is already made; edit the plan instead")
        locked = self.at_locked_stop
        if locked and not answer_again:
            raise EngineError("leaving this stop means going back and answering that step again")
        if self.kind is StateKind.SAFETY_STOP and not locked and not confirmed_safe:
            raise EngineError("going back from here needs a confirmation that everyone is safe now")
        self._warned.clear()
        previous = self.retreat()
        if locked:
            for spec in self.flow.block(previous).fields:
                if spec.type == "yes_no" and self.answers.get(spec.id) is True:
                    del self.answers[spec.id]
        return previous

    def retreat(self) -> str:
        """Undo the last ``advance`` from any step, answers kept: for a step whose outcome
        could not be kept (a plan whose template failed)."""
        if not self.history:
            raise EngineError("this is the first step; there is nothing before it")
        previous = self.history.pop()
        self._arrivals.pop()
        self._machine.set_state(previous, model=self._position)
        return previous
