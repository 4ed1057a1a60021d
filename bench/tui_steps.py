"""Pilot-driven timings of the conversation screen: answer -> next question rendered.

Uses the same drivers as the TUI tests (``coach.testing``), so the steps are what a person's
keys would do. The clock starts when Pilot presses the key that sends an answer (Enter, ctrl+s,
y/n); moving through a list of choices before that is not part of the step. Two clocks stop:

- painted: the first screen refresh that shows the next question in the dock and the newest
  transcript entry (the answer just given, or the coach's next message) on screen. This is
  what the person waits for.
- idle: when ``pilot.press`` returns, that is when Pilot's idle detection (20 ms slices of
  wall time with under 1 ms of work) sees the app settled. Any later layout pass (Textual lays
  out newly mounted widgets twice) holds it back by whole slices, so even a bare Textual app
  that shows one line per answer takes about four idle refreshes; ``bare_app_steps`` measures
  that app the same way, as the baseline for this clock.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static

from coach.testing.apps import make_app, workspace
from coach.testing.pilot_steps import (
    fill,
    newest_entry,
    on_screen,
    position,
    press_continue,
    ready_for_input,
    screen_in_front,
    wait_for,
)
from coach.testing.sample_flows import long_flow
from coach.tui.screens.conversation import ConversationScreen


@dataclass
class StepTimes:
    painted: list[float] = field(default_factory=list)
    idle: list[float] = field(default_factory=list)
    idle_refresh: float = 0.0


def _next_question_shown(screen: ConversationScreen, old: Widget | None, seen: int) -> bool:
    """The next question (or Continue button) is on screen, and so is the coach's next message
    when there is one, else the answer just given."""
    dock = screen.current_input or screen.query("#continue").first()
    newest = newest_entry(screen, seen)
    return (
        dock is not None
        and dock is not old
        and on_screen(screen, dock)
        and (newest is None or on_screen(screen, newest))
    )


async def _timed_walk(app, answers: dict, steps: int | None = None) -> StepTimes:
    times = StepTimes()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        idle = []
        for _ in range(15):
            started = time.perf_counter()
            await pilot.pause()
            idle.append((time.perf_counter() - started) * 1000)
        times.idle_refresh = statistics.median(idle)
        painted_at: list[float] = []
        watching: dict[str, object] = {}

        def refreshed(_screen: Screen[None]) -> None:
            if watching and not painted_at and _next_question_shown(screen, **watching):  # type: ignore[arg-type]
                painted_at.append(time.perf_counter())

        screen.screen_layout_refresh_signal.subscribe(app, refreshed, immediate=True)
        while not screen.session.is_finished and (steps is None or len(times.idle) < steps):
            await wait_for(pilot, lambda: ready_for_input(screen))
            current = screen.current_input
            if current is None:
                await press_continue(pilot)
                continue
            key = await fill(pilot, answers.get(current.spec.id))
            await pilot.pause()
            before = position(screen)
            painted_at.clear()
            watching.update(old=current, seen=len(screen.transcript.children))
            started = time.perf_counter()
            await pilot.press(key)
            await wait_for(pilot, lambda b=before: position(screen) != b and not screen.busy)
            times.idle.append((time.perf_counter() - started) * 1000)
            await wait_for(pilot, lambda: painted_at)
            watching.clear()
            times.painted.append((painted_at[0] - started) * 1000)
    return times


def answer_steps(answers: dict) -> StepTimes:
    """Every answer of the de-escalation flow, and one idle refresh of the same app."""
    app = make_app(workspace(), start=("de_escalation", None))
    return asyncio.run(_timed_walk(app, answers))


def transcript_growth(folder: Path, walks: int = 3) -> tuple[list[float], list[float]]:
    """The first ten and the last ten of the first 30 answers of a conversation of 31 steps
    (over 60 transcript entries), from several walks so one slow moment weighs less."""
    flows = long_flow(folder / "long")
    answers = {f"answer{i}": f"answer {i}" for i in range(40)}
    first: list[float] = []
    last: list[float] = []
    for _ in range(walks):
        app = make_app(workspace(flows=flows), start=("long", None))
        painted = asyncio.run(_timed_walk(app, answers, steps=30)).painted
        first += painted[:10]
        last += painted[-10:]
    return first, last


class BareChat(App[None]):
    """A bare Textual app: each answer typed is added as a line above the input."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="lines")
        yield Input(id="answer")
        yield Footer()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        lines = self.query_one("#lines", VerticalScroll)
        lines.anchor()
        await lines.mount(Static(event.value, markup=False))
        event.input.clear()


def bare_app_steps(count: int = 30) -> list[float]:
    """``pilot.press("enter")`` in the bare app, answer by answer."""

    async def walk() -> list[float]:
        app = BareChat()
        timings = []
        async with app.run_test(size=(100, 32)) as pilot:
            box = app.query_one("#answer", Input)
            for number in range(count):
                box.value = f"answer {number}"
                box.focus()
                await pilot.pause()
                started = time.perf_counter()
                await pilot.press("enter")
                await wait_for(pilot, lambda n=number: len(app.query(Static)) > n)
                timings.append((time.perf_counter() - started) * 1000)
        return timings

    return asyncio.run(walk())
