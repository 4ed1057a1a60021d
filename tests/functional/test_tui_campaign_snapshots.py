"""Snapshots of the campaign's screens, the timeline and the charts, at 80x24 and 160x48
(cursor blink off, fixed clock, a fixed "today").

Update them after a deliberate change with: pytest
tests/functional/test_tui_campaign_snapshots.py --snapshot-update, then look at every
changed SVG before committing.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import OptionList

from coach.safety import REGION_SETTING
from coach.tui.screens.case_timeline import TimelineScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.widgets.progress_charts import ProgressCharts
from tests.functional.test_tui_campaign import busy_weeks, timeline_data
from tests.functional.tui_support import fixed_clock, make_app, screen_in_front, wait_for, workspace

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    fixed_clock(monkeypatch)


def app_with_a_campaign():
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    sam = ws.store.create_case("Sam")
    busy_weeks(ws, sam)
    timeline_data(ws, sam)
    app = make_app(ws)
    app.today = date(2026, 11, 29)
    return app


async def open_with(pilot, key: str, screen_type: type) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press(key)
    screen = await screen_in_front(pilot, screen_type)
    await wait_for(pilot, lambda: screen.query(OptionList) or screen.query(ProgressCharts))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_timeline(snap_compare, size):
    async def ready(pilot):
        await open_with(pilot, "t", TimelineScreen)

    assert snap_compare(app_with_a_campaign(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_chart_screen(snap_compare, size):
    async def ready(pilot):
        await open_with(pilot, "g", ProgressScreen)

    assert snap_compare(app_with_a_campaign(), terminal_size=size, run_before=ready)
