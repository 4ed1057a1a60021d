"""Practitioner mode: step notes, session notes and the map beside the conversation; one key
hides all of it; --case keeps other families out of sight."""

from __future__ import annotations

from textual.widgets import Static

from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.home import CaseList, HomeScreen
from coach.tui.widgets.practitioner import PractitionerPanel, SessionNotes
from coach.tui.widgets.transcript import CoachMessage
from tests.functional.test_tui_plan import finished_plan
from tests.functional.tui_support import (
    SIZE,
    make_app,
    screen_in_front,
    start_session,
    wait_for,
    walk,
    workspace,
)

SAFE = {
    k: False
    for k in ("immediate_danger", "young_person_missing", "self_harm_risk", "adult_hurt_child")
}
INCIDENT = {
    "what_happened": "Sam kicked the bedroom door when I asked for the phone.",
    "anyone_hurt": False,
}


async def test_practitioner_notes_show_and_hide_with_one_key():
    ws = workspace()
    app = make_app(ws, practitioner=True, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        panel = screen.query_one(PractitionerPanel)
        assert panel.display
        assert (
            "a day or more after the incident"
            in panel.query_one("#step-notes", CoachMessage).source
        )
        map_text = str(panel.query_one("#flow-map", Static).render())
        assert "▶ welcome" in map_text and "safety_stop (safety_stop)" in map_text
        await walk(pilot, SAFE, until="incident")
        assert "▶ incident" in str(panel.query_one("#flow-map", Static).render())
        assert "✓ now_danger" in str(panel.query_one("#flow-map", Static).render())
        notes = panel.query_one(SessionNotes)
        notes.insert("Mum very tired; keep it short.")
        session_id = screen.conversation.session_id
        await wait_for(pilot, lambda: ws.store.session(session_id).notes)
        assert ws.store.session(session_id).notes == "Mum very tired; keep it short."
        # One key hides everything meant for the practitioner, and brings it back.
        await pilot.press("f4")
        await wait_for(pilot, lambda: not panel.display)
        assert not app.has_class("-practitioner")
        await pilot.press("f1")
        help_screen = await screen_in_front(pilot, HelpScreen)
        assert (
            not help_screen.query("#help-practitioner")
            or not help_screen.query_one("#help-practitioner").display
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # While hidden the panel does no work; shown again, it is up to date.
        await walk(pilot, INCIDENT, until="lead_up")
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: panel.display)
        await wait_for(pilot, lambda: "▶ lead_up" in str(panel.query_one("#flow-map").render()))
        assert screen.session.flow.block("lead_up").practitioner is None
        notes_now = panel.query_one("#step-notes", CoachMessage).source
        assert notes_now == "*No practitioner notes for this step.*"


async def test_practitioner_material_is_absent_outside_practitioner_mode():
    app = make_app(start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        assert not screen.query_one(PractitionerPanel).display
        keys = {b.binding.action for b in screen.active_bindings.values()}
        assert not any(action.startswith("practitioner_material") for action in keys)
        await pilot.press("f1")
        help_screen = await screen_in_front(pilot, HelpScreen)
        assert not help_screen.query_one("#help-practitioner").display


async def test_case_limit_keeps_other_families_out_of_sight():
    ws = workspace()
    finished_plan(ws, "Alex")
    finished_plan(ws, "Sam")
    alex = ws.store.find_case("Alex")
    sam = ws.store.find_case("Sam")
    start_session(ws, "de_escalation", alex, {}, until="now_danger")
    app = make_app(ws, practitioner=True, case_limit=sam)
    async with app.run_test(size=SIZE) as pilot:
        home = await screen_in_front(pilot, HomeScreen)
        names = [str(o.prompt) for o in home.query_one(CaseList).options]
        assert names == ["Sam"]
        shown = app.export_screenshot()
        assert "Alex" not in shown
        entries = await app.palette.refreshed()
        commands = " ".join(entry.title for entry in entries)
        assert "Alex" not in commands and "for Sam" in commands
        assert not any(entry.title.startswith("Resume") for entry in entries)
        app.start_flow("de_escalation", alex.id)  # asked for another case: stays with Sam
        screen = await screen_in_front(pilot, ConversationScreen)
        assert screen.conversation.case_id == sam.id
        await wait_for(pilot, lambda: screen.query("#continue"))


async def test_hiding_the_notes_gives_the_keys_back_to_the_question():
    """Before, after F4 the question ignored keys until Tab was pressed."""
    ws = workspace()
    app = make_app(ws, practitioner=True, start=("de_escalation", None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await walk(pilot, SAFE, until="incident")
        panel = screen.query_one(PractitionerPanel)
        notes = panel.query_one(SessionNotes)
        notes.focus()
        await pilot.press(*"calm")
        await pilot.press("f4")
        await wait_for(pilot, lambda: not panel.display)
        await pilot.press(*"He kicked the door")
        area = screen.current_input.query_one("TextArea")
        await wait_for(pilot, lambda: area.text == "He kicked the door")
        assert area.has_focus and notes.text == "calm"
        # Shown again, the keys stay with the question.
        await pilot.press("f4")
        await wait_for(pilot, lambda: panel.display)
        await pilot.press("!")
        await wait_for(pilot, lambda: area.text == "He kicked the door!")


async def test_practitioner_mode_turned_on_before_the_app_opens_is_there_when_it_does():
    """Its watcher refreshes home only once home is up (it once tested ``App.is_mounted``, a
    method, which is always true, and looked for a home screen that did not exist yet)."""
    ws = workspace()
    app = make_app(ws)
    app.practitioner = True
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.focused)
        assert app.has_class("-practitioner")
        app.practitioner = False
        await wait_for(pilot, lambda: not app.has_class("-practitioner"))


async def test_the_header_keeps_the_step_count_whole_beside_the_panel_at_80_columns():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws, practitioner=True, start=("delayed_action", sam.id))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        panel = screen.query_one(PractitionerPanel)
        header = screen.query_one("#progress")
        await wait_for(pilot, lambda: panel.display and header.content_size.width > 0)
        total = screen.session.progress.total
        shown = header.render_line(0).text.strip()
        assert shown == f"step 1 of about {total} · Sam"  # the flow's title left out
        await pilot.press("f4")  # the panel hidden: room for the title again
        await wait_for(pilot, lambda: not panel.display)
        await wait_for(pilot, lambda: "Respond later" in header.render_line(0).text)
        assert header.render_line(0).text.strip().endswith(f"step 1 of about {total} · Sam")
