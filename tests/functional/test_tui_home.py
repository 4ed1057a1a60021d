"""Home: cases, sessions in progress, flows to start, plans; with their empty states."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from coach.services.workspace import Workspace
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.home import CaseList, FlowList, HomeScreen, PlanList, SessionList
from coach.tui.screens.prompt import TextPrompt
from tests.functional.test_tui_plan import finished_plan
from tests.functional.tui_support import (
    SIZE,
    make_app,
    screen_in_front,
    screen_text,
    start_session,
    wait_for,
    workspace,
)


async def home_of(pilot, app) -> HomeScreen:
    return await screen_in_front(pilot, HomeScreen)


async def rename_case(pilot, name: str, *, confirm: str) -> None:
    """r on the case list, the new name, Enter, then y or n to the confirmation."""
    app = pilot.app
    await pilot.press("r")
    prompt = await screen_in_front(pilot, TextPrompt)
    prompt.query_one(Input).value = name
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    await pilot.press(confirm)


async def test_empty_home_says_what_to_do_next():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        assert "Press n to add" in str(home.query_one("#cases-empty").render())
        assert home.query_one("#sessions-empty").display
        assert "Finish a flow" in str(home.query_one("#plans-empty").render())
        flows = home.query_one(FlowList)
        assert flows.has_focus and flows.option_count >= 1
        prompt = str(flows.get_option("flow-de_escalation").prompt)
        assert "Look back at an incident" in prompt and "about 15 min" in prompt
        assert flows.get_option_at_index(0).id == "flow-de_escalation", "in NVR order"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen))
        assert app.services.sessions.all()[0].case_id is None
        assert app.services.sessions.all()[0].flow_id == "de_escalation"


async def test_create_and_rename_a_case_with_confirmation():
    ws = workspace()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"Sam", "enter")
        await wait_for(pilot, lambda: app.screen is home and home.selected_case is not None)
        [sam] = ws.store.cases()
        assert sam.name == "Sam" and home.selected_case == sam.id
        home.query_one(CaseList).focus()
        await rename_case(pilot, "Sammy", confirm="n")
        await wait_for(pilot, lambda: app.screen is home)
        assert ws.store.case(sam.id).name == "Sam"
        await rename_case(pilot, "Sammy", confirm="y")
        await wait_for(pilot, lambda: app.screen is home)
        assert ws.store.case(sam.id).name == "Sammy"
        assert str(home.query_one(CaseList).get_option(f"case-{sam.id}").prompt) == "Sammy"


async def test_sessions_show_where_they_stopped_and_can_be_set_aside():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    safe = {
        k: False
        for k in ("immediate_danger", "young_person_missing", "self_harm_risk", "adult_hurt_child")
    }
    answers = {
        **safe,
        "what_happened": "They shouted and kicked the bedroom door.",
        "anyone_hurt": False,
    }
    conversation = start_session(ws, "de_escalation", sam, answers, until="lead_up")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        sessions = home.query_one(SessionList)
        await wait_for(pilot, lambda: sessions.has_focus)
        assert home.selected_case == sam.id
        prompt = str(sessions.get_option_at_index(0).prompt)
        assert "stopped at: What led up to it" in prompt
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is home and not sessions.display)
        assert home.query_one("#sessions-empty").display
    assert ws.store.session(conversation.session_id).status == "abandoned"
    assert ws.store.session(conversation.session_id).answers  # nothing deleted


async def test_plans_open_and_delete_with_confirmation():
    ws = workspace()
    plan_id = finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        plans = home.query_one(PlanList)
        await wait_for(pilot, lambda: plans.option_count == 1)
        assert "De-escalation plan for Sam" in str(plans.get_option_at_index(0).prompt)
        plans.focus()
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is home)
        assert ws.store.plans()
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is home and not plans.display)
    assert ws.store.plans() == []
    assert plan_id


async def test_palette_offers_start_resume_open_plan_practitioner_and_theme():
    ws = workspace()
    finished_plan(ws)
    start_session(ws, "de_escalation", None, {}, until="now_danger")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        titles = [entry.title for entry in await app.palette.refreshed()]
        assert "Start: Look back at an incident" in titles
        assert "Resume: Look back at an incident" in titles
        assert "Open plan: De-escalation plan for Sam" in titles
        assert "Practitioner mode: turn on" in titles and "Switch theme" in titles
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"Practitioner mode")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.practitioner)
        assert app.has_class("-practitioner")


async def test_palette_entries_are_built_once_until_what_they_list_changes():
    """Typing in the palette matches against kept entries; a plan made (here or in another
    window) or practitioner mode turned on builds them afresh."""
    ws = workspace()
    finished_plan(ws, "Sam")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.press("ctrl+p")
        palette = await wait_for(
            pilot, lambda: app.screen if app.screen.__class__.__name__ == "CommandPalette" else None
        )
        await pilot.press(*"open plan")
        await wait_for(pilot, lambda: "Open plan: De-escalation plan for Sam" in screen_text(app))
        assert app.palette.builds == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not palette)
        assert await app.palette.refreshed() is app.palette.entries
        assert app.palette.builds == 1
        finished_plan(Workspace(), "Alex")  # another window, its own connection
        assert any(e.title.endswith("for Alex") for e in await app.palette.refreshed())
        assert app.palette.builds == 2
        app.practitioner = True
        entries = await app.palette.refreshed()
        assert any(e.title == "Practitioner mode: turn off" for e in entries)
        assert app.palette.builds == 3


async def test_the_chosen_theme_is_kept_for_next_time():
    ws = workspace()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        app.theme = "textual-light"
        await wait_for(pilot, lambda: ws.store.setting("theme") == "textual-light")
    again = make_app(workspace())
    async with again.run_test(size=SIZE) as pilot:
        await home_of(pilot, again)
        assert again.theme == "textual-light"


def plans_for(ws, count: int) -> None:
    from coach.answer_file import read_answer_file
    from tests.conftest import ANSWERS

    case = ws.store.create_case("Sam")
    flow = ws.catalogue.get("de_escalation")
    answers = read_answer_file(ANSWERS / "de_escalation.yaml", flow)
    for _ in range(count):
        start_session(ws, "de_escalation", case, answers)


async def test_home_uses_the_space_of_a_wide_terminal():
    """Before, at 160x48 the flows list showed 7 of its flows above 25 empty rows."""
    ws = workspace()
    plans_for(ws, 3)
    app = make_app(ws)
    async with app.run_test(size=(160, 48)) as pilot:
        home = await home_of(pilot, app)
        flows = home.query_one(FlowList)
        plans = home.query_one(PlanList)
        await wait_for(pilot, lambda: flows.option_count == len(app.cards) and plans.display)
        await pilot.pause()
        assert flows.max_scroll_y == 0, "every flow is in view"
        assert plans.max_scroll_y == 0 and plans.region.height >= 6
        assert plans.region.x > flows.region.right or flows.region.x > plans.region.right


async def test_home_at_80x24_shows_plans_above_the_last_rows():
    """Before, "Your plans" sat on the last row, with none of the plans in view."""
    ws = workspace()
    plans_for(ws, 3)
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_of(pilot, app)
        plans = home.query_one(PlanList)
        await wait_for(pilot, lambda: plans.option_count == 3 and plans.region.height)
        await pilot.pause()
        assert plans.region.bottom <= 23  # above the key bar
        assert plans.region.height >= 4  # two plans at least, the rest a scroll away
        flows = home.query_one(FlowList)
        assert flows.region.height >= 6 and flows.region.bottom <= plans.region.y


async def test_going_home_from_a_plan_leaves_a_list_ready_for_enter():
    ws = workspace()
    finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        plans = home.query_one(PlanList)
        for key in ("ctrl+b", "escape"):
            await wait_for(pilot, lambda: plans.option_count == 1)
            plans.focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.__class__.__name__ == "PlanScreen")
            await pilot.press(key)
            await wait_for(pilot, lambda: app.screen is home)
            focused = await wait_for(pilot, lambda: app.focused)
            assert focused.screen is home and focused.highlighted is not None
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen))


async def test_opening_the_app_writes_nothing_to_the_store():
    """The saved theme is applied at start without being written back (the theme watcher
    once tested ``App.is_mounted``, a method, so it always saved)."""
    ws = workspace()
    ws.store.set_setting("theme", "textual-light")
    app = make_app(ws)
    before = app.services.data.version()
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        assert app.theme == "textual-light"
        assert app.services.data.version() == before


async def test_the_palette_shows_the_newest_plans_and_the_best_matches_of_many():
    """Textual lays out every hit it is given (with 10,000 plans a key took seconds): opened,
    the palette lists the newest plans; typed into, the closest matches, an older plan too."""
    from textual.command import CommandList

    from coach.tui.commands import MOST_HITS, PLANS_WHEN_OPENED

    ws = workspace()
    for number in range(PLANS_WHEN_OPENED + MOST_HITS + 10):
        ws.store.import_plan(
            case_name="Sam",
            flow_id="de_escalation",
            flow_version=1,
            title=f"Plan number {number}",
            body="# A plan",
            answers={},
            created=f"2026-11-{1 + number // 24:02d}T{number % 24:02d}:00:00+00:00",
        )
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.press("ctrl+p")
        palette = await wait_for(
            pilot, lambda: app.screen if app.screen.__class__.__name__ == "CommandPalette" else None
        )
        hits = palette.query_one(CommandList)
        await wait_for(pilot, lambda: hits.option_count > 0)
        listed = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        plans = [line for line in listed if line.startswith("Open plan")]
        assert len(plans) == PLANS_WHEN_OPENED and "Plan number 69" in plans[0]
        await pilot.press(*"plan number 3")
        await wait_for(
            pilot,
            lambda: str(hits.get_option_at_index(0).prompt).startswith(
                "Open plan: Plan number 3\n"
            ),
        )
        assert hits.option_count <= MOST_HITS


@pytest.mark.parametrize(
    ("size", "width_class", "resized", "other"),
    [((130, 40), "-wide", SIZE, "-narrow"), (SIZE, "-narrow", (130, 40), "-wide")],
)
async def test_home_is_laid_out_for_the_terminal_s_width_from_its_first_paint(
    size, width_class, resized, other
):
    """Wide terminals put the flows beside the sessions (``.-wide`` in coach.tcss); home is
    given the class before it is first styled, and keeps following the terminal's width."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        home = await home_of(pilot, app)
        assert home.has_class(width_class) and not home.has_class(other)
        sessions = home.query_one("#sessions-section").region
        beside = home.query_one("#flows-section").region.y == sessions.y
        assert beside == (width_class == "-wide")
        await pilot.resize_terminal(*resized)
        await wait_for(pilot, lambda: home.has_class(other) and not home.has_class(width_class))
