"""How the app starts, in a terminal or a browser tab: collections held until the first
screen is drawn, and home's lists filled once unless something stored has changed."""

from __future__ import annotations

import gc

import pytest
from textual.screen import Screen

from coach.services import Services
from coach.tui.app import CoachApp
from coach.tui.launch import run_app
from coach.tui.screens.home import CaseList, FlowList, HomeScreen
from tests.functional.test_tui_plan import finished_plan
from tests.functional.tui_support import SIZE, make_app, screen_in_front, wait_for, workspace


@pytest.fixture
def collections_on_again():
    yield
    gc.enable()  # whatever a test did, the rest of the run collects as usual


def test_collections_wait_while_the_app_starts_and_go_on_after(monkeypatch, collections_on_again):
    seen: list[bool] = []
    monkeypatch.setattr(CoachApp, "run", lambda app, *a, **k: seen.append(gc.isenabled()))
    assert run_app(Services(workspace()), practitioner=False, case=None) == 0
    assert seen == [False]
    assert gc.isenabled()


async def test_the_app_collects_again_once_its_first_screen_is_drawn(collections_on_again):
    gc.disable()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_for(pilot, gc.isenabled)
        assert gc.get_freeze_count() > 0
    gc.unfreeze()


class Elsewhere(Screen[None]):
    """Any screen over home, and back."""


async def test_home_fills_its_lists_again_only_when_something_stored_changed():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await screen_in_front(pilot, HomeScreen)
        first = home.query_one(FlowList).get_option_at_index(0)
        await app.push_screen(Elsewhere())
        await app.pop_screen()
        await pilot.pause()
        assert home.query_one(FlowList).get_option_at_index(0) is first  # nothing changed
        await app.push_screen(Elsewhere())
        finished_plan(workspace(), "Alex")  # another window, its own connection
        await app.pop_screen()
        await wait_for(pilot, lambda: home.query_one(FlowList).get_option_at_index(0) is not first)
        cases = home.query_one(CaseList)
        names = [str(cases.get_option_at_index(i).prompt) for i in range(cases.option_count)]
        assert "Alex" in names
