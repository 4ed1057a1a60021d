"""The scrolling frame around a form or a set of lists (the welcome, the unlock screen, the
diary's form, a group's row, the home's overview): it lets a small terminal scroll what does
not fit, takes a Tab stop only then, and shows it has the focus by its scroll bar
(``coach.tcss``). Reading views (a plan, a help page) stay Textual's scroll containers: they
are given the focus as they open, before their size is known, so that the arrows scroll them.

Textual's scroll containers always take focus, and show nothing when they have it. On the
welcome screen a person tabbing from the last button to the region pressed Tab, then Enter,
and nothing happened: it read as keys the coach had lost.
"""

from __future__ import annotations

from textual.containers import VerticalScroll


class ScrollFrame(VerticalScroll):
    def allow_focus(self) -> bool:
        """Only with something to scroll (then the arrow keys scroll it)."""
        return self.max_scroll_y > 0 or self.max_scroll_x > 0
