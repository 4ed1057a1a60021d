"""Guidance that comes first: shown over everything as soon as a diary entry says someone
was hurt, before the person goes on (what to do about injuries, keeping a record, calling
for help, the region's lines)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Markdown, Static

from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.key_bar import KeyBar


class GuidanceScreen(CoachModal[None]):
    HELP = (
        "What to do first. Read it with ↑↓; **Escape** or the button goes on. **F2** shows "
        "help now from anywhere in the coach."
    )

    def __init__(self, title: str, markdown: str) -> None:
        super().__init__()
        self.title_text = title
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog safety-dialog", id="guidance-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(id="guidance-scroll"):
                yield Markdown(self.markdown, id="guidance-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("I have read this", id="close", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#guidance-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
