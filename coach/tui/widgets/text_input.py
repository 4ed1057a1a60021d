"""Text answers: one line (Enter sends) and several lines (a named key sends)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message

from coach.tui.widgets.base import FieldInput, OneLineInput, PlainInput, PlainTextArea

SEND_KEY = "ctrl+s"


class TextInput(OneLineInput):
    """A single line of text."""

    answers = "text"

    def compose(self) -> ComposeResult:
        yield PlainInput(
            value="" if self.initial is None else str(self.initial),
            placeholder=f"e.g. {self.spec.example}" if isinstance(self.spec.example, str) else "",
            select_on_focus=False,
        )


class LongTextArea(PlainTextArea):
    """A text box where Enter makes a new line and ctrl+s sends the answer."""

    BINDINGS = [Binding(SEND_KEY, "send", "Send", show=False)]

    class Send(Message):
        pass

    def action_send(self) -> None:
        self.post_message(self.Send())


class LongTextInput(FieldInput):
    """Several lines of text; the footer names the key that sends it."""

    answers = "long_text"

    def compose(self) -> ComposeResult:
        yield LongTextArea(
            "" if self.initial is None else str(self.initial),
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            tab_behavior="focus",
            placeholder=f"e.g. {self.spec.example}" if isinstance(self.spec.example, str) else "",
        )

    def on_mount(self) -> None:
        area = self.query_one(LongTextArea)
        area.move_cursor(area.document.end)

    @property
    def value(self) -> Any:
        return self.query_one(LongTextArea).text

    @property
    def typed_text(self) -> str | None:
        return self.query_one(LongTextArea).text

    @property
    def keys_hint(self) -> str:
        return "Enter makes a new line; ctrl+s sends"

    def on_long_text_area_send(self, event: LongTextArea.Send) -> None:
        event.stop()
        self.submit()
