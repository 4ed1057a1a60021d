"""Yes or no: two buttons, or the y and n keys."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button

from coach.tui.widgets.base import FieldInput


class YesNoInput(FieldInput):
    answers = "yes_no"

    BINDINGS = [
        Binding("y", "choose(True)", "Yes", show=False),
        Binding("n", "choose(False)", "No", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chosen: bool | None = self.initial if isinstance(self.initial, bool) else None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="yes-no"):
            yield Button("Yes", id="yes", classes="-chosen" if self._chosen is True else "")
            yield Button("No", id="no", classes="-chosen" if self._chosen is False else "")

    def focus_target(self) -> Widget:
        return self.query_one("#no" if self._chosen is False else "#yes", Button)

    @property
    def value(self) -> Any:
        return self._chosen

    @property
    def keys_hint(self) -> str:
        return "y or n, or ←→ and Enter"

    def action_choose(self, answer: bool) -> None:
        self._chosen = answer
        for button in self.query(Button):
            button.set_class(button.id == ("yes" if answer else "no"), "-chosen")
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(event.button.id == "yes")
