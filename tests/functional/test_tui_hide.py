"""Quick hide keeps everything hidden: whatever opens from the notes page opens over it, says
nothing of the coach or the family, and returns to it."""

from __future__ import annotations

from textual.screen import ModalScreen

from coach.safety import REGION_SETTING
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.hide import NeutralScreen
from coach.tui.screens.region import RegionScreen
from coach.tui.screens.safety_help import SafetyHelpScreen
from tests.functional.tui_support import (
    SIZE,
    make_app,
    notices,
    screen_in_front,
    screen_text,
    wait_for,
    walk,
    workspace,
)

SAFE = {
    "immediate_danger": False,
    "young_person_missing": False,
    "self_harm_risk": False,
    "adult_hurt_child": False,
}
# What would say that a coach, a flow or a family sits under the notes page.
GIVEAWAYS = ("Zephyrine", "Quillon", "De-escalation", "NVR", "coach", "Coach", "ctrl+r", "F3")


def assert_nothing_given_away(text: str) -> None:
    for word in GIVEAWAYS:
        assert word not in text, word


async def hidden_conversation(app, pilot) -> tuple[ConversationScreen, NeutralScreen]:
    screen = await screen_in_front(pilot, ConversationScreen)
    await walk(pilot, SAFE, until="incident")
    await pilot.press("f3")
    neutral = await screen_in_front(pilot, NeutralScreen)
    return screen, neutral


def private_case(ws):
    ws.store.set_setting(REGION_SETTING, "GB")
    return ws.store.create_case(
        "Zephyrine", {"contacts": [{"name": "Dr Quillon", "role": "GP", "phone": "0100"}]}
    )


async def test_help_now_opens_over_the_notes_page_and_escape_returns_to_it():
    ws = workspace()
    case = private_case(ws)
    app = make_app(ws, start=("de_escalation", case.id))
    async with app.run_test(size=SIZE) as pilot:
        screen, neutral = await hidden_conversation(app, pilot)
        await pilot.press("f2")
        help_now = await screen_in_front(pilot, SafetyHelpScreen)
        # Over the notes page, not over the coach: what shows through is the notes page.
        assert app.screen_stack[-2] is neutral
        assert app.title == "Notes"
        body = help_now.query_one("#safety-body").source
        assert "999" in body and "Quillon" not in body
        await wait_for(pilot, lambda: "999" in screen_text(app))
        assert_nothing_given_away(screen_text(app))
        # Its help, its region list and that list's help: plain, and each goes back in turn.
        await pilot.press("f1")
        help_page = await screen_in_front(pilot, HelpScreen)
        assert_nothing_given_away(help_page.query_one("#help-body").source)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is help_now)
        await pilot.press("r")
        regions = await screen_in_front(pilot, RegionScreen)
        await wait_for(pilot, lambda: "Where are you?" in screen_text(app))
        assert_nothing_given_away(screen_text(app))
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert_nothing_given_away(app.screen.query_one("#help-body").source)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is regions)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is help_now)
        # Nothing that shows the coach works from here: the palette, hiding again, F4.
        for key in ("ctrl+p", "f3", "f4"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is help_now, key
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is neutral)
        assert app.title == "Notes"
        # The deliberate key still brings the coach back, where it was.
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.session.state == "incident"


async def test_ctrl_g_works_on_the_notes_page_too_and_f1_reads_like_a_notes_page():
    ws = workspace()
    case = private_case(ws)
    app = make_app(ws, start=("de_escalation", case.id))
    async with app.run_test(size=SIZE) as pilot:
        _screen, neutral = await hidden_conversation(app, pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: notices(app))
        said = " ".join(str(n.message) for n in notices(app))
        assert "Notes" in said
        assert_nothing_given_away(said)
        assert app.screen is neutral
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SafetyHelpScreen))
        assert app.screen_stack[-2] is neutral
        assert isinstance(app.screen, ModalScreen)
        await pilot.press("f2")  # the same key closes it again
        await wait_for(pilot, lambda: app.screen is neutral)
