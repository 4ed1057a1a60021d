"""A yes/no question before anything that cannot be taken back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.key_bar import KeyBar


class ConfirmDialog(CoachModal[bool]):
    HELP = "Choose a button, or press **y** for the first and **n** (or Escape) for the second."

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str = "",
        *,
        yes: str = "Yes",
        no: str = "Cancel",
        focus_yes: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.title_text, self.body, self.yes, self.no = title, body, yes, no
        self.focus_yes = focus_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#yes" if self.focus_yes else "#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_close(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


def write_unless_kept(app: App[object], target: Path, write: Callable[[bool], None]) -> None:
    """Call ``write(force)``: at once where nothing is in the way, or after asking whether to
    replace a file already there (nothing is written if the person keeps it)."""
    if not target.exists() or target.is_dir():
        write(False)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            write(True)

    app.push_screen(
        ConfirmDialog(
            "Replace the existing file?",
            f"{target} already exists.",
            yes="Replace it",
            no="Keep it",
        ),
        answered,
    )
