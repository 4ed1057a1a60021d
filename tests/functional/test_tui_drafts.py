"""Text typed into an answer box and not sent yet is kept with the session and given back."""

from __future__ import annotations

from coach.store import Store
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.text_input import LongTextArea
from tests.functional.tui_support import (
    SIZE,
    answer,
    make_app,
    screen_in_front,
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
TYPED = "He threw the remote at the telly when I said"


async def at_what_happened(app, pilot) -> ConversationScreen:
    screen = await screen_in_front(pilot, ConversationScreen)
    await walk(pilot, SAFE, until="incident")
    await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
    assert screen.current_input.spec.id == "what_happened"
    return screen


async def type_into(pilot, screen: ConversationScreen, text: str) -> LongTextArea:
    area = screen.current_input.query_one(LongTextArea)
    area.focus()
    await pilot.press(*text)
    return area


async def test_unsent_text_is_kept_on_quit_and_put_back_on_resume():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("de_escalation", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_what_happened(app, pilot)
        session_id = screen.conversation.session_id
        await type_into(pilot, screen, TYPED)
        await pilot.press("ctrl+q")  # nothing unsaved to ask about: the draft is kept
        await wait_for(pilot, lambda: not app.is_running)
    assert ws.store.drafts(session_id) == {"what_happened": TYPED}

    again = make_app(ws, resume=session_id)
    async with again.run_test(size=SIZE) as pilot:
        screen = await wait_for(
            pilot, lambda: again.screen if isinstance(again.screen, ConversationScreen) else None
        )
        await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
        area = screen.current_input.query_one(LongTextArea)
        assert area.text == TYPED
        # Sending it makes it an answer, and the draft goes.
        await answer(pilot, TYPED + " it was bedtime.")
    assert ws.store.drafts(session_id) == {}
    assert ws.store.session(session_id).answers["what_happened"].startswith(TYPED)


async def test_a_pause_in_typing_keeps_the_draft_once_not_on_every_key(monkeypatch):
    saved: list[tuple[str, str]] = []
    real = Store.save_draft

    def counted(store, session_id, field_id, text):
        saved.append((field_id, text))
        real(store, session_id, field_id, text)

    monkeypatch.setattr(Store, "save_draft", counted)
    ws = workspace()
    app = make_app(ws, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_what_happened(app, pilot)
        await type_into(pilot, screen, TYPED)
        await wait_for(pilot, lambda: saved)  # a crash from now on loses nothing typed
        assert saved == [("what_happened", TYPED)]
        assert ws.store.drafts(screen.conversation.session_id) == {"what_happened": TYPED}


async def test_going_home_or_back_keeps_the_draft_of_the_question_left():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("de_escalation", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_what_happened(app, pilot)
        session_id = screen.conversation.session_id
        await type_into(pilot, screen, "Shouting")
        await pilot.press("ctrl+b")
        await wait_for(
            pilot, lambda: screen.current_input is not None and screen.current_input.spec.id in SAFE
        )
        assert ws.store.drafts(session_id) == {"what_happened": "Shouting"}
        await answer(pilot, SAFE[screen.current_input.spec.id])
        await wait_for(pilot, lambda: screen.current_input.spec.id == "what_happened")
        area = await type_into(pilot, screen, " again")
        assert area.text == "Shouting again"
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert ws.store.drafts(session_id) == {"what_happened": "Shouting again"}


async def test_a_needs_an_answer_line_goes_once_an_answer_is_typed():
    ws = workspace()
    app = make_app(ws, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_what_happened(app, pilot)
        await answer(pilot, "", expect_move=False)
        line = screen.query_one("#message")
        await wait_for(pilot, lambda: line.display and "needs an answer" in str(line.render()))
        await type_into(pilot, screen, "He")
        await wait_for(pilot, lambda: not line.display)


async def test_a_list_that_needs_an_entry_loses_the_line_once_one_is_added():
    from coach.answer_file import read_answer_file
    from tests.conftest import ANSWERS
    from tests.functional.tui_support import fill_group, start_session

    ws = workspace()
    sam = ws.store.create_case("Sam")
    flow = ws.catalogue.get("resisting_rules")
    answers = read_answer_file(ANSWERS / "resisting_rules.yaml", flow)
    conversation = start_session(ws, "resisting_rules", sam, answers, until="rules")
    conversation.close()
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
        assert screen.current_input.spec.id == "rules"
        await answer(pilot, [], expect_move=False)
        line = screen.query_one("#message")
        await wait_for(pilot, lambda: line.display and "needs an answer" in str(line.render()))
        await fill_group(pilot, screen.current_input, [{"rule": "No one goes in his room"}])
        await wait_for(pilot, lambda: not line.display)
