"""The command palette over a large store: how long one key typed takes to show its matches.

The app is driven as a person would: ctrl+p, then a query typed a letter at a time. The clock
starts as a letter's key event is sent (as the terminal would send it, without Pilot's wait for
the app to go idle) and stops when the coach's search for the query so far has finished and
the palette's list holds its hits, checked each time the event loop comes round (checked every
5 ms, as the tests' wait_for does, each key was rounded up to the next check: a 5 ms key read
as 6 to 10). The same keys over a store of a hundred plans give the baseline.
"""

from __future__ import annotations

import asyncio
import time

from textual import events
from textual.command import CommandList, CommandPalette, Hits

from coach.services import Services, Workspace
from coach.testing.pilot_steps import screen_in_front, wait_for
from coach.tui.app import CoachApp
from coach.tui.commands import CoachCommands
from coach.tui.screens.home import HomeScreen

QUERY = "open plan 7"


def keystroke_times(query: str = QUERY) -> list[float]:
    """Milliseconds for each letter of ``query`` typed into the palette (COACH_HOME's store)."""
    finished: list[str] = []

    class TimedCommands(CoachCommands):
        async def search(self, query: str) -> Hits:
            async for hit in super().search(query):
                yield hit
            finished.append(query)

    class TimedApp(CoachApp):
        COMMANDS = CoachApp.COMMANDS - {CoachCommands} | {TimedCommands}

    async def typed() -> list[float]:
        app = TimedApp(Services(Workspace()), cursor_blink=False)
        times: list[float] = []
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.focused)
            await pilot.press("ctrl+p")
            palette = await screen_in_front(pilot, CommandPalette)
            hits = palette.query_one(CommandList)
            for length in range(1, len(query) + 1):
                so_far = query[:length].strip()
                finished.clear()
                started = time.perf_counter()
                letter = query[length - 1]
                app.post_message(events.Key("space" if letter == " " else letter, letter))
                deadline = started + 30
                while not (so_far in finished and hits.option_count > 0):
                    assert time.perf_counter() < deadline, f"no hits for {so_far!r}"
                    await asyncio.sleep(0)  # the app runs between two checks
                times.append((time.perf_counter() - started) * 1000)
        return times

    return asyncio.run(typed())
