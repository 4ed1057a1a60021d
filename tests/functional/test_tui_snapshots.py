"""Snapshots of the key screens at 80x24 and at 160x48 (cursor blink off, fixed clock).

Update them after a deliberate change with: pytest tests/functional/test_tui_snapshots.py
--snapshot-update, then look at every changed SVG before committing.
"""

from __future__ import annotations

import pytest

from coach.answer_file import read_answer_file
from coach.safety import REGION_SETTING
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from tests.conftest import ANSWERS
from tests.functional.tui_support import (
    WIDGETS_FOLDER,
    fixed_clock,
    make_app,
    screen_in_front,
    start_session,
    wait_for,
    workspace,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]

WIDGET_ANSWERS = {
    "nickname": "Robin",
    "story": "We argued about the phone at bedtime.",
    "place": "kitchen",
    "helpers": ["partner"],
    "calm_now": True,
    "worry": 3,
    "adults": 2,
    "length": 45,
    "day": "2026-12-05",
    "at": "19:30",
}
WIDGET_STATES = [
    "ask_text",
    "ask_long_text",
    "ask_choice",
    "ask_multi_choice",
    "ask_yes_no",
    "ask_scale",
    "ask_number",
    "ask_duration",
    "ask_date",
    "ask_time",
    "ask_group",
]


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    fixed_clock(monkeypatch)


def de_escalation_answers(ws):
    return read_answer_file(ANSWERS / "de_escalation.yaml", ws.catalogue.get("de_escalation"))


async def until_conversation_ready(pilot) -> None:
    screen = await screen_in_front(pilot, ConversationScreen)
    await wait_for(pilot, lambda: screen.query(".dock-content") and not screen.busy)
    await pilot.pause()


async def until_home_ready(pilot) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_home_empty(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=until_home_ready)


def home_with_data():
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    sam = ws.store.create_case("Sam")
    ws.store.create_case("Alex")
    start_session(ws, "de_escalation", sam, de_escalation_answers(ws))
    start_session(ws, "de_escalation", sam, de_escalation_answers(ws), until="lead_up")
    return ws


@pytest.mark.parametrize("size", SIZES)
def test_home_with_data(snap_compare, size):
    assert snap_compare(make_app(home_with_data()), terminal_size=size, run_before=until_home_ready)


def test_home_with_data_light_theme(snap_compare):
    ws = home_with_data()
    ws.store.set_setting("theme", "textual-light")
    assert snap_compare(make_app(ws), terminal_size=(80, 24), run_before=until_home_ready)


@pytest.mark.parametrize("size", SIZES)
def test_first_run(snap_compare, size, monkeypatch):
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # the region comes from the locale

    async def ready(pilot):
        await wait_for(pilot, lambda: pilot.app.screen.__class__.__name__ == "FirstRunScreen")
        await pilot.pause()

    assert snap_compare(make_app(workspace(welcomed=False)), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", WIDGET_STATES)
def test_question_of_each_kind(snap_compare, size, state):
    ws = workspace(flows=WIDGETS_FOLDER)
    case = ws.store.create_case(
        "Robin",
        {"supporters": [{"name": "Ana", "relationship": "sister", "roles": ["practical"]}]},
    )
    conversation = start_session(ws, "widgets", case, WIDGET_ANSWERS, until=state)
    if state != "ask_group":  # show each question fresh, except the group with a row in it
        for spec in conversation.session.fields:
            conversation.answer(spec.id, None)
    app = make_app(ws, resume=conversation.session_id)
    assert snap_compare(app, terminal_size=size, run_before=until_conversation_ready)


@pytest.mark.parametrize("size", SIZES)
def test_safety_stop(snap_compare, size):
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    sam = ws.store.create_case(
        "Sam", {"contacts": [{"name": "Dr Rao", "role": "GP", "phone": "01234 567890"}]}
    )
    answers = read_answer_file(
        ANSWERS / "de_escalation_safety_stop.yaml", ws.catalogue.get("de_escalation")
    )
    conversation = start_session(ws, "de_escalation", sam, answers)
    assert conversation.session.state == "safety_stop"
    app = make_app(ws, resume=conversation.session_id)
    assert snap_compare(app, terminal_size=size, run_before=until_conversation_ready)


@pytest.mark.parametrize("size", SIZES)
def test_plan_screen(snap_compare, size):
    ws = workspace()
    sam = ws.store.create_case("Sam")
    plan_id = start_session(ws, "de_escalation", sam, de_escalation_answers(ws)).plan_id

    async def open_plan(pilot):
        await until_home_ready(pilot)
        pilot.app.open_plan(plan_id)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PlanScreen))
        await pilot.pause()

    assert snap_compare(make_app(ws), terminal_size=size, run_before=open_plan)


@pytest.mark.parametrize("size", SIZES)
def test_practitioner_mode(snap_compare, size):
    ws = workspace()
    sam = ws.store.create_case("Sam")
    conversation = start_session(
        ws, "de_escalation", sam, de_escalation_answers(ws), until="pattern"
    )
    ws.store.save_notes(conversation.session_id, "Mum very tired tonight; keep it short.")
    app = make_app(ws, practitioner=True, resume=conversation.session_id)
    assert snap_compare(app, terminal_size=size, run_before=until_conversation_ready)


# --- the lock, the follow-up, choices from an empty case list, the export dialog ----------


@pytest.mark.parametrize("size", SIZES)
def test_unlock_screen(snap_compare, size, monkeypatch, home):
    from pathlib import Path

    from coach.services.workspace import Workspace
    from coach.store import Store
    from coach.tui.app import CoachApp
    from coach.tui.screens.unlock import UnlockScreen

    with Store.open(home) as store:
        store.set_setting(REGION_SETTING, "GB")
        store.create_case("Sam")
        store.lock("correct horse battery")
    # The data folder is the test's own; show a stable one.
    monkeypatch.setattr(
        CoachApp,
        "_lock_screen",
        lambda self, *, idle: UnlockScreen(
            folder=Path("/home/jo/.local/share/nvr-coach"), region_code="GB", idle=idle
        ),
    )

    async def ready(pilot):
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, UnlockScreen))
        await pilot.pause()

    ws = Workspace(passphrase=lambda: None, wait_for_passphrase=True)
    assert snap_compare(make_app(ws), terminal_size=size, run_before=ready)


def sit_in_plan(ws) -> int:
    case = ws.store.create_case(
        "Sam", {"adults": [{"name": "Jo"}, {"name": "Chris"}], "supporters": [{"name": "Ana"}]}
    )
    answers = read_answer_file(ANSWERS / "sit_in.yaml", ws.catalogue.get("sit_in"))
    return start_session(ws, "sit_in", case, answers).plan_id


@pytest.mark.parametrize("size", SIZES)
def test_follow_up_question(snap_compare, size):
    from coach.tui.screens.how_it_went import FollowUpScreen

    ws = workspace()
    plan_id = sit_in_plan(ws)

    async def ask(pilot):
        await until_home_ready(pilot)
        pilot.app.open_plan(plan_id)
        plan = await wait_for(
            pilot, lambda: pilot.app.screen if isinstance(pilot.app.screen, PlanScreen) else None
        )
        await wait_for(pilot, lambda: plan.shown)
        await pilot.press("h")
        screen = await wait_for(
            pilot,
            lambda: pilot.app.screen if isinstance(pilot.app.screen, FollowUpScreen) else None,
        )
        await wait_for(pilot, lambda: screen.query(".dock-content") and not screen.busy)
        await pilot.pause()

    assert snap_compare(make_app(ws), terminal_size=size, run_before=ask)


@pytest.mark.parametrize("size", SIZES)
def test_plan_after_follow_up(snap_compare, size):
    from coach.services.plans import record_follow_up
    from tests.conftest import TODAY

    ws = workspace()
    plan_id = sit_in_plan(ws)
    record_follow_up(
        ws.store,
        ws.catalogue.get("sit_in"),
        plan_id,
        {
            "what_happened": "We sat for 30 minutes. He shouted at first, then went quiet.",
            "suggestion_offered": False,
            "adults_calm": 7,
            "keep": "Sitting by the door, saying nothing",
            "hurt_or_escalated": False,
            "own_crisis": False,
            "hard_to_cope": False,
        },
        TODAY,
    )

    async def open_plan(pilot):
        await until_home_ready(pilot)
        pilot.app.open_plan(plan_id)
        plan = await wait_for(
            pilot, lambda: pilot.app.screen if isinstance(pilot.app.screen, PlanScreen) else None
        )
        await wait_for(pilot, lambda: plan.shown == 2)
        await pilot.pause()
        plan.query_one("#plan-view").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(make_app(ws), terminal_size=size, run_before=open_plan)


def test_choice_from_an_empty_case_list(snap_compare):
    ws = workspace()
    sam = ws.store.create_case("Sam")
    answers = read_answer_file(ANSWERS / "sit_in.yaml", ws.catalogue.get("sit_in"))
    conversation = start_session(ws, "sit_in", sam, answers, until="behaviour")
    app = make_app(ws, resume=conversation.session_id)
    assert snap_compare(app, terminal_size=(80, 24), run_before=until_conversation_ready)


def test_export_dialog_with_a_format_that_cannot_be_made(snap_compare, monkeypatch):
    from textual.widgets import OptionList

    from coach.tui.screens.export import ExportDialog

    monkeypatch.setenv("HOME", "/home/parent")  # the default path starts here (no Documents)
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent")
    ws = workspace()
    sam = ws.store.create_case("Sam")
    answers = de_escalation_answers(ws)
    answers.pop("later_when")
    answers.pop("later_time")
    plan_id = start_session(ws, "de_escalation", sam, answers).plan_id

    async def refused(pilot):
        await until_home_ready(pilot)
        pilot.app.open_plan(plan_id)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PlanScreen))
        await pilot.press("x")
        dialog = await wait_for(
            pilot, lambda: pilot.app.screen if isinstance(pilot.app.screen, ExportDialog) else None
        )
        dialog.query_one(OptionList).highlighted = 4
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: dialog.query_one("#export-message").display)
        await pilot.pause()

    assert snap_compare(make_app(ws), terminal_size=(80, 24), run_before=refused)
