"""One question in the dock: its label, hint, answer widget, message line and keys line.

The conversation and the follow-up ("how did it go?") ask their fields the same way.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from coach.errors import CoachError
from coach.flowformat.content import Choice, FieldSpec
from coach.tui.widgets.base import FieldInput, MessageLine
from coach.tui.widgets.choice import offers_other
from coach.tui.widgets.inputs import input_for

NEEDS_AN_ANSWER = "This one needs an answer before we go on."
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def hint_text(spec: FieldSpec, choices: list[Choice]) -> str | None:
    """The flow's hint; with nothing to choose from yet (no supporters on the case, say),
    without its sentences that say to choose: the box then says what to type."""
    if not spec.hint or choices or not offers_other(spec):
        return spec.hint
    kept = [
        sentence
        for sentence in _SENTENCE_END.split(spec.hint.strip())
        if not sentence.casefold().startswith("choose")
    ]
    return " ".join(kept) or None


def question_parts(
    spec: FieldSpec,
    *,
    value: Any,
    choices: list[Choice],
    today: date,
    case: dict[str, Any],
    number: int = 1,
    count: int = 1,
) -> tuple[list[Widget], FieldInput]:
    """The widgets to mount for ``spec`` (question ``number`` of ``count`` here), and the
    answer widget among them."""
    label = Text(spec.label, style="bold")
    if count > 1:
        label.append(f"  ({number} of {count})", style="dim")
    if not spec.required:
        label.append("  optional", style="dim italic")
    widget = input_for(spec, value=value, choices=choices, today=today, case=case, id="answer")
    parts: list[Widget] = [Static(label, classes="question-label", markup=False)]
    hint = hint_text(spec, choices)
    if hint:
        parts.append(Static(hint, classes="hint", markup=False))
    parts += [
        widget,
        MessageLine(id="message"),
        Static(
            widget.keys_hint + ("" if spec.required else "; ctrl+l skips"),
            classes="keys-hint",
            markup=False,
        ),
    ]
    return parts, widget


class AsksOneQuestion:
    """What a screen that asks one question at a time does with a submitted answer.

    The conversation and the follow-up both keep the current input in ``_input``, refuse a
    second submission while one is being handled, skip an optional question with ctrl+l, and
    show a verdict under the input. A "needs an answer" line goes as soon as an answer is
    being given (typed, ticked, a row added).
    """

    _input: FieldInput | None
    _busy: bool
    _needs_answer_shown: bool = False
    MESSAGE_LINE = "MessageLine"

    def on_input_changed(self, event: Input.Changed) -> None:
        self._answer_changed()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._answer_changed()

    def on_field_input_edited(self, event: FieldInput.Edited) -> None:
        event.stop()
        self._answer_changed()

    def _answer_changed(self) -> None:
        """Something was typed or picked for the current question."""
        if self._needs_answer_shown:
            self._needs_answer_shown = False
            for line in self.query(self.MESSAGE_LINE):  # type: ignore[attr-defined]
                line.say("")

    @property
    def current_field(self) -> FieldSpec | None:
        raise NotImplementedError

    @property
    def current_input(self) -> FieldInput | None:
        """The widget answering the current question (None on a step without questions)."""
        return self._input

    @property
    def busy(self) -> bool:
        """An answer, a step back or Continue is being carried out; keys wait for it."""
        return self._busy

    @property
    def can_skip(self) -> bool:
        spec = self.current_field
        return spec is not None and not spec.required

    async def on_field_input_submitted(self, event: FieldInput.Submitted) -> None:
        event.stop()
        if event.field_input is self._input:
            await self._answer(event.field_input.spec, event.field_input.value)

    async def action_skip(self) -> None:
        spec = self.current_field
        if spec is not None and self.can_skip:
            await self._answer(spec, None)

    async def _answer(self, spec: FieldSpec, raw: Any) -> None:
        """One answer at a time; what it changes on screen is drawn in one go."""
        if self._busy:
            return
        self._busy = True
        try:
            with self.app.batch_update():  # type: ignore[attr-defined]
                await self._accept(spec, raw)
        except CoachError as exc:  # the answer could not be kept (e.g. a full disk): say so
            self._say(str(exc))
        finally:
            self._busy = False

    async def _accept(self, spec: FieldSpec, raw: Any) -> None:
        raise NotImplementedError

    def _say(self, message: str, *, warning: bool = False, needs_answer: bool = False) -> None:
        """A verdict on the answer, in place under it; what was typed stays. A line saying
        the question ``needs_answer`` goes once something is typed or picked."""
        self._needs_answer_shown = needs_answer
        lines = self.query(self.MESSAGE_LINE)  # type: ignore[attr-defined]
        if not lines:
            self.notify(  # type: ignore[attr-defined]
                message, severity="warning" if warning else "error", markup=False
            )
            return
        lines.first(MessageLine).say(message, warning=warning)
        if self._input is not None:
            self._input.focus_input()
