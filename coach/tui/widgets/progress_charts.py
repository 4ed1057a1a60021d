"""The three progress charts drawn in the terminal, readable at 80x24 (a prototype for the
campaign's chart screen).

Drawn with Rich text from ``coach.campaign.charts``, not with a plotting library: the axes
start at zero with whole-number steps, a week is one column, and stacked severity bands are
told apart by lightness as well as hue (each band rounded to whole rows, so every cell has
one colour). The facts a reader looks for are also written out in words
below each chart (the busiest week, each goal's latest rating), so nothing depends on
reading a bar's height. The family's words are always plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from coach.campaign.charts import (
    BarChart,
    LineChart,
    gesture_chart,
    goal_chart,
    incident_chart,
    legend_label,
    week_labels,
)
from coach.campaign.figures import IncidentWeek, Progress
from coach.campaign.summary import day_text

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR = "▌"
BAND_COLOURS = ("#fdd49e", "#f08a4b", "#c8281e")  # mild, moderate, severe: light to dark
GESTURE_COLOUR = "#5fae73"
GOAL_COLOUR = "#6fa8dc"
AXIS = Style(dim=True)
BAR_ROWS = 8
GESTURE_ROWS = 3
NAME_WIDTH = 26


def _column(stack: Sequence[int], colours: Sequence[str], unit: float) -> list[str | None]:
    """A week's bar as one colour per row, bottom first (None: empty).

    Each band ends at its cumulative count rounded to whole rows, so a band is never drawn
    larger than the rounding of what is below it; a week with any count shows one row at
    least, so no incident disappears from view.
    """
    rows: list[str | None] = []
    cumulative = 0
    for count, colour in zip(stack, colours, strict=False):
        cumulative += count
        top = round(cumulative / unit)
        if count and top <= len(rows):
            top = len(rows) + 1 if not rows else len(rows)
        rows += [colour] * max(top - len(rows), 0)
    return rows


def bar_lines(
    chart: BarChart, width: int, colours: Sequence[str], rows: int = BAR_ROWS
) -> list[Text]:
    """A weekly bar chart as lines of text, ``width`` columns wide (the latest weeks that fit).

    One column per week, drawn as a half-width bar so neighbouring weeks stay apart.
    """
    axis = len(str(chart.scale.top)) + 1
    room = max(width - axis - 1, 1)
    weeks = chart.weeks[-room:]
    unit = chart.scale.top / rows
    columns = [_column(stack, colours, unit) for stack in chart.stacks[-room:]]
    lines = []
    for row in reversed(range(rows)):
        label = str(chart.scale.top) if row == rows - 1 else ""
        line = Text(label.rjust(axis - 1) + "┤" if label else " " * (axis - 1) + "│", style=AXIS)
        for column in columns:
            colour = column[row] if row < len(column) else None
            line.append(BAR if colour else " ", Style(color=colour))
        lines.append(line)
    lines.append(Text("0".rjust(axis - 1) + "└" + "─" * len(columns), style=AXIS))
    marks = Text(" " * axis)
    for n, label in week_labels(weeks, max(len(weeks) // 8, 1)):
        if axis + n >= len(marks):  # a label that would run into the one before is left out
            marks.pad_right(axis + n - len(marks))
            marks.append(label + " ", style=AXIS)
    lines.append(marks)
    return lines


def _spark(ratings: Sequence[int], top: int) -> str:
    return "".join(EIGHTHS[max(1, round(value / top * 8))] for value in ratings)


def goal_lines(chart: LineChart, width: int) -> list[Text]:
    """One line per goal: its words, a mark per check-in on a fixed 0 to 10 scale, and the
    first and latest rating in numbers."""
    if chart.empty:
        return [Text("No goals rated yet. The weekly check-in asks for them.", style=AXIS)]
    lines = []
    for series in chart.lines:
        name = legend_label(series.name, NAME_WIDTH)
        numbers = f" {series.first[1]} → {series.latest[1]}"
        room = max(width - NAME_WIDTH - 1 - len(numbers), 1)
        ratings = [rating for _, rating in series.points][-room:]
        line = Text(name.ljust(NAME_WIDTH) + " ")
        line.append(_spark(ratings, chart.scale.top), Style(color=GOAL_COLOUR))
        line.append(numbers)
        lines.append(line)
    return lines


class ProgressCharts(Widget):
    """Incidents per week by severity, goal ratings over time and gestures per week."""

    DEFAULT_CSS = """
    ProgressCharts { height: auto; padding: 0 1; }
    """

    def __init__(self, progress: Progress, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.progress = progress

    def show(self, progress: Progress) -> None:
        self.progress = progress
        self.refresh(layout=True)

    def busiest_week(self) -> IncidentWeek | None:
        """The week with the most incidents (the earliest of equals), or None if none."""
        weeks = self.progress.incidents
        if not any(week.total for week in weeks):
            return None
        return max(weeks, key=lambda week: week.total)

    def render(self) -> RenderableType:
        width = max(self.size.width - 2, 20)
        incidents = incident_chart(self.progress)
        gestures = gesture_chart(self.progress)
        legend = Text("Incidents per week  ", style="bold")
        for label, colour in zip(incidents.series, BAND_COLOURS, strict=True):
            legend.append("█", Style(color=colour))
            legend.append(f" {label}  ")
        parts: list[RenderableType] = [legend, *bar_lines(incidents, width, BAND_COLOURS)]
        busiest = self.busiest_week()
        if busiest is not None:
            parts.append(
                Text(
                    f"Most in one week: {busiest.total}, week of {day_text(busiest.week)}",
                    style=AXIS,
                )
            )
        parts.append(Text("Goals, 0 to 10 (first → latest)", style="bold"))
        parts += goal_lines(goal_chart(self.progress), width)
        parts.append(
            Text(f"Gestures offered per week ({gestures.scale.top} at most)", style="bold")
        )
        parts += bar_lines(gestures, width, (GESTURE_COLOUR,), rows=GESTURE_ROWS)[:GESTURE_ROWS]
        return Group(*parts)
