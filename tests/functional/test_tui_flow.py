"""Walking a flow through the conversation screen, with the keyboard, against a real store."""

from __future__ import annotations

from coach.answer_file import read_answer_file
from coach.flowformat.machine import StateKind
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.home import HomeScreen, SessionList
from coach.tui.widgets.base import MessageLine
from coach.tui.widgets.transcript import AnswerEntry, CoachMessage, SummaryList
from tests.conftest import ANSWERS
from tests.functional.tui_support import (
    SIZE,
    answer,
    conversation_screen,
    make_app,
    press_continue,
    screen_in_front,
    wait_for,
    walk,
    workspace,
)


def good_answers(ws):
    return read_answer_file(ANSWERS / "de_escalation.yaml", ws.catalogue.get("de_escalation"))


def widget_kinds(screen: ConversationScreen) -> set[str]:
    return {type(w).__name__ for w in screen.query(".field-input")}


async def test_finish_de_escalation_with_the_keyboard():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    answers = good_answers(ws)
    app = make_app(ws, start=("de_escalation", sam.id))
    used: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen))
        screen = conversation_screen(pilot)
        while not screen.session.is_finished:
            await wait_for(
                pilot,
                lambda: not screen.busy and (screen.current_input or screen.query("#continue")),
            )
            if screen.current_input is None:
                if screen.session.kind is StateKind.SUMMARY:
                    rows = dict(screen.query_one(SummaryList).rows)
                    assert rows["What happened?"] == answers["what_happened"]
                    assert rows["When did it happen?"] == "Tuesday 24 November 2026"
                    assert not app.services.plans.all(), "the plan is made only after the summary"
                await press_continue(pilot)
                continue
            used.add(type(screen.current_input).__name__)
            await answer(pilot, answers.get(screen.current_input.spec.id))
        assert screen.session.kind is StateKind.END
        await wait_for(pilot, lambda: screen.query("#open-plan"))
        transcript = [w.answer for w in screen.query(AnswerEntry)]
        assert answers["what_happened"] in transcript
        assert "Tuesday 24 November 2026" in transcript
        assert "8 (on a scale of 0 to 10)" in transcript
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PlanScreen")
    assert used == {
        "YesNoInput",
        "LongTextInput",
        "TypedInput" if False else "DateInput",
        "TextInput",
        "MultiChoiceInput",
        "ScaleInput",
        "ChoiceInput",
        "TimeInput",
    }
    [plan] = ws.store.plans()
    body = ws.store.plan(plan.id).body
    assert plan.title == "De-escalation plan for Sam"
    assert "On the landing outside Sam" in body
    assert "I won't accept this. I'll come back to it later." in body
    assert "Saturday 5 December 2026 at 19:30" in body
    record = ws.store.session(ws.store.sessions()[0].id)
    assert record.status == "finished"
    assert record.answers["heat"] == 8
    assert record.answers["later_time"] == "19:30"
    assert record.answers["step_out_actions"] == ["lower_voice", "leave_room", "holding_phrase"]


async def test_going_back_two_steps_and_changing_an_answer_reroutes():
    ws = workspace()
    answers = {**good_answers(ws), "pattern": "mutual"}
    app = make_app(ws, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, answers, until="step_out")
        session = screen.session
        assert session.path[-3:] == ["pattern", "mutual_notes", "step_out"]
        mutual = [w for w in screen.query(AnswerEntry) if w.answer == answers["earliest_exit"]]
        assert mutual, "the mutual-escalation answers are in the transcript"
        # Back through the two questions of mutual_notes, then to the pattern question.
        for _ in range(3):
            before = (session.state, screen.field_index)
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda b=before: (session.state, screen.field_index) != b)
        assert session.state == "pattern"
        assert screen.current_input is not None and screen.current_input.value == "mutual", (
            "prefilled"
        )
        assert not [w for w in screen.query(AnswerEntry) if w.answer == answers["earliest_exit"]]
        await answer(pilot, "giving_in")
        assert session.state == "giving_in_notes"
        assert "mutual_notes" not in session.path
        record = ws.store.session(ws.store.sessions()[0].id)
        assert record.answers["pattern"] == "giving_in"
        assert record.state == "giving_in_notes"
        assert "mutual_notes" not in record.history
        assert "raised_temperature" not in session.path_answers
        await walk(pilot, answers)
    body = ws.store.plan(ws.store.plans()[0].id).body
    assert "Giving-in escalation" in body
    assert answers["raised_temperature"] not in body
    assert answers["gave_in_to"] in body


async def test_quit_mid_flow_then_resume_and_finish_with_earlier_answers():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    answers = good_answers(ws)
    first = make_app(ws, start=("de_escalation", sam.id))
    async with first.run_test(size=SIZE) as pilot:
        screen = await wait_for(
            pilot, lambda: first.screen if isinstance(first.screen, ConversationScreen) else None
        )
        await walk(pilot, answers, until="lead_up")
        await answer(pilot, answers["lead_up"])
        assert (screen.session.state, screen.field_index) == ("lead_up", 1)
        await pilot.press("ctrl+q")
    session_id = ws.store.sessions()[0].id
    assert ws.store.session(session_id).answers["lead_up"] == answers["lead_up"]

    again = workspace()
    second = make_app(again)
    async with second.run_test(size=SIZE) as pilot:
        home = await wait_for(
            pilot, lambda: second.screen if isinstance(second.screen, HomeScreen) else None
        )
        sessions = home.query_one(SessionList)
        await wait_for(pilot, lambda: sessions.has_focus)
        assert sessions.option_count == 1
        await pilot.press("enter")
        screen = await wait_for(
            pilot, lambda: second.screen if isinstance(second.screen, ConversationScreen) else None
        )
        await wait_for(pilot, lambda: screen.current_input is not None)
        assert (screen.session.state, screen.field_index) == ("lead_up", 1), "exactly there"
        shown = [w.answer for w in screen.query(AnswerEntry)]
        assert answers["what_happened"] in shown and answers["lead_up"] in shown
        # welcome, the four steps of the "right now" check, incident, lead-up
        assert len(screen.transcript.query(CoachMessage)) == 7
        await walk(pilot, answers)
    body = again.store.plan(again.store.plans()[0].id).body
    assert "When I asked Sam to hand over the phone" in body
    assert answers["lead_up"] in body
    assert again.store.session(session_id).status == "finished"


async def test_invalid_answer_shows_the_message_in_place_and_keeps_the_text():
    ws = workspace()
    answers = good_answers(ws)
    app = make_app(ws, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, answers, until="incident")
        await answer(pilot, "Too short", expect_move=False)
        message = await wait_for(
            pilot, lambda: screen.query_one(MessageLine).display and screen.query_one(MessageLine)
        )
        assert "A little more detail" in str(message.render())
        assert screen.current_input.value == "Too short"
        assert screen.field_index == 0
        # Advice (warn) is shown once; sending the same words again accepts them.
        plain = "They [bold]shouted[/x] and kicked the door."
        await walk(pilot, {**answers, "what_happened": plain}, until="step_out")
        await answer(pilot, ["stay_quiet", "count to ten"])  # a ticked choice and one of my own
        await answer(pilot, "My jaw goes tight")
        await answer(pilot, "Put the phone down or else", expect_move=False)
        await wait_for(pilot, lambda: screen.query_one(MessageLine).display)
        line = screen.query_one(MessageLine)
        assert line.has_class("-warning") and "could be heard as a threat" in str(line.render())
        assert screen.current_input.value == "Put the phone down or else"
        before = screen.session.state
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.session.state != before)
        assert screen.session.answers["phrase"] == "Put the phone down or else"
        assert screen.session.answers["step_out_actions"] == ["stay_quiet", "count to ten"]
        entry = next(w for w in screen.query(AnswerEntry) if w.answer == plain)
        assert "[bold]shouted[/x]" in str(entry.render()), "answers stay plain text"


async def test_ctrl_l_skips_an_optional_question_only():
    ws = workspace()
    answers = good_answers(ws)
    app = make_app(ws, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, answers, until="incident")
        await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
        assert screen.current_field.id == "what_happened" and screen.current_field.required
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert screen.current_field.id == "what_happened", "a required question stays"
        await answer(pilot, answers["what_happened"])
        assert not screen.current_field.required
        optional = screen.current_field.id
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: screen.current_field.id != optional and not screen.busy)
        assert optional not in screen.session.answers
