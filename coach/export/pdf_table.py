"""Tables in a PDF, quick enough for a year of diary entries.

fpdf2's own table takes seconds for a few hundred rows; this one wraps each cell at spaces
with cached word widths and sets each line as one piece of text, so a year of daily entries
fits the report's time budget. Headings repeat at the top of every page, and a row is never
split across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach.export.pdf import ACCENT, FAMILY, INK, RULE_LIGHT, Glyphs, longest_fit

PADDING = 1.2  # mm inside each cell, left and right
HEADING_FILL = (243, 245, 247)


class PdfTable:
    """A table with fixed column widths (mm) in one font size; ``rows`` are plain text."""

    def __init__(
        self,
        pdf: Any,
        glyphs: Glyphs,
        columns: Sequence[str],
        widths: Sequence[float],
        *,
        size: float = 7.5,
        line: float = 3.4,
    ) -> None:
        self.pdf = pdf
        self.glyphs = glyphs
        self.columns = columns
        self.widths = widths
        self.size = size
        self.line = line
        self._words: dict[tuple[str, str], float] = {}

    def _width(self, text: str, style: str) -> float:
        key = (text, style)
        found = self._words.get(key)
        if found is None:
            self.pdf.set_font(FAMILY, style, self.size)
            found = self._words[key] = float(self.pdf.get_string_width(text))
        return found

    def wrap(self, text: str, room: float, style: str = "") -> list[str]:
        """``text`` broken into lines no wider than ``room`` (a long word is cut)."""
        lines: list[str] = []
        space = self._width(" ", style)
        for paragraph in self.glyphs.fit(text, style).split("\n"):
            current, used = "", 0.0
            for word in paragraph.split():
                size = self._width(word, style)
                if current and used + space + size <= room:
                    current, used = f"{current} {word}", used + space + size
                    continue
                if current:
                    lines.append(current)
                while size > room:
                    cut = longest_fit(word, lambda s, st=style: self._width(s, st), room)
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self._width(word, style)
                current, used = word, size
            lines.append(current)
        return lines

    def _row(self, cells: Sequence[str], style: str, fill: bool) -> None:
        pdf = self.pdf
        wrapped = [
            self.wrap(cell, width - 2 * PADDING, style)
            for cell, width in zip(cells, self.widths, strict=True)
        ]
        height = max(len(lines) for lines in wrapped) * self.line + 1.6
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page(orientation=pdf.cur_orientation)  # a landscape table stays landscape
            if style == "":
                self.heading()
        top = pdf.get_y()
        left = pdf.l_margin
        if fill:
            pdf.set_fill_color(*HEADING_FILL)
            pdf.rect(left, top, sum(self.widths), height, style="F")
        pdf.set_font(FAMILY, style, self.size)
        pdf.set_text_color(*(ACCENT if style else INK))
        x = left
        for lines, width in zip(wrapped, self.widths, strict=True):
            for number, text in enumerate(lines):
                if text:
                    pdf.text(x + PADDING, top + 0.8 + self.line * (number + 0.78), text)
            x += width
        pdf.set_draw_color(*RULE_LIGHT)
        pdf.set_line_width(0.2)
        pdf.line(left, top + height, left + sum(self.widths), top + height)
        pdf.set_y(top + height)

    def heading(self) -> None:
        self._row(self.columns, "B", fill=True)

    def draw(self, rows: Sequence[Sequence[str]]) -> None:
        """The headings, then every row, each page of them under its own headings."""
        self.heading()
        for row in rows:
            self._row(row, "", fill=False)
        self.pdf.set_text_color(*INK)
        self.pdf.ln(2)
