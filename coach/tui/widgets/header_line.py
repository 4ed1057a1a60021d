"""A conversation's one-line header that fits the width it has.

Its parts (the flow's title, the step count, the case's name) are joined by " · ". Beside the
practitioner's panel at 80 columns they do not all fit, and a cut line read "step 2 of": the
title is then left out, so the step count and the name stay whole. The width is read at each
drawing, so hiding the panel brings the title back.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

SEPARATOR = " · "


def fitted(parts: Sequence[str], width: int) -> str:
    """All the parts where they fit in ``width`` cells; else all but the first."""
    whole = SEPARATOR.join(parts)
    if cell_len(whole) <= width or len(parts) < 2:
        return whole
    return SEPARATOR.join(parts[1:])


class HeaderLine(Widget):
    """One line of parts, the first left out where the line is too narrow for all."""

    DEFAULT_CSS = """
    HeaderLine { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: tuple[str, ...] = ()

    def show(self, *parts: str) -> None:
        self.parts = parts
        self.refresh()

    def render(self) -> Text:
        return Text(fitted(self.parts, self.content_size.width), no_wrap=True)
