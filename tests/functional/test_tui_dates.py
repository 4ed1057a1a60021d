"""Dates as a tired parent types them: "yesterday" and a weekday in the question's direction,
with the format said once, beside the box."""

from __future__ import annotations

from coach.tui.screens.conversation import ConversationScreen
from tests.functional.tui_support import (
    SIZE,
    answer,
    make_app,
    screen_in_front,
    walk,
    workspace,
)

SAFE = {
    "immediate_danger": False,
    "young_person_missing": False,
    "self_harm_risk": False,
    "adult_hurt_child": False,
    "what_happened": "Sam kicked the bedroom door when I asked for the phone.",
}


async def test_an_incident_date_takes_a_weekday_as_the_last_one_and_says_its_format_once():
    app = make_app(workspace(), start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, SAFE, until="incident")
        while screen.current_input.spec.id != "incident_date":
            await answer(pilot, SAFE.get(screen.current_input.spec.id))
        texts = [str(s.render()) for s in screen.query("#dock .hint, #dock .format")]
        assert sum("YYYY-MM-DD" in text for text in texts) == 1
        assert any("last Saturday" in text for text in texts)
        await answer(pilot, "Saturday")  # today is Friday 27 November 2026
        assert screen.session.answers["incident_date"] == "2026-11-21"
