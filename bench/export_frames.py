"""The longest frame while the app exports the longest plan as a PDF.

The app shows a plan with a one-cell spinner that a timer turns every 10 ms, so the screen is
drawn as often as the event loop lets it. The plan is exported as a person would: x, the PDF
format, the file name, ctrl+s. From that key until the file is written and the dialog has
gone, the gaps between the spinner's turns are the frames; the longest is how long the person
would have seen the app stand still.
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
        times = [started, *(t for t in spinner.turns if started < t < ended), ended]
        return max(later - earlier for earlier, later in itertools.pairwise(times)) * 1000

    return asyncio.run(export())
