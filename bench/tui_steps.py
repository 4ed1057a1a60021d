"""Pilot-driven timings of the conversation screen: answer -> next question rendered.

Uses the same helpers as the TUI tests, so the steps are what a person's keys would do.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.tui.screens.conversation import ConversationScreen  # noqa: E402
from tests.functional.test_tui_long_transcript import long_flow  # noqa: E402
from tests.functional.tui_support import answer, make_app, press_continue, wait_for, workspace  # noqa: E402


async def _timed_walk(app, answers: dict, steps: int | None = None) -> tuple[list[float], float]:
    timings: list[float] = []
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await wait_for(
            pilot, lambda: app.screen if isinstance(app.screen, ConversationScreen) else None
        )
        idle = []
        for _ in range(15):
            started = time.perf_counter()
            await pilot.pause()
            idle.append((time.perf_counter() - started) * 1000)
        while not screen.session.is_finished and (steps is None or len(timings) < steps):
            await wait_for(
                pilot, lambda: not screen._busy and (screen._input or screen.query("#continue"))
            )
            if screen._input is None:
                await press_continue(pilot)
                continue
            value = answers.get(screen._input.spec.id)
            started = time.perf_counter()
            await answer(pilot, value)
            timings.append((time.perf_counter() - started) * 1000)
    return timings, statistics.median(idle)


def answer_step_ms(answers: dict) -> tuple[float, float]:
    """Median answer -> next question over the de-escalation flow, and one idle refresh."""
    app = make_app(workspace(), start=("de_escalation", None))
    timings, idle = asyncio.run(_timed_walk(app, answers))
    return statistics.median(timings), idle


def transcript_growth_ms(folder: Path) -> tuple[float, float]:
    """Median of the first ten and the last ten answers of a 60-message conversation."""
    ws = workspace(flows=long_flow(folder / "long"))
    app = make_app(ws, start=("long", None))
    answers = {f"answer{i}": f"answer {i}" for i in range(40)}
    timings, _ = asyncio.run(_timed_walk(app, answers, steps=30))
    return statistics.median(timings[:10]), statistics.median(timings[-10:])
