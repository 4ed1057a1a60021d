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
