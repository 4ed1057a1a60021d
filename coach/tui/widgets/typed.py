"""Answers typed in a fixed form: numbers, lengths of time, dates and times.

The format is shown beside the box; the engine checks what was typed and says what it needs.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from coach.fields import InvalidAnswer, date_format_hint, format_date, normalise
from coach.tui.widgets.base import OneLineInput, PlainInput
from coach.tui.wording import duration_text


class TypedInput(OneLineInput):
    FORMAT: ClassVar[str] = ""
    PLACEHOLDER: ClassVar[str] = ""

    def shown(self, value: Any) -> str:
        return "" if value is None else str(value)

    @property
    def start_text(self) -> str:
        return self.shown(self.initial)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="typed-row"):
            yield PlainInput(
                value=self.shown(self.initial),
                placeholder=self.PLACEHOLDER,
                select_on_focus=False,
                classes="typed-input",
            )
            yield Static(self.FORMAT, classes="format", markup=False)


class NumberInput(TypedInput):
    answers = "number"

    FORMAT = "a number, e.g. 3"
    PLACEHOLDER = "3"

    def on_mount(self) -> None:
        low, high = self.spec.min, self.spec.max
        if low is not None and high is not None:
            self.query_one(".format", Static).update(f"a number from {low} to {high}")


class DurationInput(TypedInput):
    answers = "duration"

    FORMAT = "minutes or hours: 30m, 45, 1h30m"
    PLACEHOLDER = "30m"

    def shown(self, value: Any) -> str:
        return duration_text(value) if isinstance(value, int) else super().shown(value)


class DateInput(TypedInput):
    answers = "date"

    PLACEHOLDER = "YYYY-MM-DD"

    def on_mount(self) -> None:
        self.query_one(".format", Static).update(date_format_hint(self.spec))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say the date in words as it is typed, so a slip shows before it is sent."""
        label = self.query_one(".format", Static)
        try:
            iso = normalise(self.spec, event.value, today=self.today)
        except InvalidAnswer:
            iso = None
        label.update(format_date(iso) if iso else date_format_hint(self.spec))


class TimeInput(TypedInput):
    answers = "time"

    FORMAT = "HH:MM, e.g. 19:30"
    PLACEHOLDER = "HH:MM"
