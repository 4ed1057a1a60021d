"""Editing a plan the way a parent reads it: one section at a time, chosen from a list of
its headings, with list marks and tick boxes shown as text (see ``coach.plan_sections``).

The Markdown stays underneath: what is left alone is saved exactly as it was, and "My notes"
at the end of the list adds a section of the parent's own.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.plan_sections import MY_NOTES, Section, edited, joined, sections
from coach.tui.widgets.base import PlainTextArea

HINT = (
    "Tab: the list of sections. ☐ is a box to tick: type [x] in its place. "
    "ctrl+s saves the plan; Escape stops."
)


class PlanEditor(PlainTextArea):
    """The text of the section being edited."""

    BINDINGS = [
        Binding("ctrl+s", "screen.save_edit", "Save"),
        Binding("escape", "screen.cancel_edit", "Cancel"),
    ]


class SectionList(OptionList):
    BINDINGS = [
        Binding("ctrl+s", "screen.save_edit", "Save", show=False),
        Binding("escape", "screen.cancel_edit", "Cancel", show=False),
    ]


class SectionEditor(Horizontal):
    """The sections on the left, the chosen one's text on the right."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[Section] = []
        self.texts: dict[int, str] = {}
        self.index = 0
        self.new_notes = False  # "My notes" is offered, not yet in the plan

    def compose(self) -> ComposeResult:
        yield SectionList(id="sections", markup=False)
        with Vertical(id="section-pane"):
            yield Static(id="section-title", markup=False)
            yield PlanEditor("", id="plan-editor", soft_wrap=True, tab_behavior="focus")
            yield Static(HINT, id="section-hint", classes="hint", markup=False)

    def load(self, body: str) -> None:
        """Start editing ``body`` (a plan's Markdown) at its first section."""
        self.parts = sections(body)
        self.new_notes = not any(part.title == MY_NOTES for part in self.parts[1:])
        if self.new_notes:
            self.parts.append(Section(MY_NOTES, f"## {MY_NOTES}", ()))
        self.texts = {}
        options = self.query_one(SectionList)
        options.set_options(
            Option(Text(part.title), id=f"section-{n}") for n, part in enumerate(self.parts)
        )
        self.index = 0
        options.highlighted = 0
        self._show(0)

    @property
    def text_box(self) -> PlanEditor:
        return self.query_one(PlanEditor)

    def choose(self, index: int) -> None:
        """Move to another section; what was typed in this one is kept for the save."""
        if index == self.index or not 0 <= index < len(self.parts):
            return
        self.texts[self.index] = self.text_box.text
        self.index = index
        self._show(index)

    def _show(self, index: int) -> None:
        part = self.parts[index]
        count = len(self.parts)
        self.query_one("#section-title", Static).update(
            Text.assemble((part.title, "bold"), (f"  section {index + 1} of {count}", "dim"))
        )
        self.text_box.load_text(self.texts.get(index, part.shown))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.choose(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)
        self.text_box.focus()

    def _edited_parts(self) -> list[Section]:
        texts = {**self.texts, self.index: self.text_box.text}
        return [edited(part, texts[n]) if n in texts else part for n, part in enumerate(self.parts)]

    @property
    def changed(self) -> list[int]:
        """The sections whose text differs from what was loaded."""
        texts = {**self.texts, self.index: self.text_box.text}
        return [n for n, text in texts.items() if text != self.parts[n].shown]

    def markdown(self) -> str:
        """The whole plan as Markdown, with the edits; "My notes" is added only when
        something was written in it, set apart by blank lines."""
        parts = self._edited_parts()
        if self.new_notes:
            notes = parts.pop()
            if any(line.strip() for line in notes.lines):
                last = parts[-1]
                parts[-1] = Section(last.title, last.heading, (*last.lines, ""))
                parts.append(Section(notes.title, notes.heading, ("", *notes.lines)))
        return joined(parts)
