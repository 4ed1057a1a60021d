"""Quitting with work that is kept only once it is saved asks first, in words that fit; with
nothing unsaved (typed answers are drafts), ctrl+q quits at once."""

from __future__ import annotations

from textual.widgets import Input

from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.log_incident import LogIncidentScreen
from tests.functional.tui_support import SIZE, make_app, screen_in_front, wait_for, workspace


async def test_an_incident_being_written_down_is_asked_about_and_kept_on_no():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("l")
        form = await screen_in_front(pilot, LogIncidentScreen)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*"Kicked the door")
        await pilot.press("ctrl+q")
        dialog = await screen_in_front(pilot, ConfirmDialog)
        assert "incident you were writing down" in str(dialog.query_one(".dialog-body").render())
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
        assert app.is_running
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)
    assert ws.store.diary(sam.id) == []


async def test_an_untouched_form_quits_at_once():
    ws = workspace()
    ws.store.create_case("Sam")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LogIncidentScreen))
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
