"""A repeatable list of records (e.g. supporters): add, edit and remove rows, then send."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from coach.fields import as_text
from coach.tui.widgets.base import FieldInput


def row_text(spec: Any, row: dict[str, Any]) -> str:
    return " · ".join(as_text(sub, row[sub.id]) for sub in spec.fields if sub.id in row)


class RowList(OptionList):
    BINDINGS = [Binding("enter", "select", "Edit", show=False)]


class GroupEditor(FieldInput):
    """Rows shown one a line; a small dialog adds or edits one row at a time."""

    answers = "group"

    BINDINGS = [
        Binding("a", "add", "Add", show=False),
        Binding("e", "edit", "Edit", show=False),
        Binding("d,delete", "remove", "Remove", show=False),
        Binding("ctrl+s", "done", "Done", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[dict[str, Any]] = [dict(r) for r in self.initial or []]

    def compose(self) -> ComposeResult:
        yield RowList(markup=False)
        yield Static(
            "Nothing added yet. Press a (or the Add button) to add the first.",
            classes="empty group-empty",
            markup=False,
        )
        with Horizontal(classes="group-buttons"):
            yield Button("Add", id="group-add")
            yield Button("Edit", id="group-edit")
            yield Button("Remove", id="group-remove")
            yield Button("Done", id="group-done", variant="primary")

    def on_mount(self) -> None:
        self._refresh_rows()

    def _refresh_rows(self, highlight: int | None = None) -> None:
        rows = self.query_one(RowList)
        rows.set_options(
            Option(Text(f"{n}. {row_text(self.spec, row)}"), id=f"row{n}")
            for n, row in enumerate(self.rows, start=1)
        )
        rows.display = bool(self.rows)
        self.query_one(".group-empty").display = not self.rows
        self.query_one("#group-edit").disabled = not self.rows
        self.query_one("#group-remove").disabled = not self.rows
        if self.rows:
            rows.highlighted = min(highlight if highlight is not None else 0, len(self.rows) - 1)

    def focus_target(self) -> Widget:
        if self.rows:
            return self.query_one(RowList)
        return self.query_one("#group-add", Button)

    @property
    def value(self) -> Any:
        return [dict(r) for r in self.rows]

    @property
    def keys_hint(self) -> str:
        return "a adds, Enter edits, d removes, ctrl+s when done"

    def _selected(self) -> int | None:
        index = self.query_one(RowList).highlighted
        return index if self.rows and index is not None else None

    def action_add(self) -> None:
        self._open_row(None)

    def action_edit(self) -> None:
        index = self._selected()
        if index is not None:
            self._open_row(index)

    def _open_row(self, index: int | None) -> None:
        from coach.tui.screens.group_row import GroupRowScreen

        def saved(row: dict[str, Any] | None) -> None:
            if not row:
                self.focus_input()
                return
            if index is None:
                self.rows.append(row)
            else:
                self.rows[index] = row
            self._refresh_rows(len(self.rows) - 1 if index is None else index)
            self.query_one(RowList).focus()
            self.edited()

        row = self.rows[index] if index is not None else None
        self.app.push_screen(
            GroupRowScreen(self.spec, row, today=self.today, case=self.case), saved
        )

    def action_remove(self) -> None:
        index = self._selected()
        if index is None:
            return
        from coach.tui.screens.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                del self.rows[index]
                self._refresh_rows(index)
                self.edited()
            self.focus_input()

        self.app.push_screen(
            ConfirmDialog(
                "Remove this entry?",
                row_text(self.spec, self.rows[index]),
                yes="Remove",
                no="Keep it",
            ),
            answered,
        )

    def action_done(self) -> None:
        self.submit()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open_row(event.option_index)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "group-add": self.action_add,
            "group-edit": self.action_edit,
            "group-remove": self.action_remove,
            "group-done": self.action_done,
        }
        actions[event.button.id or ""]()
