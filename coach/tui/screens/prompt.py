"""Asking for one short piece of text, such as a case name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.base import MessageLine, PlainInput
from coach.tui.widgets.key_bar import KeyBar


class TextPrompt(CoachModal[str]):
    HELP = "Type, then press **Enter** (or choose OK). **Escape** closes without a change."

    def __init__(self, title: str, explanation: str = "", *, value: str = "") -> None:
        super().__init__()
        self.title_text, self.explanation, self.value = title, explanation, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.explanation:
                yield Static(self.explanation, classes="dialog-body", markup=False)
            yield PlainInput(value=self.value, id="prompt-input")
            yield MessageLine(id="prompt-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _finish(self) -> None:
        text = " ".join(self.query_one(Input).value.split())
        if not text:
            self.query_one(MessageLine).say("Please type something first.")
            return
        self.dismiss(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._finish()
        else:
            self.dismiss(None)
