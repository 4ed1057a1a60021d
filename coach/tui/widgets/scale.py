"""A scale: the numbers in a row between its two end labels."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.tui.widgets.base import FieldInput


class ScaleBar(Widget, can_focus=True):
    """``calm  0 1 2 ... 10  out of control``; ←→ or a digit moves, Enter sends."""

    BINDINGS = [
        Binding("left", "move(-1)", "Less", show=False),
        Binding("right", "move(1)", "More", show=False),
        Binding("home", "edge(False)", show=False),
        Binding("end", "edge(True)", show=False),
        Binding("enter", "send", "Choose", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Send(Message):
        pass

    def __init__(
        self, low: int, high: int, low_label: str, high_label: str, value: int | None
    ) -> None:
        super().__init__()
        self.low, self.high = low, high
        self.low_label, self.high_label = low_label, high_label
        self.set_reactive(ScaleBar.value, value)
        self._cells: list[tuple[int, int, int]] = []
        self._typed: int | None = None

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.low_label:
            text.append(self.low_label + "  ", style="dim")
        self._cells = []
        for number in range(self.low, self.high + 1):
            start = len(text)
            chosen = number == self.value
            text.append(f" {number} ", style="reverse bold" if chosen else "")
            self._cells.append((start, len(text), number))
        if self.high_label:
            text.append("  " + self.high_label, style="dim")
        return text

    def get_content_height(self, *_: Any) -> int:
        return 1

    def action_move(self, step: int) -> None:
        if self.value is None:
            self.value = self.low if step > 0 else self.high
        else:
            self.value = min(self.high, max(self.low, self.value + step))

    def action_edge(self, high: bool) -> None:
        self.value = self.high if high else self.low

    def action_send(self) -> None:
        self.post_message(self.Send())

    def on_key(self, event: events.Key) -> None:
        """Digits choose directly; two digits in a row make 10 and up."""
        character = event.character
        if not character or not character.isdigit():
            self._typed = None
            return
        number = int(character)
        if self._typed is not None and self.low <= self._typed * 10 + number <= self.high:
            number = self._typed * 10 + number
        if self.low <= number <= self.high:
            self.value = number
            event.stop()
        self._typed = number if number > 0 and number * 10 <= self.high else None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, number in self._cells:
            if start <= offset.x < end:
                self.value = number
                self.post_message(self.Send())
                return


class ScaleInput(FieldInput):
    answers = "scale"

    def compose(self) -> ComposeResult:
        low = self.spec.min if self.spec.min is not None else 0
        high = self.spec.max if self.spec.max is not None else 10
        value = self.initial if isinstance(self.initial, int) else None
        yield ScaleBar(low, high, self.spec.min_label or "", self.spec.max_label or "", value)

    @property
    def value(self) -> Any:
        return self.query_one(ScaleBar).value

    @property
    def keys_hint(self) -> str:
        return "←→ or a number, then Enter"

    def on_scale_bar_send(self, event: ScaleBar.Send) -> None:
        event.stop()
        self.submit()
