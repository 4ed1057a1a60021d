"""The new flows in the app: the presence flow's own stop when the young person is missing, and
the telephone list typed row by row and kept on the case."""

from __future__ import annotations

import pytest

from coach.answer_file import read_answer_file
from coach.flowformat.machine import StateKind
from coach.safety import REGION_SETTING
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.widgets.transcript import CoachMessage
from tests.conftest import ANSWERS
from tests.functional.tui_support import SIZE, make_app, screen_in_front, walk, workspace

ROWS = [
    {"name": "Kai's mum (Lena)", "phone": "07700 900456", "notes": "Kai plays football with Sam"},
    {"name": "Grandad Ray", "phone": "01632 960777"},
]


async def test_missing_now_shows_the_police_first_and_makes_no_plan():
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("parental_presence", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, {"immediate_danger": False, "young_person_missing": True})
        assert screen.session.state == "missing_stop"
        assert screen.session.kind is StateKind.SAFETY_STOP
        [stop] = [m for m in screen.query(CoachMessage) if m.has_class("safety")]
        assert stop.source.index("Call the police on 999") < stop.source.index("While you wait")
    assert ws.store.plans() == []


@pytest.mark.slow
async def test_the_telephone_list_is_typed_in_the_app_and_kept_on_the_case():
    ws = workspace()
    sam = ws.store.create_case("Sam", {"adults": [{"name": "Jo"}], "supporters": [{"name": "Ana"}]})
    answers = read_answer_file(
        ANSWERS / "parental_presence.yaml", ws.catalogue.get("parental_presence")
    )
    answers["phone_list"] = ROWS
    app = make_app(ws, start=("parental_presence", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, answers)
        assert screen.session.kind is StateKind.END
    [plan] = ws.store.plans()
    body = ws.store.plan(plan.id).body
    assert "| Kai's mum (Lena) |  | 07700 900456 | Kai plays football with Sam |" in body
    assert ws.store.case(sam.id).profile["phone_list"] == ROWS
