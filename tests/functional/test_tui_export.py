"""The plan screen's export with every format: binary files, warnings, formats that cannot be
made for a plan, safe default names, no silent overwrite, private files."""

from __future__ import annotations

import stat
from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader
from textual.widgets import Input, OptionList

from coach.answer_file import read_answer_file
from coach.export.files import default_name
from coach.export.registry import formats
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.export import ExportDialog
from coach.tui.screens.plan import PlanScreen
from coach.tui.widgets.base import MessageLine
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


def de_escalation_plan(ws, **changes) -> int:
    """A de-escalation plan; ``changes`` replace answers (None leaves one out)."""
    case = ws.store.create_case("Sam")
    answers = read_answer_file(ANSWERS / "de_escalation.yaml", ws.catalogue.get("de_escalation"))
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    plan_id = start_session(ws, "de_escalation", case, answers).plan_id
    assert plan_id is not None
    return plan_id


async def export_dialog(pilot, plan_id: int, name: str) -> ExportDialog:
    """The export dialog of a plan, with format ``name`` chosen (from home, or the plan)."""
    app = pilot.app
    if not isinstance(app.screen, PlanScreen):
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")
        app.open_plan(plan_id)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
    await pilot.press("x")
    dialog = await screen_in_front(pilot, ExportDialog)
    options = dialog.query_one("#export-formats", OptionList)
    options.highlighted = formats().index(name)
    box = dialog.query_one("#export-path", Input)
    await wait_for(pilot, lambda: box.value.endswith(f".{name}"))
    return dialog


async def save_to(pilot, dialog: ExportDialog, target: Path) -> None:
    """Type where the file goes and press Enter, as a person would."""
    box = dialog.query_one("#export-path", Input)
    box.value = str(target)
    box.focus()
    await pilot.press("enter")


def messages(app) -> list[str]:
    return [n.message for n in notices(app)]


async def test_pdf_is_written_whole_and_replaced_characters_are_said(tmp_path, monkeypatch):
    documents = documents_at(monkeypatch, tmp_path)
    ws = workspace()
    plan_id = de_escalation_plan(ws, where="漢字 landing, by Zoë's door")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "pdf")
        box = dialog.query_one("#export-path", Input)
        created = ws.store.plan(plan_id).created
        target = documents / default_name("de_escalation", created, "pdf")
        assert box.value == str(target)
        assert target.name == f"de-escalation-plan-{created[:10]}.pdf"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
        await wait_for(pilot, lambda: len(messages(app)) >= 2)
        assert f"Saved to {target}" in messages(app)
        warning = next(n for n in notices(app) if n.severity == "warning")
        assert warning.message.startswith("The PDF font has no letter for 漢 (U+6F22)")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Zoë's door" in text


async def test_ics_for_a_plan_with_a_date_has_its_event(tmp_path):
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    app = make_app(ws)
    target = tmp_path / "later.ics"
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "ics")
        await save_to(pilot, dialog, target)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert f"Saved to {target}" in messages(app)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2026-12-05 19:30"


async def test_ics_for_a_plan_without_dates_says_why_and_writes_nothing(tmp_path):
    ws = workspace()
    plan_id = de_escalation_plan(ws, later_when=None, later_time=None)
    app = make_app(ws)
    target = tmp_path / "nothing.ics"
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "ics")
        await save_to(pilot, dialog, target)
        line = dialog.query_one(MessageLine)
        await wait_for(pilot, lambda: line.display)
        assert str(line.render()) == (
            f"plan {plan_id} has no planned dates, so there is nothing to put in a calendar "
            "(no file was written)"
        )
        assert app.screen is dialog and not target.exists()
        # Even over an existing file: nothing is asked and the file is left alone.
        target.write_text("mine")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and target.read_text() == "mine"
        # Another format clears the line and writes.
        options = dialog.query_one("#export-formats", OptionList)
        options.highlighted = formats().index("md")
        box = dialog.query_one("#export-path", Input)
        await wait_for(pilot, lambda: not line.display and box.value.endswith(".md"))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
    assert (tmp_path / "nothing.md").read_text().startswith("# De-escalation plan")
    assert target.read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".coach-")]  # no leftovers


async def test_a_binary_file_over_an_existing_one_is_asked_first(tmp_path):
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    app = make_app(ws)
    target = tmp_path / "plan.pdf"
    target.write_text("an older file")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "pdf")
        box = dialog.query_one("#export-path", Input)
        box.value = str(target)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is dialog)
        assert target.read_text() == "an older file"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_a_folder_is_accepted_and_the_file_gets_the_formats_extension(tmp_path, monkeypatch):
    """Before, a folder was refused with a hint to name the file plan.md, even for a PDF."""
    documents_at(monkeypatch, tmp_path)
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    created = ws.store.plan(plan_id).created
    folder = tmp_path / "for the social worker"
    folder.mkdir()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "pdf")
        await save_to(pilot, dialog, folder)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
        written = folder / default_name("de_escalation", created, "pdf")
        assert written.read_bytes().startswith(b"%PDF-")
        # A name with another format's extension: the chosen format's is used.
        dialog = await export_dialog(pilot, plan_id, "pdf")
        await save_to(pilot, dialog, folder / "plan.md")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
        # A name without one gets it; a name relative to the folder shown lands there.
        dialog = await export_dialog(pilot, plan_id, "html")
        box = dialog.query_one("#export-path", Input)
        box.value = "notes for Tuesday"
        box.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
    assert (folder / "plan.pdf").read_bytes().startswith(b"%PDF-")
    assert not (folder / "plan.md").exists()
    assert (folder / "notes for Tuesday.html").read_text().startswith("<!DOCTYPE html>")


async def test_the_dialog_starts_in_documents_then_where_and_how_it_last_exported(
    tmp_path, monkeypatch
):
    documents = documents_at(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)  # never the folder the coach was started from
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    created = ws.store.plan(plan_id).created
    folder = tmp_path / "exports"
    folder.mkdir()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HomeScreen")
        app.open_plan(plan_id)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
        await pilot.press("x")
        dialog = await screen_in_front(pilot, ExportDialog)
        box = dialog.query_one("#export-path", Input)
        assert box.value == str(documents / default_name("de_escalation", created, "md"))
        dialog.query_one("#export-formats", OptionList).highlighted = formats().index("html")
        await wait_for(pilot, lambda: box.value.endswith(".html"))
        await save_to(pilot, dialog, folder)
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
    again = make_app(ws)  # the next time the coach is started
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: again.screen.__class__.__name__ == "HomeScreen")
        again.open_plan(plan_id)
        await wait_for(pilot, lambda: isinstance(again.screen, PlanScreen))
        await pilot.press("x")
        dialog = await wait_for(
            pilot, lambda: again.screen if isinstance(again.screen, ExportDialog) else None
        )
        options = dialog.query_one("#export-formats", OptionList)
        await wait_for(pilot, lambda: options.highlighted == formats().index("html"))
        box = dialog.query_one("#export-path", Input)
        assert box.value == str(folder / default_name("de_escalation", created, "html"))


async def test_both_calendars_go_to_one_folder_without_replacing_each_other(tmp_path, monkeypatch):
    """The calendar with the plan's details had the same default name as the one with nothing
    private in it, so exporting both to a folder asked to replace the first."""
    documents_at(monkeypatch, tmp_path)
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    created = ws.store.plan(plan_id).created
    folder = tmp_path / "calendars"
    folder.mkdir()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        for name in ("ics", "ics-details"):
            dialog = await export_dialog(pilot, plan_id, "ics")
            options = dialog.query_one("#export-formats", OptionList)
            options.highlighted = formats().index(name)
            box = dialog.query_one("#export-path", Input)
            tag = "-details" if name == "ics-details" else ""
            await wait_for(pilot, lambda box=box, tag=tag: box.value.endswith(f"{tag}.ics"))
            await save_to(pilot, dialog, folder)
            await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen))
    plain = folder / default_name("de_escalation", created, "ics")
    detailed = folder / default_name("de_escalation", created, "ics", "-details")
    assert plain.exists() and detailed.exists()
    assert plain.read_bytes() != detailed.read_bytes()
