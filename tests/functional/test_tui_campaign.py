"""The campaign in the app: logging an incident from home on one screen with the keyboard,
the guidance first when someone was hurt, correcting an entry, the timeline (newest first,
by kind, any item opened), the charts, exporting from the case, and a finished check-in."""

from __future__ import annotations

import random
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from coach.records import CheckIn, GoalRating, Incident
from coach.tui.screens.campaign_record import CampaignRecordScreen
from coach.tui.screens.case_export import CaseExportDialog
from coach.tui.screens.case_timeline import TimelineScreen
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.guidance_first import GuidanceScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.log_incident import LogIncidentScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.widgets.progress_charts import ProgressCharts
from tests.conftest import ANSWERS, TODAY
from tests.functional.tui_support import (
    SIZE,
    click,
    documents_at,
    make_app,
    notices,
    screen_in_front,
    screen_text,
    wait_for,
    walk,
    workspace,
)


def said(app) -> list[str]:
    return [n.message for n in notices(app)]


async def home_of(pilot, app) -> HomeScreen:
    return await screen_in_front(pilot, HomeScreen)


def a_case(ws, name: str = "Sam"):
    return ws.store.create_case(name)


async def test_an_incident_is_logged_from_home_on_one_screen_with_the_keyboard():
    ws = workspace()
    sam = a_case(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.press("l")
        form = await screen_in_front(pilot, LogIncidentScreen)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        # What happened, Enter; how bad, Enter; no one hurt; save. Nine keys and the words.
        await pilot.press(*"Kicked the door", "enter", "6", "enter", "n", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert form.is_attached is False
    [entry] = ws.store.diary(sam.id)
    incident = entry.incident
    assert (incident.what_happened, incident.severity, incident.anyone_hurt) == (
        "Kicked the door",
        6,
        False,
    )
    assert incident.day == TODAY
    assert any("Saved in the diary" in n for n in said(app))


async def test_someone_hurt_shows_the_guidance_first():
    ws = workspace()
    a_case(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*"Punched the wall", "enter", "8", "enter", "y", "ctrl+s")
        guidance = await screen_in_front(pilot, GuidanceScreen)
        assert guidance.markdown.startswith("## Someone was hurt")
        assert isinstance(app.screen_stack[-2], HomeScreen)  # saved before it is shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_every_problem_is_said_under_its_question_and_nothing_is_kept():
    ws = workspace()
    sam = a_case(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.press("l")
        form = await screen_in_front(pilot, LogIncidentScreen)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press("ctrl+s")
        line = form.query_one("#message-severity")
        await wait_for(pilot, lambda: line.display)
        assert form.query_one("#message-what_happened").display
        assert form.query_one("#message-anyone_hurt").display
        assert not form.query_one("#message-day").display
        assert app.screen is form
    assert ws.store.diary(sam.id) == []


def timeline_data(ws, case):
    store = ws.store
    store.add_incident(case.id, Incident(date(2026, 11, 20), "Slammed the door", 4, False))
    store.add_incident(case.id, Incident(date(2026, 11, 25), "Threw a mug at the wall", 8, True))
    store.add_check_in(
        case.id,
        CheckIn(date(2026, 11, 22), (GoalRating("Calmer mornings", 4),), calm=5),
        saved="2026-11-22T18:00:00+00:00",
    )


async def open_timeline(pilot, app) -> TimelineScreen:
    await home_of(pilot, app)
    await pilot.press("t")
    screen = await screen_in_front(pilot, TimelineScreen)
    await wait_for(pilot, lambda: screen.query_one(OptionList).option_count > 0)
    return screen


async def test_the_timeline_is_newest_first_narrows_by_kind_and_opens_each_item():
    ws = workspace()
    sam = a_case(ws)
    timeline_data(ws, sam)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app)
        assert [item.title for item in screen.items] == [
            "Threw a mug at the wall",
            "Weekly check-in",
            "Slammed the door",
        ]
        options = screen.query_one(OptionList)
        assert "someone was hurt" in str(options.get_option_at_index(0).prompt)
        await pilot.press("f", "f")  # everything -> incidents -> plans
        await wait_for(pilot, lambda: not options.display)
        assert "No plans made and changed yet" in str(screen.query_one("#timeline-empty").render())
        await pilot.press("a")
        await wait_for(pilot, lambda: options.option_count == 3)
        await pilot.press("down", "enter")
        record = await screen_in_front(pilot, CampaignRecordScreen)
        assert record.record_id == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_first_page_of_a_long_timeline_fills_the_screen_without_spilling(size):
    """A page is a screenful: at 160x48 it once showed 12 items above 20 empty rows, and a
    page longer than the list's room is laid out twice (two thirds longer to open)."""
    ws = workspace()
    sam = a_case(ws)
    for n in range(60):
        ws.store.add_incident(
            sam.id, Incident(TODAY - timedelta(days=n), "Shouted at me", 3, False)
        )
    app = make_app(ws)
    async with app.run_test(size=size) as pilot:
        screen = await open_timeline(pilot, app)
        options = screen.query_one(OptionList)
        await pilot.pause()
        assert options.max_scroll_y == 0, "the first page fits its room"
        assert options.size.height - options.virtual_size.height <= 2, "and fills it"
        assert 8 <= len(screen.items) < 60 and "Show older" in str(
            options.get_option_at_index(options.option_count - 1).prompt
        )


async def test_an_entry_is_corrected_and_its_first_version_kept():
    ws = workspace()
    sam = a_case(ws)
    timeline_data(ws, sam)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app)
        await pilot.press("enter")  # the newest: the mug
        await wait_for(pilot, lambda: isinstance(app.screen, CampaignRecordScreen))
        await pilot.press("e")
        form = await screen_in_front(pilot, LogIncidentScreen)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        app.focused.value = "Threw a mug at the kitchen wall"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not form.is_attached)
        await wait_for(pilot, lambda: isinstance(app.screen, GuidanceScreen | CampaignRecordScreen))
    entry = ws.store.diary_entry(2)
    assert [r.incident.what_happened for r in entry.revisions] == [
        "Threw a mug at the wall",
        "Threw a mug at the kitchen wall",
    ]


async def test_a_plan_on_the_timeline_opens_the_plan(cli):
    cli("run", "delayed_action", "--answers", ANSWERS / "delayed_action.yaml", "--case", "Sam")
    ws = workspace()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app)
        index = next(n for n, item in enumerate(screen.items) if item.kind == "plan")
        screen.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        plan = await screen_in_front(pilot, PlanScreen)
        assert plan.plan_id == 1


def busy_weeks(ws, case) -> None:
    """Eight weeks of entries with one clear busiest week, and goals rated over them."""
    rng = random.Random(7)
    start = date(2026, 10, 5)
    for week in range(8):
        count = 6 if week == 3 else rng.randint(1, 3)
        for n in range(count):
            day = start + timedelta(weeks=week, days=n % 7)
            ws.store.add_incident(
                case.id, Incident(day, "Shouted at me", rng.randint(0, 10), False)
            )
        ws.store.add_check_in(
            case.id,
            CheckIn(start + timedelta(weeks=week, days=6), (GoalRating("Calmer mornings", week),)),
            saved="2026-10-01T10:00:00+00:00",
        )


async def test_the_charts_show_the_busiest_week_and_the_latest_goal_rating():
    ws = workspace()
    sam = a_case(ws)
    busy_weeks(ws, sam)
    app = make_app(ws)
    app.today = date(2026, 11, 29)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_of(pilot, app)
        await pilot.press("g")
        screen = await screen_in_front(pilot, ProgressScreen)
        charts = screen.query_one(ProgressCharts)
        await wait_for(pilot, lambda: charts.size.width > 0)
        shown = screen_text(app)
        assert "Most in one week: 6, week of 26 October 2026" in shown
        assert "0 → 7" in shown  # the goal's first and latest rating
        await pilot.press("p", "p")  # the last four weeks
        await wait_for(
            pilot, lambda: "the last 4 weeks" in str(screen.query_one("#progress-title").render())
        )
        assert charts.progress.period.start == date(2026, 11, 2)


async def test_the_report_and_the_diary_are_exported_from_the_case(tmp_path, monkeypatch):
    """As a plan's export does: the file name starts in the documents folder (never the folder
    the coach was started from), then in the folder last exported to, for either kind."""
    from coach.export import pdf_apart

    documents = documents_at(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    made_apart: list[bool] = []
    apart = pdf_apart.report_pdf_apart

    def recorded(report):
        made_apart.append(threading.current_thread() is not threading.main_thread())
        return apart(report)

    monkeypatch.setattr(pdf_apart, "report_pdf_apart", recorded)
    ws = workspace()
    sam = a_case(ws)
    busy_weeks(ws, sam)
    app = make_app(ws)
    for_school = tmp_path / "for school"
    for_school.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app)
        for down in (1, 2):  # the PDF (drawn in a worker), then the CSV
            await pilot.press("x")
            dialog = await screen_in_front(pilot, CaseExportDialog)
            await pilot.press(*["down"] * down)
            path = dialog.query_one("#case-export-path", Input)
            assert Path(path.value).parent == (documents if down == 1 else for_school)
            if down == 1:
                path.value = str(for_school / Path(path.value).name)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda d=dialog: not d.is_attached, timeout=20)
    assert (for_school / "case-1-progress-2026-11-27.pdf").read_bytes().startswith(b"%PDF")
    assert made_apart == [True]  # in a process of its own, waited for in a worker
    assert (for_school / "case-1-diary-2026-11-27.zip").stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob("case-1-*"))
    assert any(n.startswith("Saved to ") for n in said(app))
    assert app.services.settings.export_folder == for_school  # a plan's export starts there


async def test_a_finished_check_in_offers_the_charts_not_a_plan():
    ws = workspace()
    sam = a_case(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        app.start_flow("check_in", sam.id)
        screen = await screen_in_front(pilot, ConversationScreen)
        answers = {
            "immediate_danger": False,
            "own_crisis": False,
            "hard_to_cope": False,
            "felt_calm": 6,
        }
        await walk(pilot, answers)  # no goals this week; one feeling rated
        await wait_for(pilot, lambda: screen.query("#open-progress"))
        assert not screen.query("#open-plan")
        await click(pilot, "#open-progress")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
    assert len(ws.store.check_ins(sam.id)) == 1 and ws.store.plans(case_id=sam.id) == []
