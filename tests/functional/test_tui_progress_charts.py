"""The terminal charts (a prototype for the campaign's chart screen): readable at 80x24 and in
a wide terminal, the busiest week and the latest goal ratings written out, words as typed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.app import App, ComposeResult

from coach.campaign.figures import progress
from coach.campaign.weeks import Period
from coach.records import CheckIn, Gesture, GoalRating, Incident
from coach.tui.widgets.progress_charts import ProgressCharts

START = date(2026, 1, 5)


def a_year() -> Period:
    return Period(START, START + timedelta(weeks=52) - timedelta(days=1))


def figures():
    counts = [2, 1, 3, 0, 6, 2] + [1] * 46  # the busiest week: 2 February, six incidents
    incidents = [
        Incident(START + timedelta(weeks=n, days=1), "Shouted", (n * 5 + k) % 11, False)
        for n, count in enumerate(counts)
        for k in range(count)
    ]
    check_ins = [
        CheckIn(
            START + timedelta(weeks=n),
            (
                GoalRating("Calmer mornings", min(n // 5, 10)),
                GoalRating("[bold]Eat[/bold] together", 4),
            ),
        )
        for n in range(52)
    ]
    gestures = [Gesture(START + timedelta(days=9 * n), "snack") for n in range(30)]
    return progress(a_year(), incidents, check_ins, gestures)


class ChartsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ProgressCharts(figures())


def visible(app: App) -> list[str]:
    widget = app.query_one(ProgressCharts)
    return [widget.render_line(y).text for y in range(widget.size.height)]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_charts_fit_and_say_what_matters(size):
    app = ChartsApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        widget = app.query_one(ProgressCharts)
        lines = visible(app)
        assert widget.size.height <= size[1] and all(len(line) <= size[0] for line in lines)
        text = "\n".join(lines)
        assert "Most in one week: 6, week of 2 February 2026" in text
        assert "Calmer mornings" in text and "0 → 10" in text
        assert "[bold]Eat[/bold] together" in text  # the family's words, never markup
        assert "4 → 4" in text
        assert "Jan 2026" in text


async def test_a_year_of_weeks_is_one_column_each_at_80_columns():
    app = ChartsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = visible(app)
        axis = next(line for line in lines if "└" in line)
        assert axis.count("─") == 52


async def test_no_incidents_and_no_goals_say_so():
    class Empty(App[None]):
        def compose(self) -> ComposeResult:
            yield ProgressCharts(progress(Period(START, START)))

    app = Empty()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = "\n".join(visible(app))
        assert "No goals rated yet" in text
        assert "Most in one week" not in text


LONG_GOAL = "Mornings where everyone gets out of the door calmly, without shouting at all"


def seven_weeks():
    period = Period(START, START + timedelta(weeks=7) - timedelta(days=1))
    incidents = [
        Incident(START + timedelta(weeks=n, days=2), "Shouted", 5, False)
        for n in range(7)
        for _ in range(n % 3 + 1)
    ]
    check_ins = [
        CheckIn(START + timedelta(weeks=n, days=6), (GoalRating(LONG_GOAL, n),)) for n in range(7)
    ]
    return progress(period, incidents, check_ins, [])


class SevenWeeksApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ProgressCharts(seven_weeks())


async def test_a_few_weeks_use_the_width_with_a_label_under_each_week():
    app = SevenWeeksApp()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        lines = visible(app)
        axis = lines.index(next(line for line in lines if "└" in line))
        assert lines[axis].count("─") > 7 * 4  # each week several columns, not one
        bottom = lines[axis - 1]  # every week has a bar in its bottom row
        bars = [run for run in bottom.split("│", 1)[1].split() if run]
        assert len(bars) == 7 and all(len(bar) > 1 for bar in bars)
        labels = lines[axis + 1]
        weeks = [START + timedelta(weeks=n) for n in range(7)]
        assert all(f"{day.day} {day:%b}" in labels for day in weeks)
        assert LONG_GOAL in "\n".join(lines)  # the goal's words whole where they fit


async def test_a_long_goal_is_cut_to_the_width_at_80_columns():
    app = SevenWeeksApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = visible(app)
        assert all(len(line) <= 80 for line in lines)
        [goal] = [line for line in lines if "0 → 6" in line]
        assert LONG_GOAL[:40] in goal and "…" in goal
