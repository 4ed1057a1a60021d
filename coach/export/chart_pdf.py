"""The progress charts drawn as vector graphics in a PDF (fpdf2), in the report's style.

The same shapes as the web report's SVG (``coach.campaign.charts``) and the same colours
(``coach.export.chart_style``), in millimetres: lines, rectangles and text, so they print
sharp at any size and their labels can be selected and read aloud.
"""

from __future__ import annotations

from typing import Any

from coach.campaign.charts import (
    BarChart,
    LineChart,
    Scale,
    date_labels,
    legend_label,
    week_labels,
)
from coach.export.chart_style import (
    BAND_FILLS,
    GESTURE_FILL,
    GRID,
    INK,
    LINE_STYLES,
    MUTED,
    rgb,
)
from coach.export.pdf import FAMILY, Glyphs

TITLE_SIZE = 10.0
LABEL_SIZE = 7.0
AXIS_ROOM = 8.0  # mm left of the plot for the count labels
LABEL_ROOM = 14.0  # mm per x-axis label
LEGEND_ROW = 4.6
LINE_WIDTH = 0.45


class ChartPen:
    """Draws one chart at a time onto a page, keeping fpdf2's state tidy around it."""

    def __init__(self, pdf: Any, glyphs: Glyphs) -> None:
        self.pdf = pdf
        self.glyphs = glyphs

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        align: str = "L",
        size: float = LABEL_SIZE,
        style: str = "",
        colour: str = MUTED,
    ) -> None:
        """Text with its baseline at ``y``, starting at (L), centred on (C) or ending at (R) x."""
        pdf = self.pdf
        fitted = self.glyphs.fit(text, style)
        pdf.set_font(FAMILY, style, size)
        pdf.set_text_color(*rgb(colour))
        width = pdf.get_string_width(fitted)
        left = x - width if align == "R" else x - width / 2 if align == "C" else x
        pdf.text(left, y, fitted)

    def title(self, x: float, y: float, title: str) -> None:
        self.text(x, y + 3.5, title, size=TITLE_SIZE, style="B", colour=INK)

    def grid(self, scale: Scale, x0: float, x1: float, top: float, bottom: float) -> None:
        pdf = self.pdf
        pdf.set_line_width(0.2)
        for tick in scale.ticks:
            y = bottom - (bottom - top) * tick / scale.top
            pdf.set_draw_color(*rgb(MUTED if tick == 0 else GRID))
            pdf.line(x0, y, x1, y)
            self.text(x0 - 1.5, y + 1.0, str(tick), align="R")

    def swatches(
        self, labels: tuple[str, ...], fills: tuple[str, ...], right: float, y: float
    ) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "", LABEL_SIZE)
        x = right
        for label, fill in reversed(list(zip(labels, fills, strict=True))):
            x -= pdf.get_string_width(label) + 7
            pdf.set_fill_color(*rgb(fill))
            pdf.set_draw_color(*rgb(MUTED))
            pdf.set_line_width(0.1)
            pdf.rect(x, y - 2.4, 2.8, 2.8, style="DF")
            self.text(x + 3.8, y, label)

    def bars(self, chart: BarChart, x: float, y: float, width: float, height: float) -> None:
        """A weekly bar chart in the box at (x, y), title and labels included."""
        pdf = self.pdf
        fills = BAND_FILLS[: len(chart.series)] if len(chart.series) > 1 else (GESTURE_FILL,)
        self.title(x, y, chart.title)
        if len(chart.series) > 1:
            self.swatches(chart.series, fills, x + width, y + 9)
        x0, x1 = x + AXIS_ROOM, x + width
        top, bottom = y + 12, y + height - 5
        self.grid(chart.scale, x0, x1, top, bottom)
        slot = (x1 - x0) / max(len(chart.weeks), 1)
        bar = max(slot * 0.78, 0.3)
        for n, stack in enumerate(chart.stacks):
            base = bottom
            for count, fill in zip(stack, fills, strict=True):
                if not count:
                    continue
                tall = (bottom - top) * count / chart.scale.top
                base -= tall
                pdf.set_fill_color(*rgb(fill))
                pdf.rect(x0 + n * slot + (slot - bar) / 2, base, bar, tall, style="F")
        for n, label in week_labels(chart.weeks, int((x1 - x0) / LABEL_ROOM)):
            self.text(x0 + (n + 0.5) * slot, bottom + 3.6, label, align="C")
        if chart.empty:
            self.text(
                (x0 + x1) / 2,
                (top + bottom) / 2,
                f"No {chart.unit} in this period",
                align="C",
                size=9,
            )

    def marker(self, shape: str, x: float, y: float) -> None:
        pdf = self.pdf
        size = 0.95
        if shape == "square":
            pdf.rect(x - size, y - size, 2 * size, 2 * size, style="F")
        elif shape == "triangle":
            pdf.polygon(
                [(x, y - 1.25 * size), (x + 1.2 * size, y + size), (x - 1.2 * size, y + size)],
                style="F",
            )
        else:
            pdf.circle(x, y, size, style="F")

    def lines(self, chart: LineChart, x: float, y: float, width: float, height: float) -> float:
        """Goal ratings over time in the box at (x, y), with a legend under it; returns the
        legend's bottom."""
        pdf = self.pdf
        self.title(x, y, chart.title)
        x0, x1 = x + AXIS_ROOM, x + width - 3
        top, bottom = y + 8, y + height - 5
        self.grid(chart.scale, x0, x1, top, bottom)
        for day, label in date_labels(chart.start, chart.end, int((x1 - x0) / LABEL_ROOM)):
            self.text(x0 + (x1 - x0) * chart.x(day), bottom + 3.6, label, align="C")
        pdf.set_line_width(LINE_WIDTH)
        legend = bottom + 8
        for number, series in enumerate(chart.lines):
            colour, dash, shape = LINE_STYLES[number % len(LINE_STYLES)]
            pdf.set_draw_color(*rgb(colour))
            pdf.set_fill_color(*rgb(colour))
            if dash:
                pdf.set_dash_pattern(dash[0] * LINE_WIDTH * 2, dash[1] * LINE_WIDTH * 2)
            points = [
                (x0 + (x1 - x0) * chart.x(day), bottom - (bottom - top) * chart.scale.fraction(r))
                for day, r in series.points
            ]
            if len(points) > 1:
                pdf.polyline(points)
            row = legend + LEGEND_ROW * number
            pdf.line(x0, row - 1, x0 + 8, row - 1)
            pdf.set_dash_pattern()
            for px, py in points:
                self.marker(shape, px, py)
            self.marker(shape, x0 + 4, row - 1)
            self.text(x0 + 10, row, legend_label(series.name, 90), size=8, colour=INK)
        if chart.empty:
            self.text(
                (x0 + x1) / 2,
                (top + bottom) / 2,
                "No goals rated in this period",
                align="C",
                size=9,
            )
        pdf.set_line_width(0.2)
        return legend + LEGEND_ROW * max(len(chart.lines) - 1, 0) + 2
