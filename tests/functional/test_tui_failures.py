"""A failing store call in the app: a mistake it can explain is shown where it happened and the
app keeps going; a fault in the program ends it with one line that holds no answer."""

from __future__ import annotations

import pytest

from coach.errors import StoreError
from coach.store import Store
from coach.tui.failures import ProgramFault
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.widgets.base import MessageLine
from tests.functional.tui_support import (
    SIZE,
    answer,
    make_app,
    notices,
    press_continue,
    screen_in_front,
    wait_for,
    workspace,
)

SECRET = "my son punched the wall again"


async def at_first_question(app, pilot) -> ConversationScreen:
    screen = await wait_for(
        pilot, lambda: isinstance(app.screen, ConversationScreen) and app.screen
    )
    await wait_for(pilot, lambda: not screen.busy and screen.query("#continue"))
    await press_continue(pilot)
    await wait_for(pilot, lambda: screen.current_input is not None and not screen.busy)
    return screen


async def test_a_store_error_is_shown_under_the_question_and_the_app_keeps_running(monkeypatch):
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("de_escalation", sam.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_first_question(app, pilot)

        def full_disk(*args, **kwargs):
            raise StoreError("the disk holding coach.db is full; free some space and try again")

        monkeypatch.setattr(Store, "save_answer", full_disk)
        await answer(pilot, False, expect_move=False)
        line = screen.query_one(MessageLine)
        await wait_for(pilot, lambda: "disk" in str(line.render()))
        assert app.is_running and app.screen is screen
        assert screen.session.state == "now_danger"  # the first question, still


async def test_a_fault_ends_the_app_without_any_answer_in_the_report(monkeypatch):
    ws = workspace()
    sam = ws.store.create_case("Sam")
    app = make_app(ws, start=("de_escalation", sam.id))

    def fault(*args, **kwargs):
        raise ValueError(SECRET)

    with pytest.raises(ProgramFault) as caught:
        async with app.run_test(size=SIZE) as pilot:
            await at_first_question(app, pilot)
            monkeypatch.setattr(Store, "save_answer", fault)
            await answer(pilot, False, expect_move=False)
    shown = caught.value.__rich__().plain
    assert "ValueError" in shown and "Everything answered so far is saved" in shown
    assert SECRET not in shown


def notified(app) -> str:
    return " ".join(str(n.message) for n in notices(app))


async def test_a_plan_deleted_in_another_window_then_d_on_home_is_said_and_listed_again():
    from coach.services.workspace import Workspace
    from coach.tui.screens.home import HomeScreen, PlanList
    from tests.functional.test_tui_plan import finished_plan

    ws = workspace()
    plan_id = finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await screen_in_front(pilot, HomeScreen)
        plans = home.query_one(PlanList)
        await wait_for(pilot, lambda: plans.option_count == 1)
        other_window = Workspace()
        other_window.store.delete_plan(plan_id)
        other_window.close()
        plans.focus()
        await pilot.press("d")
        await wait_for(pilot, lambda: "no longer here" in notified(app))
        assert app.is_running and app.screen is home
        await wait_for(pilot, lambda: not plans.display)  # the list shows what is there


async def test_renaming_a_case_to_a_name_in_use_is_said_and_nothing_changes():
    from coach.tui.screens.home import CaseList, HomeScreen

    ws = workspace()
    ws.store.create_case("Sam")
    ws.store.create_case("Robin")
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        home = await screen_in_front(pilot, HomeScreen)
        cases = home.query_one(CaseList)
        await wait_for(pilot, lambda: cases.option_count == 3)
        cases.focus()
        names = [str(cases.get_option_at_index(n).prompt) for n in range(2)]
        cases.highlighted = names.index("Robin")
        await pilot.press("r")
        box = await wait_for(pilot, lambda: app.screen.query("#prompt-input"))
        box.first().value = "Sam"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ConfirmDialog")
        await pilot.press("y")
        await wait_for(pilot, lambda: "already a case called" in notified(app))
        assert app.is_running and app.screen is home
    assert sorted(c.name for c in ws.store.cases()) == ["Robin", "Sam"]


async def test_an_edit_saved_on_a_full_disk_is_said_and_the_editor_keeps_every_word(
    monkeypatch,
):
    from coach.tui.screens.plan import PlanEditor, PlanScreen
    from tests.functional.test_tui_plan import finished_plan, open_from_home

    ws = workspace()
    plan_id = finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_home(pilot, app)
        await pilot.press("e")
        editor = await wait_for(pilot, lambda: screen.editing and screen.query_one(PlanEditor))
        editor.insert(SECRET + " ")

        def full_disk(*args, **kwargs):
            raise StoreError("the disk holding coach.db is full; free some space and try again")

        monkeypatch.setattr(Store, "add_revision", full_disk)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "disk" in notified(app))
        assert app.is_running and isinstance(app.screen, PlanScreen)
        assert screen.editing and SECRET in editor.text
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.editing)
    assert SECRET in ws.store.revisions(plan_id)[-1].body


async def test_an_export_into_a_folder_that_cannot_be_written_is_said_in_the_dialog(
    tmp_path, monkeypatch
):
    """The folder refuses the file (a permission, as root cannot be refused by mode bits)."""
    import coach.export.files
    from coach.tui.screens.export import ExportDialog
    from tests.functional.test_tui_export import export_dialog, save_to
    from tests.functional.test_tui_plan import finished_plan

    def refused(path, data, *, replace=False):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(coach.export.files, "write_atomically", refused)
    folder = tmp_path / "shared"
    folder.mkdir()
    ws = workspace()
    plan_id = finished_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "md")
        await save_to(pilot, dialog, folder)
        line = dialog.query_one(MessageLine)
        await wait_for(pilot, lambda: line.display and str(line.render()))
        assert app.is_running and isinstance(app.screen, ExportDialog)
        assert "Permission denied" in str(line.render()) and "permissions" in str(line.render())
    assert list(folder.iterdir()) == []
