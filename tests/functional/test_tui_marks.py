"""What is chosen shows in text too ("›"), not by colour alone: home's case, an export's
format, the timeline's item. And Enter on a case in home's list chooses it, however quickly
the next key follows."""

from __future__ import annotations

from coach.tui.screens.case_export import CaseExportDialog
from coach.tui.screens.case_timeline import TimelineList, TimelineScreen
from coach.tui.screens.home import CaseList, HomeScreen
from coach.tui.widgets.marked_list import MARK
from tests.functional.test_tui_campaign import open_timeline, timeline_data
from tests.functional.test_tui_export import de_escalation_plan, export_dialog
from tests.functional.tui_support import (
    SIZE,
    make_app,
    screen_in_front,
    screen_text,
    wait_for,
    workspace,
)


def marked(app) -> list[str]:
    """The rows on screen that carry the mark, from the mark on."""
    return [row[row.index(MARK) :].strip() for row in screen_text(app).splitlines() if MARK in row]


async def home_of(pilot, app) -> HomeScreen:
    return await screen_in_front(pilot, HomeScreen)


async def test_the_chosen_case_is_marked_in_text_when_its_list_is_not_focused():
    ws = workspace()
    ws.store.create_case("Sam")
    ws.store.create_case("Mia")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        cases = home.query_one(CaseList)
        await wait_for(pilot, lambda: not cases.has_focus and marked(app))
        assert [row.split("│")[0].strip() for row in marked(app)] == [f"{MARK} Mia"]
        cases.focus()
        await pilot.press("down", "tab")
        await wait_for(pilot, lambda: not cases.has_focus)
        assert [row.split("│")[0].strip() for row in marked(app)] == [f"{MARK} Sam"]


async def test_enter_on_a_case_chooses_it_before_the_next_key():
    ws = workspace()
    ws.store.create_case("Sam")
    ws.store.create_case("Mia")  # listed first
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        cases = home.query_one(CaseList)
        cases.focus()
        await pilot.press("down")
        await wait_for(pilot, lambda: home.selected_case == ws.store.cases()[1].id)
        # Up, Enter and t typed at once: t is handled before the list's messages arrive.
        cases.action_cursor_up()
        cases.action_select()
        assert home.check_action("timeline", ()) is True
        home.action_timeline()
        screen = await screen_in_front(pilot, TimelineScreen)
        assert screen.case_name == "Mia"


async def test_the_plan_exports_format_is_marked():
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await export_dialog(pilot, plan_id, "pdf")
        await wait_for(pilot, lambda: len(marked(app)) == 1)
        assert marked(app)[0].startswith(f"{MARK} pdf:")


async def test_the_case_exports_format_and_the_timelines_item_are_marked():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    timeline_data(ws, sam)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app)
        items = screen.query_one(TimelineList)
        await wait_for(pilot, lambda: len(marked(app)) == 1)
        assert "Threw a mug at the wall" in marked(app)[0]  # the newest, on its first line
        await pilot.press("down")
        await wait_for(pilot, lambda: items.highlighted == 1 and len(marked(app)) == 1)
        assert "Threw a mug" not in marked(app)[0]
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseExportDialog))
        await pilot.press("down")
        await wait_for(pilot, lambda: any("PDF" in row for row in marked(app)))
        [chosen] = [row for row in marked(app) if "Progress report" in row]
        assert chosen.startswith(f"{MARK} Progress report: PDF ")
