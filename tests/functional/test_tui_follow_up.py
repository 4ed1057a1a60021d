"""After the action: "How did it go?" on the plan screen, asked one question at a time."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from coach.answer_file import read_answer_file
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.how_it_went import FollowUpScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.safety_help import SafetyHelpScreen
from coach.tui.widgets.base import MessageLine
from coach.tui.widgets.scale import ScaleInput
from coach.tui.widgets.text_input import LongTextArea, LongTextInput, TextInput
from coach.tui.widgets.transcript import AnswerEntry, CoachMessage
from coach.tui.widgets.yes_no import YesNoInput
from tests.conftest import ANSWERS
from tests.functional.case_setup import SUPPORTERS
from tests.functional.tui_support import (
    SIZE,
    make_app,
    notices,
    screen_in_front,
    screen_text,
    start_session,
    wait_for,
    workspace,
)


def made_plan(ws, flow_id: str) -> int:
    case = ws.store.create_case(
        "Sam", {"supporters": SUPPORTERS, "adults": [{"name": "Jo"}, {"name": "Chris"}]}
    )
    answers = read_answer_file(ANSWERS / f"{flow_id}.yaml", ws.catalogue.get(flow_id))
    plan_id = start_session(ws, flow_id, case, answers).plan_id
    assert plan_id is not None
    return plan_id


async def open_plan(pilot, plan_id: int) -> PlanScreen:
    app = pilot.app
    await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")
    app.open_plan(plan_id)
    screen = await screen_in_front(pilot, PlanScreen)
    await wait_for(
        pilot, lambda: any(m.source for m in screen.query("#plan-markdown")) and screen.shown
    )
    return screen


def follow_up_screen(pilot) -> FollowUpScreen:
    screen = pilot.app.screen
    assert isinstance(screen, FollowUpScreen), screen
    return screen


async def ready(pilot) -> FollowUpScreen:
    screen = await wait_for(
        pilot, lambda: pilot.app.screen if isinstance(pilot.app.screen, FollowUpScreen) else None
    )
    await wait_for(pilot, lambda: not screen.busy and screen.query(".dock-content"))
    return screen


async def give(pilot, value, *, moves: bool = True) -> None:
    """Answer the follow-up's current question with the keyboard, as a person would."""
    screen = await ready(pilot)
    before = screen.index
    widget = screen.current_input
    assert widget is not None
    if isinstance(widget, LongTextInput):
        area = widget.query_one(LongTextArea)
        area.load_text(value)
        area.focus()
        await pilot.press("ctrl+s")
    elif isinstance(widget, TextInput):
        box = widget.query_one(Input)
        box.value = value
        box.focus()
        await pilot.press("enter")
    elif isinstance(widget, YesNoInput):
        await pilot.press("y" if value else "n")
    elif isinstance(widget, ScaleInput):
        await pilot.press(*str(value), "enter")
    else:  # pragma: no cover
        raise AssertionError(widget)
    if moves:
        await wait_for(pilot, lambda: screen.index != before and not screen.busy)
    else:
        await wait_for(pilot, lambda: screen.query_one("#dock MessageLine").display)


def message(screen) -> str:
    return str(screen.query_one("#dock MessageLine", MessageLine).render())


async def test_how_did_it_go_asks_stores_and_shows_a_new_revision():
    ws = workspace()
    plan_id = made_plan(ws, "sit_in")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(pilot, plan_id)
        assert plan.query_one("#follow-up-button").display
        # The button and the footer key, once the screen has been drawn (it may take a few
        # frames on a busy machine).
        await wait_for(pilot, lambda: "How did it go?" in screen_text(app))
        await pilot.press("h")
        screen = await ready(pilot)
        said = screen.query_one(CoachMessage).source
        assert said.startswith("## How did it go?") and "did something hard" in said
        assert "(1 of 9)" in str(screen.query_one(".question-label").render())
        # A required answer left empty: the message in place, still the first question.
        await give(pilot, "   ", moves=False)
        assert message(screen) == "This one needs an answer before we go on."
        assert screen.index == 0
        await give(pilot, "We sat for 30 minutes; [bold]he shouted[/bold] at first.")
        await give(pilot, "He put his headphones on, then asked us to go.")
        await give(pilot, True)
        await give(pilot, 7)
        # Too long for a one-line answer: the engine's message, what was typed kept.
        await give(pilot, "x" * 600, moves=False)
        assert "please keep it under 500" in message(screen)
        assert screen.current_input.query_one(Input).value == "x" * 600
        await give(pilot, "Staying quiet together")
        # Back one question: the answer is filled in; the optional last one is skipped.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: screen.index == 4 and not screen.busy)
        assert screen.current_input.query_one(Input).value == "Staying quiet together"
        await give(pilot, "Staying quiet together")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: screen.index == 6 and not screen.busy)
        await give(pilot, False)  # no one was hurt
        await give(pilot, False)  # the parent has no thoughts of harming themselves
        await give(pilot, False)  # and is coping
        await wait_for(pilot, lambda: screen.index == 9 and screen.query("#follow-up-save"))
        entries = [e.answer for e in screen.query(AnswerEntry)]
        assert entries[0] == "We sat for 30 minutes; [bold]he shouted[/bold] at first."
        assert len(entries) == 8 and "7" in entries[3]
        screen.query_one("#follow-up-save").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is plan)
        await wait_for(pilot, lambda: "How it went" in plan.query_one("#plan-markdown").source)
        assert plan.shown == 2
        assert plan.query_one("#revisions", OptionList).option_count == 2
        assert "revision 2 of 2" in str(plan.query_one("#plan-title").render())
        assert any("revision 2" in n.message for n in notices(app))
    follow_ups = ws.store.follow_ups(plan_id)
    assert len(follow_ups) == 1
    assert follow_ups[0].answers == {
        "what_happened": "We sat for 30 minutes; [bold]he shouted[/bold] at first.",
        "young_person_response": "He put his headphones on, then asked us to go.",
        "suggestion_offered": True,
        "adults_calm": 7,
        "keep": "Staying quiet together",
        "hurt_or_escalated": False,
        "own_crisis": False,
        "hard_to_cope": False,
    }
    revisions = ws.store.revisions(plan_id)
    assert len(revisions) == 2
    assert "## How it went" in revisions[1].body and "## How it went" not in revisions[0].body
    assert "**How calm we stayed:** 7 out of 10" in revisions[1].body


async def test_someone_hurt_shows_help_now_and_the_plan_carries_a_safety_plan():
    ws = workspace()
    plan_id = made_plan(ws, "sit_in")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(pilot, plan_id)
        await pilot.press("h")
        screen = await ready(pilot)
        await give(pilot, "He threw a chair and hit Jo's arm.")
        for _ in range(5):
            await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: screen.index == 6 and not screen.busy)
        await give(pilot, True)  # someone was hurt: help now opens at once
        await wait_for(pilot, lambda: isinstance(app.screen, SafetyHelpScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await give(pilot, False)
        await give(pilot, False)
        await wait_for(pilot, lambda: screen.query("#follow-up-save"))
        screen.query_one("#follow-up-save").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is plan)
    body = ws.store.plan(plan_id).body
    assert "### Someone was hurt, or things got worse" in body
    assert "**A safe room** you can go to, with a phone" in body
    assert "protection, for everyone" in body and "It is not a betrayal." in body


async def test_finding_it_hard_to_cope_shows_support_in_place_not_the_danger_guidance():
    ws = workspace()
    plan_id = made_plan(ws, "sit_in")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(pilot, plan_id)
        await pilot.press("h")
        screen = await ready(pilot)
        await give(pilot, "It was calm, but I am worn out.")
        for _ in range(5):
            await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: screen.index == 6 and not screen.busy)
        await give(pilot, False)
        await give(pilot, False)
        await give(pilot, True)  # finding it very hard to cope
        await wait_for(pilot, lambda: screen.query("#follow-up-save"))
        assert app.screen is screen  # not the help screen about danger
        [note] = [m for m in screen.query(CoachMessage) if "not a failing" in m.source]
        assert "Childline" not in note.source
        screen.query_one("#follow-up-save").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is plan)
    body = ws.store.plan(plan_id).body
    assert "### Not for the family: how I am doing" in body
    assert "I said I was finding it very hard to cope." in body


async def test_a_plan_without_follow_up_questions_offers_none():
    ws = workspace()
    plan_id = made_plan(ws, "de_escalation")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(pilot, plan_id)
        assert not plan.query_one("#follow-up-button").display
        assert plan.check_action("follow_up", ()) is False
        assert "How did it go?" not in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is plan
    assert len(ws.store.revisions(plan_id)) == 1


async def test_leaving_asks_first_and_keeps_nothing():
    ws = workspace()
    plan_id = made_plan(ws, "reconciliation_gestures")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(pilot, plan_id)
        plan.query_one("#follow-up-button").focus()
        await pilot.press("enter")
        screen = await ready(pilot)
        await give(pilot, "A hot chocolate left by the door")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is plan)
    assert ws.store.follow_ups(plan_id) == [] and len(ws.store.revisions(plan_id)) == 1


async def test_a_problem_when_adding_shows_its_line_in_place():
    """The plan was deleted in another window meanwhile: one line, nothing added."""
    ws = workspace()
    plan_id = made_plan(ws, "sit_in")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot, plan_id)
        await pilot.press("h")
        screen = await ready(pilot)
        await give(pilot, "It was calm.")
        for _ in range(5):
            await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: screen.index == 6 and not screen.busy)
        await give(pilot, False)
        await give(pilot, False)
        await give(pilot, False)
        await wait_for(pilot, lambda: screen.query("#follow-up-save"))
        ws.store.delete_plan(plan_id)
        screen.query_one("#follow-up-save").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.query_one("#dock MessageLine").display)
        assert message(screen) == f"no plan with id {plan_id}; 'coach plans' lists them"
        assert app.screen is screen
