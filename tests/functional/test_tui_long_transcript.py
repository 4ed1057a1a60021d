"""The transcript: appended to, never rebuilt; each message one widget; what is added is on
screen in the frame that places it; short conversations start at the top.

How long each step takes is measured in bench/run.py (the answer and transcript-growth rows);
these tests check the structure that keeps it quick and flat."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.screen import Screen

from coach.testing.sample_flows import LONG_FLOW_STEPS, long_flow
from coach.tui.app import CoachApp
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.widgets.transcript import AnswerEntry, CoachMessage
from tests.functional.tui_support import (
    answer,
    make_app,
    newest_entry,
    on_screen,
    screen_in_front,
    screen_text,
    wait_for,
    workspace,
)

STEPS = LONG_FLOW_STEPS


async def answered(pilot: Pilot, count: int) -> ConversationScreen:
    """The conversation screen of the long flow, after its first ``count`` answers."""
    screen = await screen_in_front(pilot, ConversationScreen)
    for i in range(count):
        await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
        await answer(pilot, f"answer {i}")
    return screen


async def test_a_sixty_message_transcript_is_appended_to_never_rebuilt(tmp_path):
    app = make_app(workspace(flows=long_flow(tmp_path / "long")), start=("long", None))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await answered(pilot, 0)
        first_message = None
        for i in range(STEPS - 1):
            await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
            first_message = first_message or screen.transcript.query(CoachMessage).first()
            await answer(pilot, f"answer {i}")
        entries = len(screen.transcript.children)
        assert entries >= 61
        assert len(screen.query(AnswerEntry)) == STEPS - 1
        first_now = screen.transcript.query(CoachMessage).first()
        assert first_now is first_message, "appended, not rebuilt"


class MessageProbe(App[None]):
    """One coach message with the app's stylesheet, nothing else."""

    CSS_PATH = CoachApp.CSS_PATH

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield CoachMessage(self.markdown)


async def test_a_message_is_one_widget_that_draws_its_markdown():
    text = "## Before you start\n\nTake **a breath**.\n\n- one step\n- then another\n\n> Not now."
    app = MessageProbe(text)
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        message = app.query_one(CoachMessage)
        assert not message.children
        shown = screen_text(app)
        assert "Before you start" in shown and "##" not in shown
        assert "Take a breath." in shown and "**" not in shown
        assert "• one step" in shown and "• then another" in shown
        assert "▌ Not now." in shown
        heading = message.get_component_rich_style("coach-message--heading", partial=True)
        assert heading.bold and heading.color is not None


async def test_message_colours_follow_the_theme():
    app = MessageProbe("## A heading\n\nSome words.")

    def heading_colour() -> object:
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                if "A heading" in segment.text:
                    return segment.style.color if segment.style else None
        raise AssertionError("the heading is not on screen")

    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        dark = heading_colour()
        app.theme = "textual-light"
        await wait_for(pilot, lambda: heading_colour() != dark)


async def test_markup_in_a_message_is_shown_as_written():
    app = MessageProbe("They said [bold]no[/bold] and [red]left[/].")
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        assert "They said [bold]no[/bold] and [red]left[/]." in screen_text(app)


async def test_a_short_conversation_starts_at_the_top(tmp_path):
    app = make_app(workspace(flows=long_flow(tmp_path / "long")), start=("long", None))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await answered(pilot, 0)
        await wait_for(pilot, lambda: screen.current_input is not None)
        await pilot.pause()
        first = screen.transcript.query(CoachMessage).first()
        top = screen.transcript.content_region.y
        assert screen.find_widget(first).region.y <= top + 1, "no gap above the first message"


async def test_what_is_added_is_on_screen_in_the_frame_that_places_it(tmp_path):
    """The first layout pass that places the coach's next message (or, within a step, the
    answer just given) also shows it: the caregiver never sees a frame with it out of view."""
    app = make_app(workspace(flows=long_flow(tmp_path / "long")), start=("long", None))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await answered(pilot, 0)
        first_frames: list[bool] = []
        watch = {"seen": None}

        def refreshed(_screen: Screen) -> None:
            if watch["seen"] is None:
                return
            target = newest_entry(screen, watch["seen"])
            if target is None:
                return
            try:
                screen.find_widget(target)
            except NoWidget:
                return
            first_frames.append(on_screen(screen, target))
            watch["seen"] = None

        screen.screen_layout_refresh_signal.subscribe(app, refreshed, immediate=True)
        for i in range(12):
            await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
            watch["seen"] = len(screen.transcript.children)
            await answer(pilot, f"answer {i}")
            await wait_for(pilot, lambda: watch["seen"] is None)
        assert screen.transcript.max_scroll_y > 0, "the transcript outgrew the view"
        assert first_frames == [True] * 12


async def test_paging_up_stays_put_until_the_next_answer(tmp_path):
    app = make_app(workspace(flows=long_flow(tmp_path / "long")), start=("long", None))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await answered(pilot, 6)
        transcript = screen.transcript
        await wait_for(pilot, lambda: transcript.scroll_y == transcript.max_scroll_y > 0)
        await pilot.press("pageup")
        await wait_for(pilot, lambda: transcript.scroll_y < transcript.max_scroll_y)
        paged = transcript.scroll_y
        await pilot.resize_terminal(100, 31)
        await pilot.pause()
        assert transcript.scroll_y == paged, "a layout pass does not pull the view back down"
        seen = len(transcript.children)
        await answer(pilot, "answer 6")
        newest = transcript.children[seen:]
        await wait_for(pilot, lambda: on_screen(screen, newest[0]))


async def test_a_taller_terminal_leaves_no_gap_above(tmp_path):
    app = make_app(workspace(flows=long_flow(tmp_path / "long")), start=("long", None))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await answered(pilot, 2)
        transcript = screen.transcript
        await wait_for(pilot, lambda: transcript.max_scroll_y > 0)
        await pilot.resize_terminal(100, 80)
        await wait_for(pilot, lambda: transcript.max_scroll_y == 0)
        await pilot.pause()
        first = transcript.children[0]
        assert screen.find_widget(first).region.y <= transcript.content_region.y + 1
