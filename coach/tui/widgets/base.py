"""What every answer widget shares: the field it answers, its value, and a Submitted message.

The widgets collect what was typed or picked and hand it to the engine unchanged; the engine
checks and normalises it (coach.fields), and the screen shows its verdict.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

if TYPE_CHECKING:
    from coach.flowformat.content import Choice, FieldSpec


def blink_enabled(widget: Widget) -> bool:
    """Snapshot tests switch the cursor blink off for the whole app."""
    return bool(getattr(widget.app, "cursor_blink", True))


class PlainInput(Input):
    """A one-line input that follows the app's cursor-blink setting."""

    def on_mount(self) -> None:
        self.cursor_blink = blink_enabled(self)


class PlainTextArea(TextArea):
    """A multi-line text box that follows the app's cursor-blink setting."""

    def on_mount(self) -> None:
        self.cursor_blink = blink_enabled(self)

    def render_lines(self, crop: Region) -> list[Strip]:
        # When questions change quickly (answering or going back fast), a text box can be
        # asked to draw in the moment before its component styles exist (or after they are
        # gone); TextArea then raises KeyError. Draw blank once and ask to be drawn again.
        try:
            return super().render_lines(crop)
        except KeyError:
            self.refresh()
            return [Strip.blank(crop.width)] * crop.height


class FieldInput(Widget):
    """Base class of the answer widgets, one per field type: a subclass that names the type
    it ``answers`` is the input for that type (``coach.tui.widgets.inputs`` finds it)."""

    can_focus = False
    answers: ClassVar[str | None] = None
    _answering: ClassVar[dict[str, type[FieldInput]]] = {}

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        if "answers" in cls.__dict__ and cls.answers is not None:
            FieldInput._answering[cls.answers] = cls

    @staticmethod
    def answering() -> dict[str, type[FieldInput]]:
        """The widget for each field type, of the widget modules imported so far."""
        return dict(FieldInput._answering)

    class Submitted(Message):
        """The person has finished this answer (Enter, a pick, or the named send key)."""

        def __init__(self, field_input: FieldInput) -> None:
            super().__init__()
            self.field_input = field_input

        @property
        def control(self) -> FieldInput:
            return self.field_input

    class Edited(Submitted):
        """The answer changed in a way no text box reports (a tick, a row added)."""

    def __init__(
        self,
        spec: FieldSpec,
        *,
        value: Any = None,
        choices: list[Choice] | None = None,
        today: date | None = None,
        case: dict[str, Any] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.spec = spec
        self.initial = value
        self.choices = list(choices if choices is not None else spec.choices)
        self.today = today or date.today()
        self.case = case or {}

    @property
    def value(self) -> Any:
        """The answer as given, for the engine to check (None when nothing was given)."""
        raise NotImplementedError

    @property
    def keys_hint(self) -> str:
        """A short line on how to answer with the keyboard, shown under the question.

        It is the one place these keys are named: the answer widgets keep their bindings out
        of the key bar, so the bar (with F2, Help now) stays the same from question to
        question and is not rebuilt for each one."""
        return "Enter to go on"

    @property
    def typed_text(self) -> str | None:
        """The text in the box now, for an answer that is typed (None for one that is
        picked): kept as a draft until it is sent."""
        return None

    @property
    def start_text(self) -> str:
        """The text the box started with (an earlier answer, a draft, or nothing)."""
        return "" if self.initial is None else str(self.initial)

    def focus_target(self) -> Widget | None:
        """The part that takes the keyboard first."""
        for widget in self.query("*"):
            if widget.focusable:
                return widget
        return None

    def focus_input(self) -> None:
        target = self.focus_target()
        if target is not None:
            target.focus()

    def submit(self) -> None:
        self.post_message(self.Submitted(self))

    def edited(self) -> None:
        self.post_message(self.Edited(self))


class MessageLine(Static):
    """One line under an input for the engine's verdict: an error, or advice (a warning)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="message", markup=False)

    def say(self, text: str, *, warning: bool = False) -> None:
        self.update(text)
        self.display = bool(text)
        self.set_class(not warning, "-error")
        self.set_class(warning, "-warning")


class OneLineInput(FieldInput):
    """An answer typed on one line: the text as typed goes to the engine, Enter sends it."""

    @property
    def value(self) -> Any:
        return self.query_one(Input).value

    @property
    def typed_text(self) -> str | None:
        return str(self.query_one(Input).value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()
