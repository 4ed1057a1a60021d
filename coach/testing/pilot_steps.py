"""A person's keys in the conversation, driven through Textual's Pilot: answering the current
question through its own widget, Continue, whole walks, and waiting for what should follow."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, TypeVar

from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from coach.tui.screens.conversation import ConversationScreen
from coach.tui.widgets.choice import ChoiceInput, ChoiceList, MultiChoiceInput, OtherInput, TickList
from coach.tui.widgets.group import GroupEditor
from coach.tui.widgets.scale import ScaleInput
from coach.tui.widgets.text_input import LongTextArea, LongTextInput, TextInput
from coach.tui.widgets.transcript import CoachMessage
from coach.tui.widgets.typed import TypedInput
from coach.tui.widgets.yes_no import YesNoInput

ScreenKind = TypeVar("ScreenKind", bound=Screen[Any])
# How long a wait may take before it fails. It only says how long a failing wait takes to
# fail, so it is generous: a busy CI machine must not turn a slow pass into a failure.
WAIT_SECONDS = 15.0


async def wait_for(
    pilot: Pilot[Any], condition: Callable[[], Any], timeout: float = WAIT_SECONDS
) -> Any:
    """Let the app run until ``condition()`` holds (no fixed pauses); returns what it gave."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        # A plain sleep lets the app run; pilot.pause() would force a full re-layout each time.
        await asyncio.sleep(0.005)


async def screen_in_front(
    pilot: Pilot[Any], kind: type[ScreenKind], timeout: float = WAIT_SECONDS
) -> ScreenKind:
    """Let the app run until a screen of ``kind`` is in front; returns that screen."""
    app = pilot.app
    screen: ScreenKind = await wait_for(
        pilot, lambda: app.screen if isinstance(app.screen, kind) else None, timeout
    )
    return screen


async def click(
    pilot: Pilot[Any], selector: str | type[Widget], offset: tuple[int, int] = (0, 0)
) -> None:
    """Click a widget once a person could: shown on the screen, and (a button) not still
    showing its last press, for a Button takes no second click within its press effect."""
    screen = pilot.app.screen

    def ready() -> bool:
        found = screen.query(selector)
        widget = found.first() if found else None
        return widget is not None and on_screen(screen, widget) and not widget.has_class("-active")

    await wait_for(pilot, ready)
    await pilot.click(selector, offset=offset)


def conversation_screen(pilot: Pilot[Any]) -> ConversationScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ConversationScreen), screen
    return screen


def position(screen: ConversationScreen) -> tuple[int, str, int]:
    """Where the conversation is: steps taken, the step, the question within it."""
    session = screen.session
    return (len(session.history), session.state, screen.field_index)


def ready_for_input(screen: ConversationScreen) -> bool:
    """A question (or the Continue button) is waiting, and no answer is being carried out."""
    return not screen.busy and bool(screen.current_input or screen.query("#continue"))


async def answer(pilot: Pilot[Any], value: Any, *, expect_move: bool = True) -> None:
    """Answer the current question through its widget, as a person would with the keys."""
    screen = conversation_screen(pilot)
    await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
    before = position(screen)
    await pilot.press(await fill(pilot, value))
    if expect_move:
        await wait_for(pilot, lambda: position(screen) != before and not screen.busy)


async def fill(pilot: Pilot[Any], value: Any) -> str:
    """Put ``value`` into the current question's widget, with the focus where the key that
    sends it works; returns that key (pressed by the caller, so a benchmark can time it alone)."""
    widget = conversation_screen(pilot).current_input
    assert widget is not None
    if isinstance(widget, LongTextInput):
        area = widget.query_one(LongTextArea)
        area.load_text("" if value is None else str(value))
        area.focus()
        return "ctrl+s"
    if isinstance(widget, TextInput | TypedInput):
        box = widget.query_one(Input)
        box.value = "" if value is None else str(value)
        box.focus()
        return "enter"
    if isinstance(widget, YesNoInput):
        return "y" if value else "n"
    if isinstance(widget, ChoiceInput | MultiChoiceInput) and widget.free_text_only:
        other = widget.query_one(OtherInput)
        parts = value if isinstance(value, list) else [] if value is None else [value]
        other.value = "; ".join(str(v) for v in parts)
        other.focus()
        return "enter"
    if isinstance(widget, ChoiceInput):
        return await _pick(pilot, widget, value)
    if isinstance(widget, MultiChoiceInput):
        return await _tick(pilot, widget, list(value or []))
    if isinstance(widget, ScaleInput):
        await pilot.press(*str(value))
        return "enter"
    if isinstance(widget, GroupEditor):
        await fill_group(pilot, widget, list(value or []))
        return "ctrl+s"
    raise AssertionError(f"no way to answer {widget}")  # pragma: no cover


async def _pick(pilot: Pilot[Any], widget: ChoiceInput, value: Any) -> str:
    values = [c.value for c in widget.choices]
    options = widget.query_one(ChoiceList)
    options.focus()
    target = values.index(value) if value in values else len(values)
    await pilot.press("home", *(["down"] * target))
    if value in values:
        return "enter"
    await pilot.press("enter")
    box = widget.query_one(OtherInput)
    await wait_for(pilot, lambda: box.has_focus)
    box.value = str(value)
    return "enter"


async def _tick(pilot: Pilot[Any], widget: MultiChoiceInput, values: list[Any]) -> str:
    ticks = widget.query_one(TickList)
    ticks.focus()
    known = [c.value for c in widget.choices]
    for index, choice in enumerate(known):
        if (choice in values) != (choice in ticks.selected):
            ticks.highlighted = index
            await pilot.press("space")
    others = [v for v in values if v not in known]
    if others:
        ticks.highlighted = len(known)
        await pilot.press("space")
        box = widget.query_one(OtherInput)
        await wait_for(pilot, lambda: box.has_focus)
        box.value = "; ".join(others)
    return "enter"


async def fill_group(pilot: Pilot[Any], widget: GroupEditor, rows: list[dict[str, Any]]) -> None:
    """Add each row through the group's own dialog (a, the parts, ctrl+s)."""
    from coach.tui.screens.group_row import GroupRowScreen

    for row in rows:
        widget.focus_input()
        await pilot.press("a")
        dialog = await wait_for(
            pilot,
            lambda: pilot.app.screen if isinstance(pilot.app.screen, GroupRowScreen) else None,
        )
        for sub in widget.spec.fields:
            if sub.id not in row:
                continue
            field = dialog.query_one(f"#sub-{sub.id}")
            if isinstance(field, MultiChoiceInput):
                ticks = field.query_one(TickList)
                for value in row[sub.id]:
                    ticks.select(value)
            elif isinstance(field, ChoiceInput):
                await _pick(pilot, field, row[sub.id])  # lit with the keys: Save keeps it
            else:
                field.query_one(Input).value = str(row[sub.id])
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, GroupRowScreen))
    widget.focus_input()


async def press_continue(pilot: Pilot[Any]) -> None:
    """On a step without questions: the Continue (or Save my plan) button."""
    screen = conversation_screen(pilot)
    await wait_for(pilot, lambda: screen.query("#continue") and not screen.busy)
    before = position(screen)
    screen.query_one("#continue").focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: position(screen) != before and not screen.busy)


async def walk(pilot: Pilot[Any], answers: dict[str, Any], *, until: str | None = None) -> None:
    """Answer every question with ``answers`` (None when absent) until a final step or ``until``."""
    screen = conversation_screen(pilot)
    while not screen.session.is_finished and screen.session.state != until:
        await wait_for(pilot, lambda: ready_for_input(screen))
        current = screen.current_input
        if current is None:
            await press_continue(pilot)
        else:
            await answer(pilot, answers.get(current.spec.id))


def on_screen(screen: Screen[Any], widget: Widget) -> bool:
    """Some of the widget is visible (placed by the last layout, and not scrolled away)."""
    try:
        return bool(screen.find_widget(widget).visible_region)
    except NoWidget:
        return False


def newest_entry(screen: ConversationScreen, seen: int) -> Widget | None:
    """What an answer brings into view after the first ``seen`` transcript entries: the coach's
    next message when there is one, else the answer just given."""
    new = list(screen.transcript.children[seen:])
    messages = [w for w in new if isinstance(w, CoachMessage)]
    return (messages[:1] or new[-1:] or [None])[0]
