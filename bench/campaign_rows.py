"""The campaign's rows: a case's timeline with five years of daily entries against an empty
one, logging an incident (the form's answers to the entry stored), and the progress report
of a year made through the use case (the store read and the rendering).

The timeline is timed in one headless app: from asking for the screen to the first moment
it is idle with its list filled; the large case and the empty one take turns, so drift in
the machine weighs on both alike.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from campaign_year import FIRST, LAST, year_report

from coach.services import Services, Workspace

FIVE_YEARS = 5 * 365
LOGGED = {"what_happened": "Shouted and slammed the door", "severity": "6", "anyone_hurt": "no"}


def five_years(coach: Services, name: str, today: date) -> int:
    """A case with an incident every day for five years (and a check-in each week)."""
    from coach.records import CheckIn, GoalRating, Incident

    store = coach.workspace.store
    case = store.create_case(name)
    with store.atomically():
        for n in range(FIVE_YEARS):
            day = today - timedelta(days=n)
            store.add_incident(case.id, Incident(day, LOGGED["what_happened"], n % 11, n % 17 == 0))
            if n % 7 == 0:
                goals = (GoalRating("Calmer mornings", n % 11),)
                store.add_check_in(case.id, CheckIn(day, goals, calm=n % 11))
    return case.id


async def _timeline_runs(coach: Services, cases: dict[str, int], repeat: int) -> dict[str, list]:
    from textual.widgets import OptionList

    from coach.tui.app import CoachApp
    from coach.tui.screens.case_timeline import TimelineScreen
    from coach.tui.screens.home import HomeScreen

    app = CoachApp(coach, cursor_blink=False)
    runs: dict[str, list[float]] = {which: [] for which in cases}
    async with app.run_test(size=(100, 32)) as pilot:
        while not isinstance(app.screen, HomeScreen):
            await asyncio.sleep(0.01)
        await pilot.pause()
        for number in range(repeat + 1):  # the first round warms the screen's imports up
            for which, case_id in cases.items():
                started = time.perf_counter()
                screen = TimelineScreen(case_id, which)
                await app.push_screen(screen)
                while not screen.query(OptionList) or (not screen.items and which != "empty"):
                    await asyncio.sleep(0)
                await pilot.pause()
                if number:
                    runs[which].append((time.perf_counter() - started) * 1000)
                await app.pop_screen()
                await pilot.pause()
    return runs


def timeline_ms(folder: Path, repeat: int) -> tuple[float, float, float, int]:
    """The median time to open the timeline of five years of daily entries, of an empty
    case, and of a case with a fortnight of entries (a full screen of items, so what the
    large case adds to it is what its size costs), and how many items the large one holds."""
    today = date(2026, 11, 27)
    coach = Services(Workspace(home_option=folder / "timeline"))
    from coach.services.settings import WELCOMED_SETTING

    coach.workspace.store.set_setting(WELCOMED_SETTING, "1")
    large = five_years(coach, "large", today)
    empty = coach.cases.create("empty").id
    fortnight = coach.cases.create("fortnight").id
    for n in range(14):
        coach.campaign.log_incident(
            fortnight, {**LOGGED, "day": (today - timedelta(days=n)).isoformat()}, today
        )
    count = coach.campaign.timeline(large, count=0).total
    cases = {"large": large, "empty": empty, "fortnight": fortnight}
    runs = asyncio.run(_timeline_runs(coach, cases, repeat))
    coach.close()
    medians = {which: statistics.median(times) for which, times in runs.items()}
    return medians["large"], medians["empty"], medians["fortnight"], count


def log_ms(folder: Path, repeat: int) -> float:
    """The median time from the form's answers to the entry stored (and read back)."""
    coach = Services(Workspace(home_option=folder / "log"))
    case = coach.cases.create("Sam")
    today = date(2026, 11, 27)
    coach.campaign.log_incident(case.id, {**LOGGED, "day": "today"}, today)
    samples = []
    for n in range(repeat):
        started = time.perf_counter()
        coach.campaign.log_incident(case.id, {**LOGGED, "day": f"2026-11-{1 + n % 27:02d}"}, today)
        samples.append((time.perf_counter() - started) * 1000)
    coach.close()
    return statistics.median(samples)


def stored_year(folder: Path) -> tuple[Services, int, int]:
    """The year of ``campaign_year`` in a store: its entries, check-ins and gestures plans."""
    report = year_report()
    coach = Services(Workspace(home_option=folder / "year"))
    store = coach.workspace.store
    case = store.create_case("Sam")
    with store.atomically():
        for incident in report.diary:
            store.add_incident(case.id, incident)
        for check_in in report.progress.check_ins:
            store.add_check_in(case.id, check_in)
        for week in range(52):
            day = FIRST + timedelta(weeks=week, days=3)
            store.create_plan(
                session_id=None,
                case_id=case.id,
                flow_id="reconciliation_gestures",
                flow_version=1,
                title=f"Gestures plan {week}",
                body="# Gestures plan\n",
                answers={"gesture_1": "snack", "gesture_1_date": day.isoformat()},
                created=f"{day.isoformat()}T10:00:00+00:00",
            )
    return coach, case.id, len(report.diary)


def report_ms(folder: Path, repeat: int) -> tuple[dict[str, float], int, int]:
    """The report's times by format, how many entries it holds, and its case's id (the store
    stays in ``folder``/year for the frame row)."""
    coach, case_id, entries = stored_year(folder)
    timed = {}
    for kind in ("html", "pdf"):
        make = lambda k=kind: coach.campaign.report(case_id, k, since=FIRST, today=LAST)  # noqa: E731
        make()
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            make()
            samples.append((time.perf_counter() - started) * 1000)
        timed[kind] = statistics.median(samples)
    coach.close()
    return timed, entries, case_id
