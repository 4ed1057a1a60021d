"""The longest frame while the app exports a PDF: the longest plan's, and a case's progress
report of a year.

The app shows the plan (or the case's timeline) with a one-cell spinner that a timer turns
every 10 ms, so the screen is drawn as often as the event loop lets it. The PDF is exported as
a person would: x, the PDF format, the file name, ctrl+s. From that key until the file is
written and the dialog has gone, the gaps between the spinner's turns are the frames; the
longest is how long the person would have seen the app stand still.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from coach.export.registry import formats
from coach.services import Services, Workspace
from coach.testing.pilot_steps import screen_in_front, wait_for
from coach.tui.app import CoachApp
from coach.tui.screens.case_export import CHOICES
from coach.tui.screens.case_timeline import TimelineScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen

TICK_SECONDS = 0.01


class Spinner(Static):
    """One cell that turns every tick, each turn noted."""

    def __init__(self) -> None:
        super().__init__("|")
        self.turns: list[float] = []

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.turn)

    def turn(self) -> None:
        self.turns.append(time.perf_counter())
        self.update("|/-\\"[len(self.turns) % 4])


def longest_frame_ms(plan_id: int, target: Path) -> float:
    """Milliseconds of the longest gap between frames while exporting (COACH_HOME's store)."""

    async def open_plan(app: CoachApp, pilot: Pilot[int]) -> Screen[Any]:
        app.open_plan(plan_id)
        return await screen_in_front(pilot, PlanScreen)

    return _longest_frame_exporting(
        open_plan, ("#export-formats", "#export-path"), formats().index("pdf"), target
    )


def longest_report_frame_ms(case_id: int, target: Path) -> float:
    """The same for a case's progress report as PDF, exported from its timeline."""

    async def open_timeline(app: CoachApp, pilot: Pilot[int]) -> Screen[Any]:
        timeline = TimelineScreen(case_id, "Sam")
        await app.push_screen(timeline)
        await wait_for(pilot, lambda: timeline.items)
        return timeline

    kinds = [kind for kind, _label, _type in CHOICES]
    return _longest_frame_exporting(
        open_timeline, ("#case-export-formats", "#case-export-path"), kinds.index("pdf"), target
    )


def _longest_frame_exporting(
    open_screen: Callable[[CoachApp, Pilot[int]], Awaitable[Screen[Any]]],
    dialog_ids: tuple[str, str],
    pdf_index: int,
    target: Path,
) -> float:
    """From the screen ``open_screen`` opens: x, the PDF (``pdf_index`` in the dialog's list
    of formats), the file name, ctrl+s; the longest frame until the file is written."""
    formats_id, path_id = dialog_ids

    async def export() -> float:
        app = CoachApp(Services(Workspace()), cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.focused)
            screen = await open_screen(app, pilot)
            spinner = Spinner()
            await screen.mount(spinner)
            await pilot.press("x")
            dialog = await wait_for(pilot, lambda: app.screen if app.screen is not screen else None)
            dialog.query_one(formats_id, OptionList).highlighted = pdf_index
            await pilot.pause()  # the file name follows the format; the path is set after it
            dialog.query_one(path_id, Input).value = str(target)
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is screen and target.exists(), timeout=60)
            ended = time.perf_counter()
        times = [started, *(t for t in spinner.turns if started < t < ended), ended]
        return max(later - earlier for earlier, later in itertools.pairwise(times)) * 1000

    return asyncio.run(export())
