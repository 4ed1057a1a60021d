"""The passphrase lock in the app: asked on its own screen at start, and again when idle."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from coach.safety import REGION_SETTING
from coach.services.settings import WELCOMED_SETTING
from coach.services.workspace import Workspace
from coach.store import IDLE_LOCK_SETTING, Store
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.home import CaseList, HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.safety_help import SafetyHelpScreen
from coach.tui.screens.unlock import WRONG, UnlockScreen
from coach.tui.widgets.base import MessageLine
from tests.functional.tui_support import (
    SIZE,
    click,
    make_app,
    screen_in_front,
    screen_text,
    start_session,
    toasts_shown,
    wait_for,
)

PASSPHRASE = "correct horse battery"


@pytest.fixture
def locked_home(home):
    """A store with a case (and its professional contact) and a session, then locked."""
    with Store.open(home) as store:
        store.set_setting(WELCOMED_SETTING, "1")
        store.set_setting(REGION_SETTING, "GB")
        store.create_case(
            "Zephyrine", {"contacts": [{"name": "Dr Quillon", "role": "GP", "phone": "0100"}]}
        )
        store.lock(PASSPHRASE)
    return home


def waiting_workspace(**options) -> Workspace:
    """As `coach` opens it for the app: COACH_PASSPHRASE or the app's own screen."""
    return Workspace(passphrase=lambda: None, wait_for_passphrase=True, **options)


async def type_passphrase(pilot, text: str) -> None:
    await wait_for(pilot, lambda: pilot.app.screen.query("#passphrase"))
    box = pilot.app.screen.query_one("#passphrase", Input)
    box.focus()
    box.value = text
    await pilot.press("enter")


async def test_the_app_asks_for_the_passphrase_before_showing_anything(locked_home):
    app = make_app(waiting_workspace())
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, UnlockScreen)
        # Home waits under the lock, empty: it has not read the store.
        home = app.screen_stack[0]
        assert isinstance(home, HomeScreen) and home.query_one(CaseList).option_count == 0
        shown = await wait_for(pilot, lambda: "Samaritans" in screen_text(app) and screen_text(app))
        assert "Zephyrine" not in shown and "Quillon" not in shown
        assert (
            "Data folder:" in shown
            and "coach-hom" in shown
            and "999" in shown
            and "Samaritans" in shown
        )
        assert screen.query_one("#passphrase", Input).password
        # The command palette would list cases and plans: not while locked.
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen is screen
        # F2 works, and shows the region's lines but not the case's own contacts.
        await pilot.press("f2")
        help_now = await screen_in_front(pilot, SafetyHelpScreen)
        body = help_now.query_one("#safety-body").source
        assert "Samaritans" in body and "Quillon" not in body
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # A wrong passphrase: one clear line, the box emptied, still locked.
        await type_passphrase(pilot, "wrong guess!")
        message = screen.query_one(MessageLine)
        await wait_for(pilot, lambda: message.display)
        assert str(message.render()) == WRONG
        assert screen.query_one("#passphrase", Input).value == ""
        assert app.services.data.needs_passphrase
        # The right one: home, with the case.
        await type_passphrase(pilot, PASSPHRASE)
        home = await screen_in_front(pilot, HomeScreen)
        cases = home.query_one(CaseList)
        await wait_for(pilot, lambda: cases.option_count == 2)
        assert "Zephyrine" in str(cases.get_option_at_index(0).prompt)
        assert not app.is_locked


async def test_start_options_wait_until_unlocked(locked_home):
    """`coach start FLOW --case NAME` on a locked store: resolved once unlocked."""
    calls = []

    def prepare():
        calls.append(True)
        case = app.services.cases.find("Zephyrine")
        return {"case_limit": None, "start": ("de_escalation", case.id), "resume": None}

    app = make_app(waiting_workspace(), prepare=prepare)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen))
        assert calls == []
        await type_passphrase(pilot, PASSPHRASE)
        screen = await screen_in_front(pilot, ConversationScreen)
        assert screen.session.case["name"] == "Zephyrine"
        assert calls == [True]


async def test_a_problem_found_after_unlocking_ends_the_app_with_one_line(locked_home):
    from coach.errors import CoachError

    def prepare():
        raise CoachError("nothing to resume: no unfinished session")

    app = make_app(waiting_workspace(), prepare=prepare)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen))
        await type_passphrase(pilot, PASSPHRASE)
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.failure == "nothing to resume: no unfinished session"
    assert app.return_code == 1


async def test_the_app_locks_itself_when_idle_and_comes_back_where_it_was(locked_home):
    from coach.answer_file import read_answer_file
    from tests.conftest import ANSWERS

    ws = Workspace(passphrase=lambda: PASSPHRASE)
    case = ws.store.find_case("Zephyrine")
    flow = ws.catalogue.get("de_escalation")
    answers = read_answer_file(ANSWERS / "de_escalation.yaml", flow)
    plan_id = start_session(ws, "de_escalation", case, answers).plan_id
    app = make_app(ws, idle_lock_seconds=1.0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.open_plan(plan_id)
        plan = await screen_in_front(pilot, PlanScreen)
        app.notify("Saved for Zephyrine", markup=False)
        # Keys keep it open...
        for _ in range(8):
            await pilot.press("down")
            await pilot.pause(0.2)
        assert app.screen is plan
        # ...and without them it locks, covering everything and clearing notifications.
        lock = await screen_in_front(pilot, UnlockScreen)
        assert lock.idle
        await wait_for(pilot, lambda: toasts_shown(app) == 0)
        assert "Zephyrine" not in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen is lock
        await type_passphrase(pilot, "wrong guess!")
        await wait_for(pilot, lambda: lock.query_one(MessageLine).display)
        assert app.screen is lock
        await type_passphrase(pilot, PASSPHRASE)
        await wait_for(pilot, lambda: app.screen is plan)
        assert plan.shown == 1  # the same plan, as it was


async def test_idle_minutes_come_from_the_setting_and_zero_means_never(locked_home):
    ws = Workspace(passphrase=lambda: PASSPHRASE)
    assert make_app(ws).idle_lock_seconds == 5 * 60  # the default
    ws.store.set_setting(IDLE_LOCK_SETTING, "0.005")
    app = make_app(ws)
    assert app.idle_lock_seconds == pytest.approx(0.3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen))
        await wait_for(pilot, lambda: any(box.has_focus for box in app.screen.query("#passphrase")))
    ws.store.set_setting(IDLE_LOCK_SETTING, "0")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause(0.4)
        assert not app.is_locked


async def test_an_unlocked_store_never_shows_the_lock(home):
    from tests.functional.tui_support import workspace

    ws = workspace()
    ws.store.set_setting(IDLE_LOCK_SETTING, "0.001")
    app = make_app(ws)
    assert app.idle_lock_seconds == 0
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause(0.2)
        assert not app.is_locked
        await pilot.press("ctrl+p")  # the palette has no "Lock now" either
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_only_a_key_or_a_click_keeps_the_idle_lock_away(locked_home):
    clock = FakeClock()
    app = make_app(Workspace(passphrase=lambda: PASSPHRASE), idle_lock_seconds=60, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        home = await screen_in_front(pilot, HomeScreen)
        # The mouse moved (a sleeve, a cat): not use.
        clock.now += 50
        await pilot.hover(CaseList, offset=(1, 1))
        await pilot.hover(CaseList, offset=(3, 2))
        clock.now += 20
        app.lock_if_idle()
        lock = await screen_in_front(pilot, UnlockScreen)
        await type_passphrase(pilot, PASSPHRASE)
        await wait_for(pilot, lambda: app.screen is home)
        # A click is use.
        clock.now += 50
        await click(pilot, CaseList, offset=(1, 0))
        clock.now += 20
        app.lock_if_idle()
        await pilot.pause()
        assert app.screen is home
        # So is a key.
        clock.now += 50
        await pilot.press("down")
        clock.now += 20
        app.lock_if_idle()
        await pilot.pause()
        assert app.screen is home and lock not in app.screen_stack


async def test_hidden_the_app_does_not_lock_until_the_coach_is_brought_back(locked_home):
    clock = FakeClock()
    app = make_app(Workspace(passphrase=lambda: PASSPHRASE), idle_lock_seconds=60, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        home = await screen_in_front(pilot, HomeScreen)
        await pilot.press("f3")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "NeutralScreen")
        # Typing notes on the hidden page is not use of the coach, and the lock screen (which
        # names the coach) does not cover the notes page.
        clock.now += 45
        await pilot.press("h", "i")
        clock.now += 45
        app.lock_if_idle()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "NeutralScreen"
        await pilot.press("ctrl+r")
        lock = await screen_in_front(pilot, UnlockScreen)
        assert "Zephyrine" not in screen_text(app)
        await type_passphrase(pilot, PASSPHRASE)
        await wait_for(pilot, lambda: app.screen is home)
        assert lock not in app.screen_stack
