"""Picking answers: one choice, or several, each optionally with "something else" to write."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.widgets.selection_list import Selection

from coach.flowformat.content import FieldSpec
from coach.tui.widgets.base import FieldInput, PlainInput

OTHER = "\x00other"
OTHER_LABEL = "Something else (write your own)"
OTHER_SEPARATOR = ";"
NAME_LISTS = frozenset({"adults", "supporters", "contacts", "phone_list"})


def offers_other(spec: FieldSpec) -> bool:
    """Whether a person may write their own answer: ``other: true``, or choices drawn from
    the case (the engine takes any name or behaviour there, listed or not)."""
    return spec.other or spec.choices_from is not None


def own_answer_placeholder(spec: FieldSpec, *, several: bool = False) -> str:
    """What the box says when there is nothing to choose from yet: the field's example, or
    a neutral prompt (a name for the case's lists of people)."""
    if isinstance(spec.example, str) and spec.example.strip():
        text = f"e.g. {spec.example}"
    elif spec.choices_from in NAME_LISTS:
        text = "Type a name"
    else:
        text = "Type your own answer"
    return f"{text} (separate several with {OTHER_SEPARATOR})" if several else text


class OtherInput(PlainInput):
    """The box for "something else"; Escape closes it and returns to the list."""

    BINDINGS = [Binding("escape", "close", "Close box", show=False)]

    class Closed(Message):
        pass

    def action_close(self) -> None:
        self.post_message(self.Closed())


class ChoiceList(OptionList):
    """The options; Enter (or a click) picks the highlighted one.

    The list lights its first option before anyone looks at it, so that light alone is not
    a choice: ``moved`` says the person moved it (a dialog's Save then keeps that option)."""

    BINDINGS = [Binding("enter", "select", "Choose", show=False)]

    moved = False

    def action_cursor_up(self) -> None:
        self.moved = True
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        self.moved = True
        super().action_cursor_down()

    def action_first(self) -> None:
        self.moved = self.is_mounted  # the list lights its first option itself when made
        super().action_first()

    def action_last(self) -> None:
        self.moved = True
        super().action_last()

    def action_page_up(self) -> None:
        self.moved = True
        super().action_page_up()

    def action_page_down(self) -> None:
        self.moved = True
        super().action_page_down()


class ChoiceInput(FieldInput):
    """One choice from a list; "something else" opens a text box."""

    answers = "choice"
    _chosen = False

    def _options(self) -> list[Option]:
        options = [Option(Text(c.label), id=f"c{i}") for i, c in enumerate(self.choices)]
        if offers_other(self.spec):
            options.append(Option(Text(OTHER_LABEL), id="other"))
        return options

    @property
    def free_text_only(self) -> bool:
        """A list drawn from the case (e.g. supporters) with no entries yet: type one."""
        return not self.choices and offers_other(self.spec)

    def compose(self) -> ComposeResult:
        known = {c.value for c in self.choices}
        other_text = (
            str(self.initial) if self.initial is not None and self.initial not in known else ""
        )
        if not self.free_text_only:
            yield ChoiceList(*self._options(), markup=False)
        box = OtherInput(
            value=other_text,
            placeholder=(
                own_answer_placeholder(self.spec) if self.free_text_only else "Write your own"
            ),
            select_on_focus=False,
            classes="other-input",
        )
        box.display = bool(other_text) or self.free_text_only
        yield box

    def on_mount(self) -> None:
        if self.free_text_only:
            return
        options = self.query_one(ChoiceList)
        values = [c.value for c in self.choices]
        if self.initial in values:
            options.highlighted = values.index(self.initial)
        elif self.initial is not None and offers_other(self.spec):
            options.highlighted = len(values)

    def focus_target(self) -> Widget:
        box = self.query_one(OtherInput)
        return box if box.display else self.query_one(ChoiceList)

    @property
    def picked(self) -> bool:
        """Whether the lit option was chosen: an earlier answer, a pick (Enter or a click),
        or the light moved with the keys. Otherwise nothing is chosen yet, so a dialog's Save
        never keeps the first option by default."""
        return self.initial is not None or self._chosen or self.query_one(ChoiceList).moved

    @property
    def value(self) -> Any:
        box = self.query_one(OtherInput)
        if self.free_text_only:
            return box.value
        options = self.query_one(ChoiceList)
        index = options.highlighted
        if index is None or not self.picked:
            return None
        if index >= len(self.choices):
            return box.value
        return self.choices[index].value

    @property
    def keys_hint(self) -> str:
        if self.free_text_only:
            what = "a name" if self.spec.choices_from in NAME_LISTS else "your answer"
            return f"Type {what}, then Enter to go on"
        return "↑↓ to move, Enter to choose"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen = True
        if event.option.id == "other":
            box = self.query_one(OtherInput)
            box.display = True
            box.focus()
            return
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_other_input_closed(self, event: OtherInput.Closed) -> None:
        event.stop()
        if self.free_text_only:
            return
        box = self.query_one(OtherInput)
        if not box.value.strip():
            box.display = False
        self.query_one(ChoiceList).focus()


class TickList(SelectionList[str]):
    """Space (or a click) ticks an option; Enter sends the ticked ones."""

    BINDINGS = [
        Binding("space", "select", "Tick", show=False),
        Binding("enter", "send", "Done", show=False),
    ]

    class Send(Message):
        pass

    def action_send(self) -> None:
        self.post_message(self.Send())

    def render_line(self, y: int) -> Strip:
        """Draw a tick (✓) only in ticked boxes, so the state shows without colour too."""
        strip = super().render_line(y)
        segments = list(strip)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if len(segments) > 2 and segments[1].text == ToggleButton.BUTTON_INNER:
            mark = "✓" if selection.value in self.selected else " "
            segments[1] = Segment(mark, segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip


class MultiChoiceInput(FieldInput):
    """Several choices; ticking "something else" opens a text box."""

    answers = "multi_choice"

    @property
    def free_text_only(self) -> bool:
        """A list drawn from the case with no entries yet: type the names."""
        return not self.choices and offers_other(self.spec)

    def compose(self) -> ComposeResult:
        initial = list(self.initial or [])
        known = [c.value for c in self.choices]
        others = [str(v) for v in initial if v not in known]
        if not self.free_text_only:
            selections = [
                Selection(Text(c.label), c.value, c.value in initial) for c in self.choices
            ]
            if offers_other(self.spec):
                selections.append(Selection(Text(OTHER_LABEL), OTHER, bool(others)))
            yield TickList(*selections)
        box = OtherInput(
            value=f"{OTHER_SEPARATOR} ".join(others),
            placeholder=(
                own_answer_placeholder(self.spec, several=True)
                if self.free_text_only
                else f"Write your own (separate several with {OTHER_SEPARATOR})"
            ),
            select_on_focus=False,
            classes="other-input",
        )
        box.display = bool(others) or self.free_text_only
        yield box

    def focus_target(self) -> Widget:
        if self.free_text_only:
            return self.query_one(OtherInput)
        return self.query_one(TickList)

    @property
    def value(self) -> Any:
        box = self.query_one(OtherInput)
        ticked = (
            []
            if self.free_text_only
            else [v for v in self.query_one(TickList).selected if v != OTHER]
        )
        if box.display:
            ticked += [p.strip() for p in box.value.split(OTHER_SEPARATOR) if p.strip()]
        return ticked

    @property
    def keys_hint(self) -> str:
        if self.free_text_only:
            what = "names" if self.spec.choices_from in NAME_LISTS else "your answers"
            return f"Type {what}, separated by {OTHER_SEPARATOR}, then Enter to go on"
        return "Space to tick, Enter when done"

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        event.stop()
        self.edited()
        if event.selection.value != OTHER:
            return
        box = self.query_one(OtherInput)
        box.display = OTHER in self.query_one(TickList).selected
        if box.display:
            box.focus()

    def on_tick_list_send(self, event: TickList.Send) -> None:
        event.stop()
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_other_input_closed(self, event: OtherInput.Closed) -> None:
        event.stop()
        if not self.free_text_only:
            self.query_one(TickList).focus()
