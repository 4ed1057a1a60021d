"""After the action: "how did it go?", asked one question at a time, kept with the plan.

The flow's ``follow_up`` block says a few words and asks its fields with the same widgets as
the conversation. Each answer is checked as it is given (coach.fields); at the end
the plans use case stores the answers and adds a revision of the plan with a section "How it
went". Dismissed with that revision's number, or None when left.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Static

from coach.errors import CoachError
from coach.fields import InvalidAnswer, as_text, choices_for, normalise
from coach.flowformat.content import FieldSpec, FollowUpSpec
from coach.flowformat.flow import Flow
from coach.follow_up import COPING_QUESTION, SAFETY_QUESTIONS, follow_up_spec
from coach.plan_text import plan_context
from coach.records import PlanRecord
from coach.templating import render
from coach.tui.widgets.base import FieldInput, MessageLine
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.question import NEEDS_AN_ANSWER, AsksOneQuestion, question_parts
from coach.tui.widgets.transcript import AnswerEntry, CoachMessage, Transcript


class FollowUpScreen(AsksOneQuestion, Screen[int]):
    MESSAGE_LINE = "#dock MessageLine"
    HELP = """\
## How did it go?

A few questions about how it went, one at a time. When you have answered them, **Add to my
plan** keeps your answers and adds a section "How it went" to the plan, as a new revision (the
earlier revisions are kept).

- **Enter** sends an answer; in a box of several lines, **ctrl+s** sends.
- **ctrl+b** goes back a question, with your answer filled in.
- **ctrl+l** skips a question marked optional.
- **Escape** goes back to the plan. Nothing is kept until you choose **Add to my plan**.
"""

    BINDINGS = [
        Binding("ctrl+b", "back", "Back"),
        Binding("ctrl+l", "skip", "Skip"),
        Binding("escape", "leave", "Close"),
    ]

    def __init__(self, flow: Flow, plan: PlanRecord, case: dict[str, Any], today: date) -> None:
        super().__init__()
        self.flow = flow
        self.plan = plan
        self.case = case
        self.today = today
        self.spec: FollowUpSpec = follow_up_spec(flow)
        self.index = 0
        self.answers: dict[str, Any] = {}
        self._entries: dict[str, AnswerEntry] = {}
        self._input: FieldInput | None = None
        self._busy = False

    @property
    def fields(self) -> list[FieldSpec]:
        return self.spec.fields

    @property
    def current_field(self) -> FieldSpec | None:
        return self.fields[self.index] if self.index < len(self.fields) else None

    def case_profile(self) -> dict[str, Any]:
        return self.case

    def compose(self) -> ComposeResult:
        yield Static(id="progress", markup=False)
        yield Transcript(id="transcript")
        yield Vertical(id="dock")
        yield KeyBar()

    def _rendered(self, text: str) -> str:
        """A template of the block, in the sandbox, with the plan's answers and the case."""
        region = self.app.region_code  # type: ignore[attr-defined]
        context = plan_context(self.flow, self.plan.answers, self.case, self.today, region)
        return render(text, context).strip()

    async def on_mount(self) -> None:
        text = self._rendered(self.spec.say)
        try:
            if text:
                await self.query_one(Transcript).mount(CoachMessage(text))
            await self._show_current()
        except NoMatches:  # closed while it was still opening
            return

    # --- the dock -------------------------------------------------------------------------

    def _update_progress(self) -> None:
        parts = ["How did it go?", self.plan.title]  # the question's label counts them
        if self.index >= len(self.fields):
            parts.append("ready to add to the plan")
        self.query_one("#progress", Static).update(" · ".join(parts))

    async def _show_current(self) -> None:
        """The current question, or (after the last) the button that adds it to the plan."""
        self._update_progress()
        dock = self.query_one("#dock", Vertical)
        old = list(dock.children)
        spec = self.current_field
        self._input = None
        first: Widget
        if spec is not None:
            parts, widget = question_parts(
                spec,
                value=self.answers.get(spec.id),
                choices=choices_for(spec, self.case),
                today=self.today,
                case=self.case,
                number=self.index + 1,
                count=len(self.fields),
            )
            self._input = widget
            await dock.mount(Vertical(*parts, classes="dock-content"))
            target = widget.focus_target()
            if target is not None:
                self.set_focus(target)
        else:
            first = Button("Add to my plan", id="follow-up-save", variant="primary")
            parts = [
                Static(
                    "That is all. Add your answers to the plan as a section "
                    '"How it went"? The earlier revisions are kept.',
                    classes="dock-note",
                    markup=False,
                ),
                MessageLine(id="message"),
                Horizontal(
                    first, Button("Back to the plan", id="follow-up-close"), classes="dock-buttons"
                ),
            ]
            await dock.mount(Vertical(*parts, classes="dock-content"))
            self.set_focus(first)
        if old:
            await dock.remove_children(old)
        self.refresh_bindings()

    # --- answering and moving ---------------------------------------------------------------

    async def _accept(self, spec: FieldSpec, raw: Any) -> None:
        try:
            value = normalise(spec, raw, today=self.today, case=self.case)
        except InvalidAnswer as exc:
            self._say(str(exc))
            return
        if value is None and spec.required:
            self._say(NEEDS_AN_ANSWER, needs_answer=True)
            return
        self.answers.pop(spec.id, None)
        old = self._entries.pop(spec.id, None)
        if old is not None:
            await old.remove()
        if value is not None:
            self.answers[spec.id] = value
            entry = AnswerEntry(spec.label, as_text(spec, value))
            self._entries[spec.id] = entry
            await self.query_one(Transcript).append(entry)
        self.index += 1
        await self._show_current()
        if spec.id in SAFETY_QUESTIONS and value is True:
            self.app.action_help_now()  # type: ignore[attr-defined]
        elif spec.id == COPING_QUESTION and value is True:
            note = CoachMessage(self._rendered('{% include "coping_steps" %}'))
            await self.query_one(Transcript).append(note, read=[note])

    async def action_back(self) -> None:
        if self._busy:
            return
        if self.index == 0:
            self.action_leave()
            return
        self._busy = True
        try:
            self.index -= 1
            spec = self.fields[self.index]
            entry = self._entries.pop(spec.id, None)
            if entry is not None:
                await entry.remove()
            await self._show_current()
        finally:
            self._busy = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_skip if action == "skip" else True

    def _save(self) -> None:
        plans = self.app.services.plans  # type: ignore[attr-defined]
        try:
            revision = plans.follow_up(self.plan.id, self.answers, self.today)
        except CoachError as exc:
            self._say(str(exc))
            return
        self.dismiss(revision)

    def unsaved_work(self) -> str | None:
        """Quitting now would lose the answers given here (they are kept when saved)."""
        return "your answers about how it went" if self.answers else None

    def action_leave(self) -> None:
        if not self.answers:
            self.dismiss(None)
            return
        from coach.tui.screens.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Go back to the plan without adding this?",
                "The answers you gave here are not kept.",
                yes="Leave without adding",
                no="Stay here",
            ),
            answered,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "follow-up-save":
            self._save()
        elif event.button.id == "follow-up-close":
            self.action_leave()

    def help_markdown(self) -> str:
        spec = self.current_field
        if spec is not None and spec.help:
            return f"{self.HELP}\n### About this question\n\n{self._rendered(spec.help)}"
        return self.HELP
