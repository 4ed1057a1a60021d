"""A list whose chosen option carries a mark in text ("›"), not only a colour.

Where moving through a list chooses (home's case, an export's format, the timeline's item),
the highlight is the choice; out of focus it shows only as a shade. The mark shows the same
on a monochrome terminal and to someone who cannot tell the colours apart, as the ticks of a
tick list do.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList

MARK = "›"


class MarkedList(OptionList):
    """An ``OptionList`` with a two-column gutter: "›" beside the first line of the
    highlighted option, blank beside every other line."""

    def _get_left_gutter_width(self) -> int:
        # Textual's own hook (SelectionList draws its boxes there): options wrap to the
        # width left after the gutter.
        return 2

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return strip
        chosen = index == self.highlighted and offset == 0
        base = next(iter(strip)).style if strip.cell_length else None
        style = (base or Style()) + Style(bold=chosen, meta={"option": index})
        gutter = Segment(f"{MARK} " if chosen else "  ", style)
        return Strip([gutter, *strip], strip.cell_length + 2)
