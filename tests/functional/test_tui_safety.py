"""Safety on screen: the safety stop, help now from anywhere, quick hide, the first run."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown, Select, Static

from coach.flowformat.machine import StateKind
from coach.safety import REGION_SETTING
from coach.services.settings import WELCOMED_SETTING
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.first_run import FirstRunScreen
from coach.tui.screens.hide import NeutralScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.safety_help import SafetyHelpScreen
from coach.tui.widgets.transcript import CoachMessage
from tests.functional.tui_support import (
    SIZE,
    answer,
    click,
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


def text_of(markdown: Markdown) -> str:
    return markdown.source


async def test_a_safety_stop_whose_own_words_fail_shows_the_guidance_and_the_app_goes_on(
    mini_folder, edit
):
    """A practitioner's own flow whose stop divides by zero for this case: before, the app
    ended ("NVR Coach stopped") just as the parent said someone was in danger."""
    edit(
        mini_folder / "flows/mini.yaml",
        "say: \"{% include 'safety_guidance' %}\"",
        'say: "{{ 10 // (case.name | length - 2) }} things"',
    )
    ws = workspace(flows=mini_folder)
    ws.store.set_setting(REGION_SETTING, "GB")
    al = ws.store.create_case("Al", {})
    app = make_app(ws, start=("mini", al.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, {"danger": True})
        assert screen.session.state == "stop" and app.is_running
        stop = [m for m in screen.query(CoachMessage) if m.has_class("safety")]
        assert len(stop) == 1
        said = text_of(stop[0])
        assert "could not be shown" in said and "division or modulo by zero" in said
        assert "right now, call 999" in said and "Samaritans" in said
        assert screen.query_one("#help-now")


async def test_safety_stop_shows_guidance_makes_no_plan_and_records_a_confirmed_back():
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    sam = ws.store.create_case(
        "Sam", {"contacts": [{"name": "Dr Rao", "role": "GP", "phone": "01234 567890"}]}
    )
    app = make_app(ws, start=("de_escalation", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, {}, until="now_danger")
        await answer(pilot, True)  # immediate danger: yes, and its help shows at once
        assert screen.session.state == "safety_stop"
        stop = [m for m in screen.query(CoachMessage) if m.has_class("safety")]
        assert len(stop) == 1
        guidance = text_of(stop[0])
        assert "Call 999 now" in guidance and "Samaritans" in guidance
        assert "Dr Rao" in guidance and "01234 567890" in guidance
        assert screen.query_one("#safe-back") and screen.query_one("#help-now")
        assert ws.store.plans() == []
        session_id = screen.conversation.session_id
        [listed] = app.services.sessions.in_progress(sam.id)
        assert listed.id == session_id and listed.status == "stopped"
        assert ws.store.session(session_id).status == "active"  # the file does not say
        # Going back needs a confirmation that everyone is safe; "no" stays.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.session.state == "safety_stop"
        assert ws.store.events(session_id) == []
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.session.state == "now_danger")
        assert not [m for m in screen.query(CoachMessage) if m.has_class("safety")]
        [event] = ws.store.events(session_id)
        assert event.kind == "left_stop" and "confirmed everyone is safe" in event.detail
        assert ws.store.session(session_id).status == "active"
        assert getattr(screen.current_field, "id", None) == "immediate_danger"
    assert ws.store.plans() == []


async def test_help_now_opens_from_every_screen_with_both_keys():
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "US")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        footer_keys = {b.binding.key_display for b in app.screen.active_bindings.values()}
        assert "F2" in footer_keys
        await pilot.press("f2")
        help_screen = await screen_in_front(pilot, SafetyHelpScreen)
        body = text_of(help_screen.query_one("#safety-body", Markdown))
        assert "call 911." in body and "988" in body
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.start_flow("de_escalation")
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, SAFE, until="incident")
        await pilot.press("ctrl+g")  # for terminals without function keys
        await wait_for(pilot, lambda: isinstance(app.screen, SafetyHelpScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.current_input is not None and screen.current_input.spec.id == "what_happened"


async def test_quick_hide_covers_everything_until_the_deliberate_key():
    app = make_app(start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, SAFE, until="incident")
        await pilot.press("f3")
        neutral = await screen_in_front(pilot, NeutralScreen)
        shown = app.export_screenshot()
        assert "Notes" in shown
        for private in ("incident", "NVR", "Coach", "danger", "Help now", "Hide"):
            assert private not in shown, private
        for key in ("escape", "f1", "ctrl+b", "enter", "ctrl+p", "f3"):
            await pilot.press(key)
        assert app.screen is neutral, "only the deliberate key brings the coach back"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.session.state == "incident"
        await pilot.press("ctrl+n")  # the other hide key
        await wait_for(pilot, lambda: isinstance(app.screen, NeutralScreen))


async def test_first_run_explains_asks_the_region_and_offers_a_case():
    ws = workspace(welcomed=False)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        first = await screen_in_front(pilot, FirstRunScreen)
        text = " ".join(str(s.render()) for s in first.query(".intro-line"))
        assert "planning aid" in text and "professional help" in text
        assert "stays on this computer" in text
        first.query_one(Select).value = "IE"
        await click(pilot, "#case")
        from coach.tui.screens.prompt import TextPrompt

        prompt = await screen_in_front(pilot, TextPrompt)
        await pilot.press(*"Zoë", "enter")
        home = await screen_in_front(pilot, HomeScreen)
        assert prompt is not app.screen
        await wait_for(pilot, lambda: home.selected_case is not None)
    assert ws.store.setting(REGION_SETTING) == "IE"
    assert ws.store.setting(WELCOMED_SETTING) == "1"
    assert [c.name for c in ws.store.cases()] == ["Zoë"]


@pytest.mark.parametrize("size", [SIZE, (60, 14)])
async def test_tab_on_the_first_run_goes_round_what_can_be_used(size):
    """From "Just start", Tab reaches the region and Enter opens it: before, a stop on the
    invisible scroll frame took the Tab and the Enter, which read as lost keys. When the
    screen is too small for the form, the frame takes a stop so the arrows can scroll it."""
    app = make_app(workspace(welcomed=False))
    async with app.run_test(size=size) as pilot:
        first = await screen_in_front(pilot, FirstRunScreen)
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "case")
        scrolls = size != SIZE
        await pilot.press("tab", "tab")
        if scrolls:
            assert app.focused is first.query_one("#first-run")
            await pilot.press("tab")
        assert app.focused is first.query_one(Select)
        await pilot.press("enter")
        await wait_for(pilot, lambda: first.query_one(Select).expanded)


async def test_a_locked_stop_is_left_only_by_answering_again():
    """An adult hurting the young person: no plan, no "it was a mistake" button; going back
    clears the yes, and the revisit is kept with the session."""
    ws = workspace()
    app = make_app(ws, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, {**SAFE, "adult_hurt_child": True})
        assert screen.session.kind is StateKind.SAFETY_STOP
        assert screen.session.state == "protect_stop"
        assert not screen.query("#safe-back")
        session_id = screen.conversation.session_id
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.session.state == "now_adult_harm")
        assert "adult_hurt_child" not in screen.session.answers
        assert "adult_hurt_child" not in ws.store.session(session_id).answers
        assert getattr(screen.current_field, "id", None) == "adult_hurt_child"
        [event] = ws.store.events(session_id)
        assert event.kind == "left_stop"
        assert event.detail == "went back from 'protect_stop' to answer again"
    assert ws.store.plans() == []


async def test_the_first_run_is_seen_whatever_the_coach_opens_on_and_then_opens_it():
    """`coach start FLOW` on a new store: the "planning aid" line is where the coach is first
    seen, then the flow opens; no case is offered, since one was asked for."""
    ws = workspace(welcomed=False)
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("de_escalation", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        first = await screen_in_front(pilot, FirstRunScreen)
        text = " ".join(str(s.render()) for s in first.query(".intro-line"))
        assert "planning aid" in text
        assert [b.id for b in first.query("Button")] == ["start"]
        await pilot.press("enter")
        screen = await screen_in_front(pilot, ConversationScreen)
        assert screen.session.case["name"] == "Sam"
    assert app.services.settings.welcomed


async def test_first_run_in_practitioner_mode_makes_no_promise_of_confidentiality():
    ws = workspace(welcomed=False)
    app = make_app(ws, practitioner=True)
    async with app.run_test(size=SIZE) as pilot:
        first = await screen_in_front(pilot, FirstRunScreen)
        text = " ".join(str(s.render()) for s in first.query(".intro-line"))
        assert "planning aid" in text
        assert "readable only by you" not in text
        assert "Your service's rules on records and sharing apply" in text


async def test_the_first_run_region_is_the_one_the_system_locale_names(monkeypatch):
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "en_IE.UTF-8")
    app = make_app(workspace(welcomed=False))
    async with app.run_test(size=SIZE) as pilot:
        first = await screen_in_front(pilot, FirstRunScreen)
        assert first.query_one(Select).value == "IE"


def dock_buttons(screen: ConversationScreen) -> dict[str, str]:
    return {str(b.id): str(b.label) for b in screen.query("#dock Button")}


async def test_each_kind_of_stop_offers_a_way_back_in_its_own_words():
    """Danger: "everyone is safe". The parent's own crisis: about them, not "everyone".
    Abuse, exploitation or an adult hurting the young person: no button, only the keys."""
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    app = make_app(ws, start=("delayed_action", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, {}, until="now_danger")
        await answer(pilot, True)
        assert screen.session.state == "safety_stop"
        assert dock_buttons(screen)["safe-back"] == "It was a mistake: everyone is safe"
        await click(pilot, "#safe-back")
        dialog = await screen_in_front(pilot, ConfirmDialog)
        assert dialog.title_text == "Is everyone safe right now?"
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.session.state == "now_danger")

        await walk(pilot, {**SAFE, "own_crisis": True, "hard_to_cope": False})
        assert screen.session.state == "own_crisis_stop"
        assert screen.session.history[-1] == "own_crisis_check"  # help at the first yes
        assert "hard_to_cope" not in screen.session.answers
        [stop] = [m for m in screen.query(CoachMessage) if m.has_class("safety")]
        words = text_of(stop)
        assert "You matter too" in words and "Samaritans" in words
        assert "Childline" not in words  # lines for adults, not the young person's
        buttons = dock_buttons(screen)
        assert buttons["safe-back"] == "I said yes by mistake"
        assert not any("everyone" in label for label in buttons.values())
        await click(pilot, "#safe-back")
        dialog = await screen_in_front(pilot, ConfirmDialog)
        assert "everyone" not in dialog.title_text + dialog.body
        assert "lines on this page" in dialog.body
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.session.state == "own_crisis_stop"
        await click(pilot, "#safe-back")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.session.state == "own_crisis_check")
        # The sealed note says what the parent said, not that "everyone is safe".
        left = ws.store.events(screen.conversation.session_id)[-1]
        assert left.detail == "left 'own_crisis_stop': the caregiver said the yes was a mistake"
    assert ws.store.plans() == []


async def help_now_words(pilot, screen: ConversationScreen) -> str:
    """F2 over the conversation: the page's words, then back."""
    app = pilot.app
    await pilot.press("f2")
    page = await screen_in_front(pilot, SafetyHelpScreen)
    words = text_of(page.query_one("#safety-body", Markdown))
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is screen)
    return words


@pytest.mark.parametrize(
    ("answers", "at", "lead"),
    [
        ({"own_crisis": True}, "own_crisis_stop", "If you might act on thoughts of harming"),
        ({"own_crisis": False, "hard_to_cope": True}, "coping_note", "Finding it very hard to"),
    ],
)
async def test_help_now_leads_with_lines_for_you_once_you_say_you_are_struggling(answers, at, lead):
    """F2 leads with danger to anyone; once the parent has said they are struggling it leads
    with what that step said to them and the lines for adults, and does not list them twice."""
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    app = make_app(ws, start=("delayed_action", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        before = await help_now_words(pilot, screen)
        assert before.startswith("**If anyone is in danger right now, call 999.**")
        assert "For you, first" not in before
        await walk(pilot, {**SAFE, **answers}, until=at)
        assert screen.session.state == at
        after = await help_now_words(pilot, screen)
        assert after.startswith(f"**For you, first.** {lead}")
        assert after.index("Samaritans") < after.index("A missing young person")
        assert after.count("Samaritans") == 1 and "For you, if you are struggling" not in after


async def test_finding_it_hard_to_cope_shows_a_note_and_the_late_night_flow_goes_on():
    ws = workspace()
    ws.store.set_setting(REGION_SETTING, "GB")
    app = make_app(ws, start=("delayed_action", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, {**SAFE, "own_crisis": False, "hard_to_cope": True}, until="incident")
        assert screen.session.history[-3:] == ["own_crisis_check", "coping_check", "coping_note"]
        [note] = [m for m in screen.query(CoachMessage) if "not a failing" in m.source]
        assert "Samaritans" in note.source and "Childline" not in note.source
        assert not [m for m in screen.query(CoachMessage) if m.has_class("safety")]
        assert screen.session.state == "incident"
    assert ws.store.events(screen.conversation.session_id) == []


async def test_an_abuse_stop_has_no_mistake_button_and_says_how_to_answer_again():
    ws = workspace()
    app = make_app(ws, start=("sit_in", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(
            pilot,
            {
                **SAFE,
                "unmanageable_violence": False,
                "weapon_used": False,
                "others_at_risk": False,
                "domestic_abuse_now": True,
                "exploitation_signs": False,
                "abuse_past": False,
            },
        )
        assert screen.session.state == "protect_stop"
        assert set(dock_buttons(screen)) == {"go-home", "help-now"}
        note = str(screen.query_one("#dock .dock-note", Static).render())
        assert "press ctrl+b to answer that step again" in note
        assert "everyone is safe" not in note


async def test_the_missing_stop_asks_whether_they_are_safe_not_everyone():
    ws = workspace()
    app = make_app(ws, start=("parental_presence", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, {**SAFE, "young_person_missing": True})
        assert screen.session.state == "missing_stop"
        assert dock_buttons(screen)["safe-back"] == "It was a mistake: I know they are safe"
        await click(pilot, "#safe-back")
        dialog = await screen_in_front(pilot, ConfirmDialog)
        assert dialog.title_text == "Do you know where they are, and that they are safe?"
        assert "call the police" in dialog.body
