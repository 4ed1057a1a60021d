"""Adding or editing one row of a group (e.g. one supporter) in a small form."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from coach.fields import InvalidAnswer, choices_for, normalise, part_missing
from coach.flowformat.content import FieldSpec
from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.base import FieldInput, MessageLine
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.scroll_frame import ScrollFrame


class GroupRowScreen(CoachModal[dict]):
    HELP = (
        "Fill in the boxes; **Enter** moves to the next one. **ctrl+s** (or Save) keeps the "
        "entry, **Escape** closes without keeping it."
    )

    BINDINGS = [Binding("ctrl+s", "save", "Save")]

    def __init__(
        self,
        spec: FieldSpec,
        row: dict[str, Any] | None,
        *,
        today: date,
        case: dict[str, Any],
    ) -> None:
        super().__init__()
        self.spec, self.row, self.today, self.case = spec, row or {}, today, case

    def compose(self) -> ComposeResult:
        from coach.tui.widgets.inputs import input_for

        title = f"{self.spec.label}: {'change this entry' if self.row else 'add an entry'}"
        with Vertical(classes="dialog wide-dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            with ScrollFrame(id="row-fields"):
                for sub in self.spec.fields:
                    label = sub.label + ("" if sub.required else " (optional)")
                    yield Static(label, classes="label", markup=False)
                    if sub.hint:
                        yield Static(sub.hint, classes="hint", markup=False)
                    yield input_for(
                        sub,
                        value=self.row.get(sub.id),
                        choices=choices_for(sub, self.case),
                        today=self.today,
                        case=self.case,
                        id=f"sub-{sub.id}",
                    )
            yield MessageLine(id="row-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self._inputs()[0].focus_input()

    def unsaved_work(self) -> str | None:
        """Quitting now would lose an entry typed here (kept only once it is saved)."""
        typed = any(
            (text := widget.typed_text) is not None and text != widget.start_text
            for widget in self._inputs()
        )
        return "the entry you were adding" if typed else None

    def _inputs(self) -> list[FieldInput]:
        return list(self.query(FieldInput))

    def on_field_input_submitted(self, event: FieldInput.Submitted) -> None:
        event.stop()
        inputs = self._inputs()
        index = inputs.index(event.field_input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus_input()
        else:
            self.action_save()

    def action_save(self) -> None:
        """Check each box as the engine will (coach.fields), then keep the entry."""
        message = self.query_one(MessageLine)
        clean: dict[str, Any] = {}
        for widget in self._inputs():
            sub = widget.spec
            try:
                value = normalise(sub, widget.value, today=self.today, case=self.case)
            except InvalidAnswer as exc:
                message.say(f"{sub.label}: {exc}")
                widget.focus_input()
                return
            if value is None and sub.required:
                message.say(part_missing(sub))
                widget.focus_input()
                return
            if value is not None:
                clean[sub.id] = value
        self.dismiss(clean or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)
