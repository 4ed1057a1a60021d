"""What the app does differently in a browser tab (`coach serve`), checked with Pilot.

The tab's own driver is replaced by Pilot's here, so ``is_web`` is set on the app class;
the end-to-end test in tests/functional/web runs the same paths in a real Chromium.
"""

from __future__ import annotations

import io
import os

import pytest
from textual.widgets import Input

from coach.export.files import default_name
from coach.tui.app import CoachApp
from coach.tui.screens.hide import NeutralScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.web import quick_hide
from tests.functional.test_tui_export import de_escalation_plan, export_dialog, messages
from tests.functional.tui_support import SIZE, make_app, wait_for, workspace


@pytest.fixture
def in_a_browser_tab(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, dict]]:
    """The app believes it runs in a tab; what it hands the browser is kept here."""
    delivered: list[tuple[bytes, dict]] = []

    def deliver_binary(self: CoachApp, file: io.BytesIO, **options: object) -> str:
        delivered.append((file.getvalue(), options))
        return "0" * 32

    monkeypatch.setattr(CoachApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(CoachApp, "deliver_binary", deliver_binary)
    return delivered


async def test_an_export_is_handed_to_the_browser_not_written_here(
    in_a_browser_tab, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "md")
        name = default_name("de_escalation", ws.store.plan(plan_id).created, "md")
        assert dialog.query_one("#export-path", Input).value == name
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen) and in_a_browser_tab)
        await wait_for(pilot, lambda: messages(app))
        assert messages(app) == [f"Sent to your browser as {name}"]
    ((data, options),) = in_a_browser_tab
    assert data.decode().startswith("# ")
    assert options == {"save_filename": name, "mime_type": "text/markdown"}
    assert list(tmp_path.iterdir()) == [tmp_path / "coach-home"]  # nothing written here


async def test_a_folder_typed_in_a_browser_tab_is_dropped_from_the_name(
    in_a_browser_tab, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "pdf")
        dialog.query_one("#export-path", Input).value = str(tmp_path / "folder" / "plan.pdf")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: in_a_browser_tab)
    assert in_a_browser_tab[0][1]["save_filename"] == "plan.pdf"
    assert in_a_browser_tab[0][0].startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == [tmp_path / "coach-home"]


async def test_a_quick_hide_is_told_to_the_server_and_a_reload_stays_hidden(
    in_a_browser_tab, monkeypatch
):
    read_end, write_end = os.pipe()
    monkeypatch.setenv(quick_hide.EVENTS_FD_ENV, str(write_end))
    ws = workspace()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, NeutralScreen))
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    os.close(write_end)
    with os.fdopen(read_end, "rb") as events:
        assert events.read() == b"hidden\nshown\n"

    monkeypatch.setenv(quick_hide.HIDDEN_ENV, "1")
    monkeypatch.delenv(quick_hide.EVENTS_FD_ENV)
    again = make_app(workspace())
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, NeutralScreen))
        assert again.title == "Notes"
        assert again.screen_stack == [again.screen]  # home was never made, so never drawn
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(again.screen, HomeScreen))
        assert again.title == "NVR Coach"
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(again.screen, NeutralScreen))
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(again.screen, HomeScreen))
