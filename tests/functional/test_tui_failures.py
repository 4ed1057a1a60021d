"""A failing store call in the app: a mistake it can explain is shown where it happened and the
app keeps going; a fault in the program ends it with one line that holds no answer."""

from __future__ import annotations

import pytest

from coach.errors import StoreError
from coach.store import Store
from coach.tui.failures import ProgramFault
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.widgets.base import MessageLine
from tests.functional.tui_support import (
    SIZE,
    answer,
    make_app,
    press_continue,
    wait_for,
    workspace,
)

SECRET = "my son punched the wall again"


async def at_first_question(app, pilot) -> ConversationScreen:
    screen = await wait_for(
        pilot, lambda: isinstance(app.screen, ConversationScreen) and app.screen
    )
    await wait_for(pilot, lambda: not screen.busy and screen.query("#continue"))
    await press_continue(pilot)
    await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
    return screen


async def test_a_store_error_is_shown_under_the_question_and_the_app_keeps_running(monkeypatch):
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("de_escalation", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_first_question(app, pilot)

        def full_disk(*args, **kwargs):
            raise StoreError("the disk holding coach.db is full; free some space and try again")

        monkeypatch.setattr(Store, "save_answer", full_disk)
        await answer(pilot, False, expect_move=False)
        line = screen.query_one(MessageLine)
        await wait_for(pilot, lambda: "disk" in str(line.render()))
        assert app.is_running and app.screen is screen
        assert screen.session.state == "now_danger"  # the first question, still


async def test_a_fault_ends_the_app_without_any_answer_in_the_report(monkeypatch):
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("de_escalation", sam.id))

    def fault(*args, **kwargs):
        raise ValueError(SECRET)

    with pytest.raises(ProgramFault) as caught:
        async with app.run_test(size=SIZE) as pilot:
            await at_first_question(app, pilot)
            monkeypatch.setattr(Store, "save_answer", fault)
            await answer(pilot, False, expect_move=False)
    shown = caught.value.__rich__().plain
    assert "ValueError" in shown and "Everything answered so far is saved" in shown
    assert SECRET not in shown
