"""The event loop never waits: slow work (a PDF, a backup) runs in workers, and drawing a screen
asks the store nothing. The app stays drawn and answers keys meanwhile."""

from __future__ import annotations

import sys
import threading

from coach.errors import CoachError
from coach.services import Services
from coach.services.plans import ExportJob
from coach.services.settings import WELCOMED_SETTING
from coach.services.workspace import Workspace
from coach.store import Store, backups
from coach.tui.app import CoachApp
from coach.tui.screens.export import ExportDialog
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.widgets.base import MessageLine
from tests.functional.test_tui_export import de_escalation_plan, export_dialog, save_to
from tests.functional.tui_support import SIZE, TODAY, make_app, screen_in_front, wait_for, workspace


async def test_a_pdf_is_made_in_a_worker_while_the_app_answers_keys(tmp_path, monkeypatch):
    """Making a PDF took a third of a second on the event loop (bench: the PDF frame row);
    here making it waits until the test lets it go, and the app goes on meanwhile. The app
    asks for it to be made in a process of its own (coach.export.pdf_apart)."""
    release = threading.Event()
    make = ExportJob.make

    def held(job: ExportJob, **options: bool):
        assert threading.current_thread() is not threading.main_thread()
        assert options == {"apart": True}
        assert release.wait(10)
        return make(job, **options)

    monkeypatch.setattr(ExportJob, "make", held)
    ws = workspace()
    plan_id = de_escalation_plan(ws)
    app = make_app(ws)
    target = tmp_path / "plan.pdf"
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot, plan_id, "pdf")
        await save_to(pilot, dialog, target)
        line = dialog.query_one(MessageLine)
        await wait_for(pilot, lambda: "Making the file" in str(line.render()))
        await pilot.press("ctrl+s")  # a second press while it is made changes nothing
        await pilot.press("f1")  # the app answers keys while the file is made
        help_screen = await screen_in_front(pilot, HelpScreen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not help_screen)
        assert isinstance(app.screen, ExportDialog) and not target.exists()
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen) and target.exists())
    assert target.read_bytes().startswith(b"%PDF")


def app_opened_as_coach_opens_it(home) -> CoachApp:
    """As `coach` opens the app: the store opened for it, today's backup left to the app."""
    with Store.open(home) as store:
        store.set_setting(WELCOMED_SETTING, "1")
    services = Services(Workspace())
    services.open_for_app(lambda: None)
    return CoachApp(services, today=TODAY, cursor_blink=False)


async def test_todays_backup_is_made_in_a_worker_once_the_app_is_drawn(home, monkeypatch):
    release = threading.Event()
    copy = backups.copy_database

    def held(source, target, **options):
        assert threading.current_thread() is not threading.main_thread()
        assert release.wait(10)
        copy(source, target, **options)

    monkeypatch.setattr(backups, "copy_database", held)
    app = app_opened_as_coach_opens_it(home)
    assert backups.backups(home) == []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f1")  # the app answers keys while the backup is made
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert backups.backups(home) == []
        release.set()
        await wait_for(pilot, lambda: len(backups.backups(home)) == 1)


async def test_a_backup_that_cannot_be_made_is_said_once_the_app_is_drawn(home, monkeypatch):
    def refused(store, target=None):
        raise CoachError("cannot write the backups folder (no space)")

    monkeypatch.setattr(backups, "make_backup", refused)
    app = app_opened_as_coach_opens_it(home)
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(app, "notify", lambda text, **kw: (said.append(text), notify(text, **kw)))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any("today's backup could not be made" in s for s in said))
        assert isinstance(app.screen, HomeScreen)


# What Textual calls while it draws a screen or works out which keys to show (on every change
# of focus): none of it may wait on the store.
DRAWING = {"render", "render_line", "render_lines", "check_action", "get_content_width"}


async def test_drawing_the_plan_screen_asks_the_store_nothing(monkeypatch):
    """The plan screen's keys once read the plan from the store on every check (eleven reads
    for a few presses of tab)."""
    from coach.store import database_file

    ws = workspace()
    plan_id = de_escalation_plan(ws)
    asked_while_drawing: list[str] = []
    execute = database_file.GuardedConnection.execute

    def watched(connection, *args, **options):
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_name in DRAWING:
                asked_while_drawing.append(frame.f_code.co_name)
                break
            frame = frame.f_back
        return execute(connection, *args, **options)

    monkeypatch.setattr(database_file.GuardedConnection, "execute", watched)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await export_dialog(pilot, plan_id, "md")
        await pilot.press("escape")
        plan = await screen_in_front(pilot, PlanScreen)
        for key in ("tab", "tab", "down", "tab"):
            await pilot.press(key)
        assert plan.plan.id == plan_id
    assert asked_while_drawing == []


async def test_the_palette_reads_every_plan_in_a_worker_through_its_own_connection(monkeypatch):
    """With 10,000 plans, building the palette's entries takes a third of a second: it is
    done in a worker thread that reads through a connection of its own."""
    from coach.tui import commands

    build = commands.build_entries
    built_on: list[tuple[bool, bool]] = []

    def watched(app, services, case_id):
        built_on.append(
            (
                threading.current_thread() is threading.main_thread(),
                services.workspace.store is app.services.workspace.store,
            )
        )
        return build(app, services, case_id)

    monkeypatch.setattr(commands, "build_entries", watched)
    ws = workspace()
    de_escalation_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+p")
        await wait_for(
            pilot, lambda: any(e.title.startswith("Open plan") for e in app.palette.entries)
        )
    assert built_on == [(False, False)]
