"""The conversation: the coach's messages and the caregiver's answers build up as a transcript,
and the input for the current question sits at the bottom.

This screen holds no flow logic. It drives ``coach.services.sessions.Conversation`` (answer,
advance, back), which saves every answer the moment it is given and makes the plan at the end;
the engine decides the way forward and checks every answer.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Static

from coach.engine import Session
from coach.errors import CoachError
from coach.fields import as_text
from coach.flowformat.content import FieldSpec
from coach.flowformat.machine import StateKind
from coach.services.sessions import Conversation
from coach.step_text import render_text, say
from coach.tui.screens.drafting import KeepsDrafts
from coach.tui.screens.stop_words import leaving
from coach.tui.widgets.base import FieldInput
from coach.tui.widgets.header_line import HeaderLine
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.practitioner import PractitionerPanel
from coach.tui.widgets.question import NEEDS_AN_ANSWER, question_parts
from coach.tui.widgets.transcript import AnswerEntry, CoachMessage, SummaryList, Transcript

MESSAGE = -1  # the "field index" of a coach message in the transcript bookkeeping


class ConversationScreen(KeepsDrafts, Screen[None]):
    BINDINGS = [
        Binding("ctrl+b", "back", "Back"),
        Binding("escape", "back", "Back", show=False),
        Binding("ctrl+l", "skip", "Skip"),
        Binding("ctrl+o", "home", "Home"),
        Binding("pageup", "page(-1)", "Scroll up", show=False),
        Binding("pagedown", "page(1)", "Scroll down", show=False),
    ]

    def __init__(self, conversation: Conversation) -> None:
        super().__init__()
        self.conversation = conversation
        self.field_index = 0
        self._entries: list[tuple[int, int, Widget]] = []
        self._input: FieldInput | None = None
        self._busy = False
        self._notices_shown = 0

    # --- shortcuts ----------------------------------------------------------------------------

    @property
    def session(self) -> Session:
        return self.conversation.session

    @property
    def region_code(self) -> str | None:
        return self.app.region_code  # type: ignore[attr-defined,no-any-return]

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def current_field(self) -> FieldSpec | None:
        return self._input.spec if self._input is not None else None

    def step_in_front(self) -> str:
        """The step shown, for help now (which leads with the lines for adults at the steps
        where the parent has just said they are struggling)."""
        return self.session.state

    def case_profile(self) -> dict[str, Any]:
        return self.session.case

    # --- building -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="conversation-body"):
            with Vertical(id="conversation-main"):
                yield HeaderLine(id="progress")
                yield Transcript(id="transcript")
                yield Vertical(id="dock")
            yield PractitionerPanel(
                self.conversation, id="practitioner-panel", classes="practitioner-only"
            )
        yield KeyBar()

    async def on_mount(self) -> None:
        try:
            await self._show_notices(at_top=True)
            await self._build_transcript()
            await self._show_current()
        except NoMatches:  # the screen was closed while it was still opening
            return

    async def _show_notices(self, *, at_top: bool = False) -> None:
        """What the conversation has to tell (the flow changed, the session is open in another
        window, a name already in use): a notification, and a line in the transcript that
        stays. On resuming they head the transcript; later ones follow the last answer."""
        notices = self.conversation.notices[self._notices_shown :]
        self._notices_shown = len(self.conversation.notices)
        if not notices:
            return
        for notice in notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        widgets = [Static(notice, classes="notice", markup=False) for notice in notices]
        await self.transcript.append(*widgets)
        if not at_top:  # it belongs to the answer just given: going back takes it away too
            depth = len(self.session.history)
            self._entries += [(depth, self.field_index, w) for w in widgets]

    def on_unmount(self) -> None:
        """Leaving the conversation (or the app): keep what was typed and not sent, and let
        other windows know the session is closed here."""
        self.keep_draft()
        with contextlib.suppress(CoachError, sqlite3.Error):  # nothing to lose if it fails
            self.conversation.close()

    def unsaved_work(self) -> str | None:
        """What quitting now would lose: a list being filled in (its entries are kept only
        when it is sent). Typed text is kept as a draft, so it is not counted."""
        widget = self._input
        group = widget is not None and widget.spec.kind.takes_fields
        if group and widget.value != list(widget.initial or []):  # type: ignore[union-attr]
            return "the list you were filling in"
        return None

    def restore_focus(self) -> None:
        """Back to the question (or the step's first button) after something hid a part."""
        if self._input is not None:
            self._input.focus_input()
            return
        for button in self.query("#dock Button"):
            button.focus()
            return

    def _message_widgets(self, state: str, depth: int) -> list[Widget]:
        session = self.session
        kind = session.flow.kinds[state]
        text = say(session, self.region_code, state=state)
        widgets: list[Widget] = []
        if text:
            widgets.append(CoachMessage(text, safety=kind is StateKind.SAFETY_STOP))
        if kind is StateKind.SUMMARY:
            widgets.append(SummaryList(self._summary_rows()))
        self._entries += [(depth, MESSAGE, w) for w in widgets]
        return widgets

    def _summary_rows(self) -> list[tuple[str, str]]:
        fields = self.session.flow.fields
        return [
            (fields[fid].label, as_text(fields[fid], value))
            for fid, value in self.session.path_answers.items()
        ]

    def _answer_widget(self, depth: int, index: int, spec: FieldSpec) -> AnswerEntry:
        entry = AnswerEntry(spec.label, as_text(spec, self.session.answers[spec.id]))
        self._entries.append((depth, index, entry))
        return entry

    async def _build_transcript(self) -> None:
        """On opening (or resuming): the path so far, in one mount."""
        session = self.session
        widgets: list[Widget] = []
        last = len(session.path) - 1
        for depth, state in enumerate(session.path):
            current = depth == last
            widgets += self._message_widgets(state, depth)
            fields = session.flow.block(state).fields
            if current:
                self.field_index = self._resume_index(fields)
            for index, spec in enumerate(fields):
                if current and index >= self.field_index:
                    break
                if spec.id in session.answers:
                    widgets.append(self._answer_widget(depth, index, spec))
        depth = len(session.history)
        to_read = [w for d, i, w in self._entries if d == depth and i == MESSAGE]
        await self.transcript.append(*widgets, read=to_read)

    def _resume_index(self, fields: list[FieldSpec]) -> int:
        """Where to pick up inside a step: just after the last answer given there."""
        answered = [i for i, spec in enumerate(fields) if spec.id in self.session.answers]
        if not answered or self.session.is_finished:
            return 0
        return min(answered[-1] + 1, len(fields) - 1)

    # --- the dock: the current question, or what to do next ------------------------------

    def _update_progress(self) -> None:
        session = self.session
        flow = session.flow
        parts = [flow.content.title]
        if session.kind is StateKind.END:
            parts.append("finished")
        elif session.kind is StateKind.SAFETY_STOP:
            parts.append("stopped for safety")
        else:
            progress = session.progress
            parts.append(f"step {progress.step} of about {progress.total}")
        name = session.case.get("name")
        if name:
            parts.append(str(name))
        self.query_one("#progress", HeaderLine).show(*parts)

    async def _show_current(self) -> None:
        """Put what the current step needs in the dock.

        The new content is mounted and focused before the old is removed, so focus never
        falls back onto the transcript (restyling a long transcript on every step is slow).
        """
        self.keep_draft()  # leaving the question: what was typed there is kept
        session = self.session
        self._update_progress()
        self.query_one(PractitionerPanel).update_step()
        dock = self.query_one("#dock", Vertical)
        old = list(dock.children)
        self._input = None
        fields = session.fields
        kind = session.kind
        dock.set_class(kind is StateKind.SAFETY_STOP, "-safety")
        parts: list[Widget]
        if kind is StateKind.END:
            made = self.conversation
            if made.plan_id is not None:
                first = Button("Open my plan", id="open-plan", variant="primary")
                note = "Your plan is saved. Open it to read it, change it or export it."
            else:
                first = Button("See the charts", id="open-progress", variant="primary")
                note = "Saved. The charts show how the weeks compare."
            if made.incident_id is not None:
                note += " The incident is in the diary too."
            parts = [
                Static(note, classes="dock-note", markup=False),
                Horizontal(first, Button("Home", id="go-home"), classes="dock-buttons"),
            ]
        elif kind is StateKind.SAFETY_STOP:
            first = Button("Home", id="go-home", variant="primary")
            buttons = [first, Button("Help now", id="help-now")]
            way_back = leaving(session.state, locked=session.at_locked_stop)
            note = " ".join(
                part
                for part in (
                    "The coach stops here and makes no plan from this session.",
                    way_back.note,
                    "Nothing you wrote is lost.",
                )
                if part
            )
            if way_back.button is not None:
                buttons.append(Button(way_back.button, id="safe-back"))
            parts = [
                Static(note, classes="dock-note", markup=False),
                Horizontal(*buttons, classes="dock-buttons"),
            ]
        elif self.field_index < len(fields):
            parts, widget = self._question_parts(fields[self.field_index], len(fields))
            await dock.mount(Vertical(*parts, classes="dock-content"))
            self._input = widget
            self.set_focus(widget.focus_target())
        else:
            label = "Save my plan" if kind is StateKind.SUMMARY else "Continue"
            first = Button(label, id="continue", variant="primary")
            parts = [Horizontal(first, classes="dock-buttons")]
        if self._input is None:
            await dock.mount(Vertical(*parts, classes="dock-content"))
            self.set_focus(first)
        if old:
            await dock.remove_children(old)
        self.refresh_bindings()

    def _question_parts(self, spec: FieldSpec, count: int) -> tuple[list[Widget], FieldInput]:
        session = self.session
        drafted = self.conversation.drafts.get(spec.id) if spec.kind.typed else None
        return question_parts(
            spec,
            value=session.prefill(spec) if drafted is None else drafted,
            choices=session.choices(spec),
            today=session.today,
            case=session.case,
            number=self.field_index + 1,
            count=count,
        )

    # --- answering and moving -----------------------------------------------------------------

    async def _accept(self, spec: FieldSpec, raw: Any) -> None:
        verdict = self.conversation.answer(spec.id, raw)
        if not verdict.accepted:
            self._say(verdict.message or "Please check this answer.", warning=verdict.is_warning)
            return
        self._forget_draft()
        if any(missing.id == spec.id for missing in self.session.missing()):
            self._say(NEEDS_AN_ANSWER, needs_answer=True)
            return
        if spec.id in self.session.answers:
            entry = self._answer_widget(len(self.session.history), self.field_index, spec)
            await self.transcript.append(entry)
        await self._show_notices()
        self.field_index += 1
        if self.field_index < len(self.session.fields):
            await self._show_current()
        else:
            await self._advance()

    async def _advance(self) -> None:
        try:
            self.conversation.advance()
        except CoachError as exc:
            self._say(str(exc))
            return
        session = self.session
        self.field_index = 0
        widgets = self._message_widgets(session.state, len(session.history))
        await self.transcript.append(*widgets, read=widgets)
        await self._show_current()
        if session.kind is StateKind.END:
            saved = "Your plan is saved." if self.conversation.plan_id else "Saved."
            self.notify(saved, markup=False)

    def _drop_entries(self, depth: int, from_index: int) -> list[Widget]:
        """Take the transcript back to a point: entries deeper, or later in the same step."""
        dropped = [w for d, i, w in self._entries if d > depth or (d == depth and i >= from_index)]
        self._entries = [
            (d, i, w) for d, i, w in self._entries if d < depth or (d == depth and i < from_index)
        ]
        return dropped

    async def action_back(self) -> None:
        if self._busy:
            return
        session = self.session
        if session.kind is StateKind.END:
            self.notify("Your plan is already saved; open it to change anything.", markup=False)
            return
        if session.kind is StateKind.SAFETY_STOP:
            if session.at_locked_stop:
                self._confirm_answer_again()
            else:
                self._confirm_safe_back()
            return
        self._busy = True
        try:
            if session.fields and self.field_index > 0:
                self.field_index -= 1
                depth = len(session.history)
                await self.transcript.remove_children(self._drop_entries(depth, self.field_index))
                self.transcript.follow()
                await self._show_current()
            elif not session.history:
                self.notify("This is the first step; there is nothing before it.", markup=False)
            else:
                await self._go_back(confirmed_safe=False)
        finally:
            self._busy = False

    async def _go_back(self, *, confirmed_safe: bool, answer_again: bool = False) -> None:
        try:
            self.conversation.back(confirmed_safe=confirmed_safe, answer_again=answer_again)
        except CoachError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        session = self.session
        depth = len(session.history)
        unanswered = [i for i, spec in enumerate(session.fields) if spec.id not in session.answers]
        self.field_index = (
            unanswered[0] if answer_again and unanswered else max(len(session.fields) - 1, 0)
        )
        dropped = self._drop_entries(depth + 1, MESSAGE)
        dropped += self._drop_entries(depth, self.field_index)
        await self.transcript.remove_children(dropped)
        self.transcript.follow()
        await self._show_current()

    def _confirm_safe_back(self) -> None:
        from coach.tui.screens.confirm import ConfirmDialog

        way_back = leaving(self.session.state, locked=False)

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._go_back(confirmed_safe=True)
                self.notify(way_back.notice, markup=False)

        self.app.push_screen(
            ConfirmDialog(way_back.title, way_back.body, yes=way_back.yes, no=way_back.no),
            answered,
        )

    def _confirm_answer_again(self) -> None:
        """A locked stop (abuse, exploitation, an adult hurting the young person) is never
        undone with one press: going back clears the step's "yes" answers to be given again."""
        from coach.tui.screens.confirm import ConfirmDialog

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._go_back(confirmed_safe=False, answer_again=True)

        self.app.push_screen(
            ConfirmDialog(
                "Answer that step again?",
                "Your yes answers on that step are cleared, and you answer them again. If what "
                "you said is true, please stay here and use the help on this page.",
                yes="Go back and answer again",
                no="Stay here",
            ),
            answered,
        )

    def action_home(self) -> None:
        self.keep_draft()
        self.app.go_home()  # type: ignore[attr-defined]

    def action_page(self, direction: int) -> None:
        if direction < 0:
            self.transcript.scroll_page_up(animate=False)
        else:
            self.transcript.scroll_page_down(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.can_skip
        if action == "back":
            return self.session.kind is not StateKind.END
        return True

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id
        if button == "continue":
            if not self._busy:
                self._busy = True
                try:
                    await self._advance()
                finally:
                    self._busy = False
        elif button == "open-plan" and self.conversation.plan_id is not None:
            self.app.open_plan(self.conversation.plan_id)  # type: ignore[attr-defined]
        elif button == "open-progress" and self.conversation.case_id is not None:
            from coach.tui.screens.progress import ProgressScreen

            name = str(self.session.case.get("name") or "")
            self.app.push_screen(ProgressScreen(self.conversation.case_id, name))
        elif button == "go-home":
            self.action_home()
        elif button == "help-now":
            self.app.action_help_now()  # type: ignore[attr-defined]
        elif button == "safe-back":
            self._confirm_safe_back()

    # --- help -----------------------------------------------------------------------------

    def help_markdown(self) -> str:
        session = self.session
        block = session.flow.block(session.state)
        parts = [f"## {session.flow.content.title}"]
        spec = self.current_field
        if spec is not None and spec.help:
            parts.append(
                f"### About this question\n\n{render_text(spec.help, session, self.region_code)}"
            )
        if block.help:
            about = render_text(block.help, session, self.region_code)
            parts.append(f"### About this step\n\n{about}")
        parts.append(
            "### Answering\n\n"
            "- **Enter** sends an answer; in a box of several lines, **ctrl+s** sends and Enter "
            "makes a new line.\n"
            "- **ctrl+b** goes back a question, with your answer filled in; changing it can "
            "change the questions that follow.\n"
            "- **ctrl+l** skips a question marked optional.\n"
            "- **ctrl+o** goes home. Every answer is saved the moment you give it, so you can "
            "stop at any point and carry on later.\n"
            "- **Page Up / Page Down** scroll the conversation."
        )
        return "\n\n".join(parts)

    def practitioner_help(self) -> str | None:
        notes = self.session.flow.block(self.session.state).practitioner
        return render_text(notes, self.session, self.region_code) if notes else None
