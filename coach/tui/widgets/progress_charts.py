"""The three progress charts drawn in the terminal, readable at 80x24 (a prototype for the
campaign's chart screen).

Drawn with Rich text from ``coach.campaign.charts``, not with a plotting library: the axes
start at zero with whole-number steps, the weeks share the width (one column each when a
year must fit at 80 columns), and stacked severity bands are told apart by lightness as well
as hue (each band rounded to whole rows, so every cell has one colour). The facts a reader
looks for are also written out in words below each chart (the busiest week, each goal's
latest rating), so nothing depends on reading a bar's height. The family's words are always
plain text, never markup.
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
from coach.campaign.figures import IncidentWeek, Progress, Series
from coach.campaign.summary import day_text

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR = "▌"
BAND_COLOURS = ("#fdd49e", "#f08a4b", "#c8281e")  # mild, moderate, severe: light to dark
GESTURE_COLOUR = "#5fae73"
GOAL_COLOUR = "#6fa8dc"
AXIS = Style(dim=True)
BAR_ROWS = 8
GESTURE_ROWS = 3
WEEK_MOST = 8  # columns a week may take
LABEL_ROOM = 7  # a week's label ("28 Sep") and a space


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


def week_width(weeks: int, room: int) -> int:
    """Columns a week gets: the room shared out, at least one and at most ``WEEK_MOST`` (a
    few weeks in a wide terminal would otherwise be slabs)."""
    return max(1, min(room // max(weeks, 1), WEEK_MOST))


def _bar(width: int) -> str:
    """A week's bar in ``width`` columns, with a gap after it so neighbours stay apart."""
    if width == 1:
        return BAR
    drawn = max(1, width * 3 // 4)
    return "█" * drawn + " " * (width - drawn)


def bar_lines(
    chart: BarChart, width: int, colours: Sequence[str], rows: int = BAR_ROWS
) -> list[Text]:
    """A weekly bar chart as lines of text, ``width`` columns wide (the latest weeks that fit).

    The weeks share the room (up to ``WEEK_MOST`` columns each), and their labels are spaced
    to match: a date under each week where every one fits, else the months.
    """
    axis = len(str(chart.scale.top)) + 1
    room = max(width - axis - 1, 1)
    weeks = chart.weeks[-room:]
    each = week_width(len(weeks), room)
    unit = chart.scale.top / rows
    columns = [_column(stack, colours, unit) for stack in chart.stacks[-room:]]
    lines = []
    for row in reversed(range(rows)):
        label = str(chart.scale.top) if row == rows - 1 else ""
        line = Text(label.rjust(axis - 1) + "┤" if label else " " * (axis - 1) + "│", style=AXIS)
        for column in columns:
            colour = column[row] if row < len(column) else None
            line.append(_bar(each) if colour else " " * each, Style(color=colour))
        lines.append(line)
    drawn = len(columns) * each
    lines.append(Text("0".rjust(axis - 1) + "└" + "─" * drawn, style=AXIS))
    marks = Text(" " * axis)
    for n, label in week_labels(weeks, max(drawn // LABEL_ROOM, 1)):
        at = axis + n * each
        if at >= len(marks):  # a label that would run into the one before is left out
            marks.pad_right(at - len(marks))
            marks.append(label + " ", style=AXIS)
    lines.append(marks)
    return lines


def _spark(ratings: Sequence[int], top: int) -> str:
    return "".join(EIGHTHS[max(1, round(value / top * 8))] for value in ratings)


def _numbers(series: Series) -> str:
    return f" {series.first[1]} → {series.latest[1]}"


def name_width(chart: LineChart, width: int) -> int:
    """Columns for the goals' names: as long as the longest, where the marks of every check-in
    still fit beside it; never less than a third of the width (the marks then show the
    latest check-ins)."""
    longest = max(len(series.name) for series in chart.lines)
    marks = max(len(series.points) + len(_numbers(series)) for series in chart.lines)
    return max(1, min(longest, max(width - 1 - marks, width // 3)))


def goal_lines(chart: LineChart, width: int) -> list[Text]:
    """One line per goal: its words, a mark per check-in on a fixed 0 to 10 scale, and the
    first and latest rating in numbers."""
    if chart.empty:
        return [Text("No goals rated yet. The weekly check-in asks for them.", style=AXIS)]
    names = name_width(chart, width)
    lines = []
    for series in chart.lines:
        numbers = _numbers(series)
        room = max(width - names - 1 - len(numbers), 1)
        ratings = [rating for _, rating in series.points][-room:]
        line = Text(legend_label(series.name, names).ljust(names) + " ")
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
