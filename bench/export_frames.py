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
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from coach.export.registry import formats
from coach.services import Services, Workspace
from coach.testing.pilot_steps import wait_for
from coach.tui.app import CoachApp
from coach.tui.screens.case_export import CHOICES, CaseExportDialog
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

    async def export() -> float:
        app = CoachApp(Services(Workspace()), cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.focused)
            app.open_plan(plan_id)
            plan = await wait_for(
                pilot, lambda: app.screen if isinstance(app.screen, PlanScreen) else None
            )
            spinner = Spinner()
            await plan.mount(spinner)
            await pilot.press("x")
            dialog = await wait_for(pilot, lambda: app.screen if app.screen is not plan else None)
            dialog.query_one("#export-formats", OptionList).highlighted = formats().index("pdf")
            dialog.query_one("#export-path", Input).value = str(target)
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is plan and target.exists(), timeout=30)
            ended = time.perf_counter()
        return _longest_gap_ms(spinner, started, ended)

    return asyncio.run(export())


def longest_report_frame_ms(case_id: int, target: Path) -> float:
    """The same for a case's progress report as PDF, exported from its timeline."""

    async def export() -> float:
        app = CoachApp(Services(Workspace()), cursor_blink=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.focused)
            timeline = TimelineScreen(case_id, "Sam")
            await app.push_screen(timeline)
            await wait_for(pilot, lambda: timeline.items)
            spinner = Spinner()
            await timeline.mount(spinner)
            await pilot.press("x")
            dialog = await wait_for(
                pilot, lambda: app.screen if isinstance(app.screen, CaseExportDialog) else None
            )
            kinds = [kind for kind, _label, _type in CHOICES]
            dialog.query_one("#case-export-formats", OptionList).highlighted = kinds.index("pdf")
            await pilot.pause()  # the file name follows the format; the path is set after it
            dialog.query_one("#case-export-path", Input).value = str(target)
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is timeline and target.exists(), timeout=60)
            ended = time.perf_counter()
        return _longest_gap_ms(spinner, started, ended)

    return asyncio.run(export())


def _longest_gap_ms(spinner: Spinner, started: float, ended: float) -> float:
    times = [started, *(t for t in spinner.turns if started < t < ended), ended]
    return max(later - earlier for earlier, later in itertools.pairwise(times)) * 1000
