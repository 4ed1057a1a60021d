"""Log an incident: the short form on one screen, keyboard first, done in under 30 seconds.

Type what happened and press Enter; a number and Enter for how bad; y or n for anyone hurt;
ctrl+s saves from anywhere (the day is today unless changed). Each answer's Enter moves to
the next question. Every problem is said under its question at once, and nothing is kept
until all are mended. The same screen corrects an entry: it opens filled in, and saving
keeps the correction as a new revision (the earlier ones stay).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from coach.campaign.incident_form import EntryInvalid
from coach.records import DiaryEntry
from coach.services.campaign import Logged, form_values
from coach.tui.failures import shows_mistakes
from coach.tui.widgets.base import FieldInput, MessageLine
from coach.tui.widgets.inputs import input_for
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.scroll_frame import ScrollFrame


class LogIncidentScreen(Screen[Logged | None]):
    """Dismissed with what was kept (and the guidance to show first), or None."""

    HELP = """\
## Log an incident

A quick note of what happened, for the diary. Only the first three questions are needed.

- Type **what happened** and press **Enter**: the next question comes up.
- **How bad was it?** A number from 0 to 10 (or ←→), then **Enter**.
- **Was anyone hurt?** **y** or **n**.
- **ctrl+s** saves from anywhere. The day is today unless you change it.
- **Tab** and **shift+Tab** move between questions; **Escape** leaves without saving.

If someone was hurt, the coach shows what to do first as soon as it is saved.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, case_id: int, case_name: str, *, entry: DiaryEntry | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_name = case_name
        self.entry = entry
        self._inputs: list[FieldInput] = []
        self._started: dict[str, Any] = {}

    @property
    def services(self) -> Any:
        return self.app.services  # type: ignore[attr-defined]

    def help_markdown(self) -> str:
        return self.HELP

    def case_profile(self) -> dict[str, Any] | None:
        return self.services.cases.profile(self.case_id)  # type: ignore[no-any-return]

    def compose(self) -> ComposeResult:
        today = self.app.today  # type: ignore[attr-defined]
        values = form_values(self.entry.incident) if self.entry else {"day": today.isoformat()}
        title = "Correct a diary entry" if self.entry else "Log an incident"
        yield Static(f"{title} · {self.case_name}", classes="screen-title", markup=False)
        with ScrollFrame(id="log-form"):
            for spec in self.services.campaign.incident_fields:
                widget = input_for(
                    spec,
                    value=values.get(spec.id),
                    choices=list(spec.choices),
                    today=today,
                    case={},
                    id=f"field-{spec.id}",
                )
                self._inputs.append(widget)
                label = Text(spec.label, style="bold")
                if not spec.required:
                    label.append("  optional", style="dim italic")
                with Vertical(classes="log-row", id=f"row-{spec.id}"):
                    yield Static(label, classes="question-label", markup=False)
                    if spec.hint:
                        yield Static(spec.hint, classes="hint", markup=False)
                    yield widget
                    yield MessageLine(id=f"message-{spec.id}")
            with Horizontal(id="log-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        for line in self.query(MessageLine):
            line.display = False
        self._inputs[0].focus_input()
        self._started = self._typed()

    def unsaved_work(self) -> str | None:
        """Quitting now would lose what was typed into the form (kept once it is saved)."""
        return "the incident you were writing down" if self._typed() != self._started else None

    def on_field_input_submitted(self, event: FieldInput.Submitted) -> None:
        """Enter on one question moves to the next; on the last, it saves."""
        event.stop()
        index = self._inputs.index(event.field_input)
        if index + 1 < len(self._inputs):
            self._inputs[index + 1].focus_input()
            self._inputs[index + 1].scroll_visible()
        else:
            self.action_save()

    def _typed(self) -> dict[str, Any]:
        return {widget.spec.id: widget.value for widget in self._inputs}

    @shows_mistakes
    def action_save(self) -> None:
        for line in self.query(MessageLine):
            line.say("")
            line.display = False
        campaign = self.services.campaign
        today = self.app.today  # type: ignore[attr-defined]
        try:
            if self.entry is None:
                logged = campaign.log_incident(self.case_id, self._typed(), today)
            else:
                logged = campaign.correct_incident(self.entry.id, self._typed(), today)
        except EntryInvalid as exc:
            for problem in exc.problems:
                line = self.query_one(f"#message-{problem.field_id}", MessageLine)
                line.say(problem.message)
            first = exc.problems[0].field_id
            widget = next(w for w in self._inputs if w.spec.id == first)
            widget.focus_input()
            widget.scroll_visible()
            return
        if self.entry is not None and logged.entry.revision == self.entry.revision:
            self.notify("Nothing was changed, so nothing new was saved.", markup=False)
            self.dismiss(None)
            return
        self.dismiss(logged)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_leave()

    def action_leave(self) -> None:
        self.dismiss(None)


def after_logging(app: App[Any], logged: Logged | None) -> None:
    """Say what was kept; when someone was hurt, show what to do first, over everything."""
    if logged is None:
        return
    entry = logged.entry
    saved = "Correction saved" if entry.revision > 1 else "Saved in the diary"
    app.notify(f"{saved} (how bad: {entry.incident.severity} out of 10).", markup=False)
    if logged.guidance:
        from coach.tui.screens.guidance_first import GuidanceScreen

        app.push_screen(GuidanceScreen("Someone was hurt: first things first", logged.guidance))


def log_incident(
    app: App[Any], case_id: int, case_name: str, *, entry: DiaryEntry | None = None
) -> None:
    """Open the form (to log, or to correct ``entry``); what follows is ``after_logging``."""
    app.push_screen(
        LogIncidentScreen(case_id, case_name, entry=entry),
        lambda logged: after_logging(app, logged),
    )
