"""Resuming: what the conversation has to tell is shown, and the session's claim is released."""

from __future__ import annotations

import os
import socket

from coach.services.sessions import Conversation
from coach.store import this_owner
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.home import HomeScreen
from tests.conftest import TODAY, drop_extra_step, walk_to_extra
from tests.functional.tui_support import (
    SHORT_CHECK,
    SIZE,
    answer,
    make_app,
    notices,
    press_continue,
    screen_in_front,
    screen_text,
    wait_for,
    workspace,
)


def claims(ws, session_id: int) -> set[str]:
    """Which windows have the session open."""
    rows = ws.store.connection.execute(
        "SELECT owner FROM session_claims WHERE session_id = ?", (session_id,)
    )
    return {row["owner"] for row in rows}


async def conversation_ready(pilot) -> ConversationScreen:
    screen = await screen_in_front(pilot, ConversationScreen)
    await wait_for(pilot, lambda: screen.query(".dock-content") and not screen.busy)
    return screen


def notices_in(screen: ConversationScreen) -> list[str]:
    return [str(n.render()) for n in screen.query(".notice")]


async def test_a_session_open_in_another_window_is_said_on_resuming(mini_folder):
    ws = workspace(flows=mini_folder)
    conversation = Conversation.start(ws.store, ws.catalogue.get("mini"), case=None, today=TODAY)
    conversation.advance()
    other_window = f"{socket.gethostname()}:{os.getppid()}"
    ws.store.claim_session(conversation.session_id, other_window)
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await conversation_ready(pilot)
        shown = notices_in(screen)
        assert len(shown) == 1 and "also open in another window" in shown[0]
        # At the top of the transcript, before the coach's first message; and a notification.
        assert screen.transcript.children[0].has_class("notice")
        assert any("another window" in n.message for n in notices(app))
        assert "also open in another window" in screen_text(app)
        assert claims(ws, conversation.session_id) == {this_owner(), other_window}
    # Quitting the app releases this window's claim; the other window still has it open.
    assert claims(ws, conversation.session_id) == {other_window}


async def test_a_changed_flow_is_said_on_resuming(home, mini_folder, edit):
    ws = workspace(flows=mini_folder)
    conversation = Conversation.start(ws.store, ws.catalogue.get("mini"), case=None, today=TODAY)
    walk_to_extra(conversation)
    conversation.close()
    # The flow loses the step the session stopped at.
    drop_extra_step(mini_folder, edit)
    changed = workspace(flows=mini_folder)
    assert not changed.catalogue.problems
    app = make_app(changed, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await conversation_ready(pilot)
        shown = notices_in(screen)
        assert len(shown) == 1
        assert "has changed since this session began" in shown[0] and "(ask)" in shown[0]
        assert screen.session.state == "ask"
        assert screen.transcript.children[0].has_class("notice")


async def test_leaving_a_conversation_releases_its_claim():
    ws = workspace()
    app = make_app(ws, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await conversation_ready(pilot)
        session_id = screen.conversation.session_id
        assert claims(ws, session_id) == {this_owner()}
        assert notices_in(screen) == []  # a fresh start has nothing to say
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_for(pilot, lambda: not claims(ws, session_id))
        # Resuming from home claims it again.
        app.resume_session(session_id)
        await conversation_ready(pilot)
        assert claims(ws, session_id) == {this_owner()}
    assert not claims(ws, session_id)


async def test_a_notice_given_while_answering_follows_the_answer():
    """A name already used by another case: said in place, and the case keeps its name."""
    ws = workspace()
    ws.store.create_case("Sam")
    alex = ws.store.create_case("Alex")
    app = make_app(ws, start=("support_network", alex.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await conversation_ready(pilot)
        await press_continue(pilot)
        for _ in SHORT_CHECK:
            await answer(pilot, False)
        assert screen.current_field.id == "young_person"
        await answer(pilot, "Sam")
        await wait_for(pilot, lambda: notices_in(screen))
        assert notices_in(screen) == [
            "There is already a case called 'Sam', so this case keeps its name."
        ]
        assert screen.transcript.children[-1].has_class("notice")
    assert ws.store.case(alex.id).name == "Alex"
