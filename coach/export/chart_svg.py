"""The progress charts as inline SVG, for the HTML report: no scripts, readable in print.

The severity bands differ in lightness as well as hue, so a black-and-white printout still
tells them apart, and goal lines differ in dash and marker as well as colour. Every text is
escaped; the chart's title and a one-line description name it for screen readers.
"""

from __future__ import annotations

from html import escape

from coach.campaign.charts import BarChart, LineChart, date_labels, legend_label, week_labels
from coach.campaign.summary import counted, day_text
from coach.export.chart_style import BAND_FILLS, GESTURE_FILL, GRID, INK, LINE_STYLES, MUTED

WIDTH = 680.0
HEIGHT = 250.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 12.0, 34.0, 30.0
LABEL_ROOM = 56.0  # px per x-axis label
LEGEND_ROW = 18.0

LINE_WIDTH = 2.0


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = 11,
    fill: str = MUTED,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}" font-weight="{weight}">{escape(text)}</text>'
    )


def _open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} {_n(height)}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\">",
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        _text(0, 14, title, size=13, fill=INK, weight="bold"),
    ]


def _grid(
    ticks: tuple[int, ...], top_value: int, x0: float, x1: float, y0: float, y1: float
) -> list[str]:
    parts = []
    for tick in ticks:
        y = y1 - (y1 - y0) * tick / top_value
        colour = MUTED if tick == 0 else GRID
        parts.append(
            f'<line x1="{_n(x0)}" y1="{_n(y)}" x2="{_n(x1)}" y2="{_n(y)}" '
            f'stroke="{colour}" stroke-width="1"/>'
        )
        parts.append(_text(x0 - 6, y + 4, str(tick), anchor="end"))
    return parts


def _legend_swatches(labels: tuple[str, ...], fills: tuple[str, ...], y: float) -> list[str]:
    parts = []
    x = WIDTH - RIGHT
    for label, fill in reversed(list(zip(labels, fills, strict=True))):
        width = 7.0 * len(label) + 24
        x -= width
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y - 9)}" width="11" height="11" fill="{fill}" '
            f'stroke="{MUTED}" stroke-width="0.5"/>'
        )
        parts.append(_text(x + 15, y, label))
    return parts


def bar_chart_svg(chart: BarChart, chart_id: str, fills: tuple[str, ...] = BAND_FILLS) -> str:
    """Weekly bars, stacked bottom first, with the count axis and month or week labels."""
    fills = fills[: len(chart.series)] if len(chart.series) > 1 else (GESTURE_FILL,)
    total = sum(sum(stack) for stack in chart.stacks)
    one = chart.unit.removesuffix("s")  # "1 incident over 1 week", not "1 incidents"
    description = (
        f"{total} {one if total == 1 else chart.unit} over {counted(len(chart.weeks), 'week')}; "
        f"the most in one week: {max((sum(s) for s in chart.stacks), default=0)}."
    )
    parts = _open(chart_id, chart.title, description, HEIGHT)
    if len(chart.series) > 1:
        parts += _legend_swatches(chart.series, fills, 14 + LEGEND_ROW)
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, TOP + 14, HEIGHT - BOTTOM
    parts += _grid(chart.scale.ticks, chart.scale.top, x0, x1, y0, y1)
    slot = (x1 - x0) / max(len(chart.weeks), 1)
    bar = max(slot * 0.78, 1.0)
    for n, (week, stack) in enumerate(zip(chart.weeks, chart.stacks, strict=True)):
        if not any(stack):
            continue
        x = x0 + n * slot + (slot - bar) / 2
        bottom = y1
        detail = ", ".join(
            f"{count} {label}" for count, label in zip(stack, chart.series, strict=True) if count
        )
        parts.append(f"<g><title>{escape(f'Week of {day_text(week)}: {detail}')}</title>")
        for count, fill in zip(stack, fills, strict=True):
            if not count:
                continue
            height = (y1 - y0) * count / chart.scale.top
            bottom -= height
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(bottom)}" width="{_n(bar)}" height="{_n(height)}" '
                f'fill="{fill}" stroke="#ffffff" stroke-width="0.4"/>'
            )
        parts.append("</g>")
    for n, label in week_labels(chart.weeks, int((x1 - x0) / LABEL_ROOM)):
        parts.append(_text(x0 + (n + 0.5) * slot, y1 + 16, label, anchor="middle"))
    if chart.empty:
        parts.append(
            _text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                f"No {chart.unit} in this period",
                anchor="middle",
                size=13,
            )
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{_n(x)},{_n(y - 4.5)} {_n(x + 4.5)},{_n(y + 3.5)} {_n(x - 4.5)},{_n(y + 3.5)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{colour}"/>'


def line_chart_svg(chart: LineChart, chart_id: str) -> str:
    """Each goal's ratings over the period, with its own dash and marker, and a legend below."""
    legend_height = LEGEND_ROW * len(chart.lines)
    height = HEIGHT + legend_height
    description = (
        "; ".join(
            f"{series.name}: {series.first[1]} at first, {series.latest[1]} at the latest"
            for series in chart.lines
        )
        or "No goals rated in this period."
    )
    parts = _open(chart_id, chart.title, description, height)
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT - 8, TOP, HEIGHT - BOTTOM
    parts += _grid(chart.scale.ticks, chart.scale.top, x0, x1, y0, y1)
    for day, label in date_labels(chart.start, chart.end, int((x1 - x0) / LABEL_ROOM)):
        parts.append(_text(x0 + (x1 - x0) * chart.x(day), y1 + 16, label, anchor="middle"))
    for number, series in enumerate(chart.lines):
        colour, dash, shape = LINE_STYLES[number % len(LINE_STYLES)]
        points = [
            (x0 + (x1 - x0) * chart.x(day), y1 - (y1 - y0) * chart.scale.fraction(rating))
            for day, rating in series.points
        ]
        dashing = (
            f' stroke-dasharray="{_n(dash[0] * LINE_WIDTH)} {_n(dash[1] * LINE_WIDTH)}"'
            if dash
            else ""
        )
        parts.append(f"<g><title>{escape(series.name)}</title>")
        if len(points) > 1:
            joined = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
            parts.append(
                f'<polyline points="{joined}" fill="none" stroke="{colour}" '
                f'stroke-width="{_n(LINE_WIDTH)}"{dashing}/>'
            )
        parts += [_marker(shape, x, y, colour) for x, y in points]
        parts.append("</g>")
        row = HEIGHT + LEGEND_ROW * number + 4
        parts.append(
            f'<line x1="{_n(LEFT)}" y1="{_n(row - 4)}" x2="{_n(LEFT + 26)}" y2="{_n(row - 4)}" '
            f'stroke="{colour}" stroke-width="{_n(LINE_WIDTH)}"{dashing}/>'
        )
        parts.append(_marker(shape, LEFT + 13, row - 4, colour))
        parts.append(_text(LEFT + 34, row, legend_label(series.name), fill=INK))
    if chart.empty:
        parts.append(
            _text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                "No goals rated in this period",
                anchor="middle",
                size=13,
            )
        )
    parts.append("</svg>")
    return "\n".join(parts)
