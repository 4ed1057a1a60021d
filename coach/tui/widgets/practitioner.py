"""The practitioner's side panel: notes for this step, session notes, and the flow's map.

Everything here carries the ``practitioner-only`` class: it shows only in practitioner mode,
and one key hides all of it at once (the family may be looking at the screen).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static, TabbedContent, TabPane, TextArea

from coach.services.sessions import Conversation
from coach.step_text import render_text
from coach.tui.failures import shows_mistakes
from coach.tui.widgets.base import PlainTextArea
from coach.tui.widgets.transcript import CoachMessage

SAVE_DELAY = 0.5


class SessionNotes(PlainTextArea):
    """Notes the practitioner types; saved shortly after each change and on leaving."""


class PractitionerPanel(Vertical):
    def __init__(self, conversation: Conversation, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.conversation = conversation
        self._save_timer: Timer | None = None
        self._saved_notes = conversation.notes
        self._notes = self._saved_notes
        self._out_of_date = True

    def compose(self) -> ComposeResult:
        yield Static("Practitioner (F4 hides)", classes="panel-title", markup=False)
        with TabbedContent(initial="tab-step"):
            with TabPane("This step", id="tab-step"), VerticalScroll(classes="step-notes"):
                yield CoachMessage("", id="step-notes")
            with TabPane("Notes", id="tab-notes"):
                yield SessionNotes(
                    self._saved_notes,
                    id="session-notes",
                    soft_wrap=True,
                    placeholder="Session notes (seen only in practitioner mode)",
                )
            with TabPane("Map", id="tab-map"), VerticalScroll():
                yield Static(id="flow-map", markup=False)

    def on_mount(self) -> None:
        self.update_step()

    def on_show(self) -> None:
        if self._out_of_date:
            self.update_step()

    def update_step(self) -> None:
        """The notes and map for the step now; while the panel is hidden (no practitioner
        mode, or F4) this waits until it shows, so no work is done for a panel no one sees."""
        if not self.display:
            self._out_of_date = True
            return
        self._out_of_date = False
        session = self.conversation.session
        notes = render_text(
            session.flow.block(session.state).practitioner,
            session,
            getattr(self.app, "region_code", None),
        )
        self.query_one("#step-notes", CoachMessage).update(
            notes or "*No practitioner notes for this step.*"
        )
        self.query_one("#flow-map", Static).update(self.flow_map())

    def flow_map(self) -> Text:
        session = self.conversation.session
        flow = session.flow
        ahead = set(flow.predicted_path(session.state, session.facts))
        visited = set(session.history)
        text = Text()
        for state in flow.states:
            kind = flow.kinds[state]
            if state == session.state:
                mark, style = "▶", "bold reverse"
            elif state in visited:
                mark, style = "✓", ""
            elif state in ahead:
                mark, style = "·", ""
            else:
                mark, style = " ", "dim"
            extra = f" ({kind})" if kind not in ("question", "info") else ""
            text.append(f"{mark} {state}{extra}\n", style=style)
        text.rstrip()
        return text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._notes = event.text_area.text
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_notes)

    @shows_mistakes
    def save_notes(self) -> None:
        if self._notes != self._saved_notes:
            self.conversation.save_notes(self._notes)
            self._saved_notes = self._notes

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self.save_notes()
