"""The plan screen: read, edit (a new revision each save), export, copy."""

from __future__ import annotations

import stat

from textual.widgets import Input, OptionList

from coach.export.files import default_name
from coach.export.registry import formats as formats_on_offer
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.export import ExportDialog
from coach.tui.screens.home import HomeScreen, PlanList
from coach.tui.screens.plan import PlanEditor, PlanScreen
from tests.conftest import ANSWERS
from tests.functional.tui_support import (
    SIZE,
    documents_at,
    make_app,
    notices,
    screen_in_front,
    start_session,
    wait_for,
    workspace,
)


def finished_plan(ws, name: str = "Sam") -> int:
    from coach.answer_file import read_answer_file

    case = ws.store.create_case(name)
    flow = ws.catalogue.get("de_escalation")
    answers = read_answer_file(ANSWERS / "de_escalation.yaml", flow)
    conversation = start_session(ws, "de_escalation", case, answers)
    assert conversation.plan_id is not None
    return conversation.plan_id


async def open_from_home(pilot, app) -> PlanScreen:
    home = await screen_in_front(pilot, HomeScreen)
    plans = home.query_one(PlanList)
    await wait_for(pilot, lambda: plans.option_count == 1)
    plans.focus()
    await pilot.press("enter")
    return await screen_in_front(pilot, PlanScreen)


async def choose_section(pilot, screen, title: str) -> PlanEditor:
    sections = screen.query_one("#sections", OptionList)
    titles = [str(sections.get_option_at_index(n).prompt) for n in range(sections.option_count)]
    sections.focus()
    sections.highlighted = titles.index(title)
    await pilot.press("enter")
    editor = screen.query_one(PlanEditor)
    await wait_for(
        pilot,
        lambda: editor.has_focus and title in str(screen.query_one("#section-title").render()),
    )
    return editor


async def test_open_edit_and_find_two_revisions():
    ws = workspace()
    plan_id = finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_home(pilot, app)
        assert "De-escalation plan for Sam" in screen.query_one("#plan-markdown").source
        await pilot.press("e")
        editor = await wait_for(
            pilot, lambda: screen.query_one(PlanEditor).has_focus and screen.query_one(PlanEditor)
        )
        # Section by section, as read: the first is the title, with no Markdown marks.
        assert editor.text.startswith("De-escalation plan for Sam\n")
        editor = await choose_section(pilot, screen, "My notes")
        assert editor.text == ""
        editor.insert("Call Ana first.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.editing)
        revisions = ws.store.revisions(plan_id)
        assert [r.revision for r in revisions] == [1, 2]
        assert revisions[1].body == revisions[0].body.rstrip("\n") + (
            "\n\n## My notes\n\nCall Ana first.\n"
        )
        options = screen.query_one("#revisions", OptionList)
        assert options.option_count == 2
        assert "Call Ana first." in screen.query_one("#plan-markdown").source
        # Choosing the older revision shows it; the store still has both.
        options.highlighted = 1
        await wait_for(pilot, lambda: screen.shown == 1)
        assert "Call Ana first." not in screen.query_one("#plan-markdown").source
        # Editing and leaving without saving asks first, then keeps the two revisions.
        await pilot.press("e")
        await wait_for(pilot, lambda: screen.editing)
        screen.query_one(PlanEditor).insert("unsaved words")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen and not screen.editing)
    assert len(ws.store.revisions(plan_id)) == 2


async def test_a_section_edited_as_text_keeps_the_markdown_and_is_shown_after_saving():
    ws = workspace()
    plan_id = finished_plan(ws)
    before = ws.store.revisions(plan_id)[0].body
    app = make_app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_from_home(pilot, app)
        await pilot.press("e")
        await wait_for(pilot, lambda: screen.editing)
        editor = await choose_section(pilot, screen, "Looking after myself")
        assert editor.text == "An early night and a walk with Ana on Sunday"
        editor = await choose_section(pilot, screen, "What happened")
        assert "• When: Tuesday 24 November 2026" in editor.text and "**" not in editor.text
        editor.load_text(editor.text.replace("kicked the bedroom door", "kicked the door*"))
        editor.load_text(editor.text.replace("sister\n", "sister\n• Nobody was hurt\n"))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.editing)
        after = ws.store.revisions(plan_id)[-1].body
        assert after == before.replace("kicked the bedroom door.", "kicked the door\\*.").replace(
            "- **Who else was there:** My partner Chris and Sam's little sister\n",
            "- **Who else was there:** My partner Chris and Sam's little sister\n"
            "- Nobody was hurt\n",
        )
        # The view shows the section that changed, not the bottom of the plan.
        view = screen.query_one("#plan-view")
        heading = await wait_for(
            pilot,
            lambda: [h for h in screen.query("MarkdownH2") if "What happened" in str(h.render())],
        )
        await wait_for(
            pilot,
            lambda: view.scroll_y > 0 and view.region.y <= heading[0].region.y <= view.region.y + 3,
        )
        assert screen.query_one("#plan-view").has_focus


async def test_quitting_with_an_unsaved_edit_asks_first():
    ws = workspace()
    plan_id = finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_home(pilot, app)
        await pilot.press("e")
        editor = await wait_for(pilot, lambda: screen.editing and screen.query_one(PlanEditor))
        editor.insert("A change. ")
        await pilot.press("ctrl+q")
        dialog = await screen_in_front(pilot, ConfirmDialog)
        assert "changes to the plan" in str(dialog.query_one(".dialog-body").render())
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen and screen.editing)
        assert app.is_running and "A change. " in editor.text
        # Nothing unsaved: ctrl+q quits at once.
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen and not screen.editing)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    assert len(ws.store.revisions(plan_id)) == 1


async def test_export_writes_a_private_file_and_asks_before_replacing(tmp_path, monkeypatch):
    documents = documents_at(monkeypatch, tmp_path)
    ws = workspace()
    finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_home(pilot, app)
        await pilot.press("x")
        dialog = await screen_in_front(pilot, ExportDialog)
        path_box = dialog.query_one("#export-path", Input)
        created = ws.store.plan(ws.store.plans()[0].id).created
        assert path_box.value == str(documents / default_name("de_escalation", created, "md"))
        formats = dialog.query_one("#export-formats", OptionList)
        offered = [o.id for o in formats.options]
        assert offered == formats_on_offer()
        formats.highlighted = offered.index("json")
        await wait_for(pilot, lambda: path_box.value.endswith(".json"))
        formats.highlighted = 0
        await wait_for(pilot, lambda: path_box.value.endswith(".md"))
        target = tmp_path / "my-plan.md"
        path_box.value = str(target)
        path_box.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert target.read_text().startswith("# De-escalation plan for Sam")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert any(str(target) in n.message for n in notices(app))
        # The same name again: a confirmation before the file is replaced.
        target.write_text("old")
        await pilot.press("x")
        dialog = await screen_in_front(pilot, ExportDialog)
        box = dialog.query_one("#export-path", Input)
        box.value = str(target)
        box.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is dialog)
        assert target.read_text() == "old"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert target.read_text().startswith("# De-escalation plan")


async def test_copy_puts_the_plan_on_the_clipboard():
    ws = workspace()
    plan_id = finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, app)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.clipboard)
        assert app.clipboard == ws.store.plan(plan_id).body


async def test_a_practitioner_export_can_carry_the_session_notes(tmp_path):
    from textual.widgets import Checkbox

    ws = workspace()
    plan_id = finished_plan(ws)
    session_id = ws.store.plan(plan_id).session_id
    ws.store.save_notes(session_id, "Mum very tired; follow up on Tuesday.")
    app = make_app(ws, practitioner=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_home(pilot, app)
        for with_notes, name in ((False, "family.md"), (True, "practitioner.md")):
            await pilot.press("x")
            dialog = await screen_in_front(pilot, ExportDialog)
            dialog.query_one(Checkbox).value = with_notes
            box = dialog.query_one("#export-path", Input)
            box.value = str(tmp_path / name)
            box.focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen is screen)
    assert "follow up on Tuesday" not in (tmp_path / "family.md").read_text()
    copy = (tmp_path / "practitioner.md").read_text()
    assert "## Practitioner notes - not for the family" in copy and "follow up on Tuesday" in copy


async def test_a_link_in_a_plan_is_shown_never_opened():
    from textual.widgets import Markdown

    ws = workspace()
    plan_id = finished_plan(ws)
    ws.store.add_revision(plan_id, "# Plan\n\nSee [the helpline](https://example.org/help).\n")
    app = make_app(ws)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_home(pilot, app)
        document = screen.query_one("#plan-markdown", Markdown)
        await wait_for(pilot, lambda: "helpline" in document.source)
        document.post_message(Markdown.LinkClicked(document, "https://example.org/help"))
        await wait_for(pilot, lambda: notices(app))
        said = " ".join(str(n.message) for n in notices(app))
        assert "https://example.org/help" in said and "not opened" in said
        assert opened == []
