"""The quick-hide screen: a plain notes page, for a shared computer or someone walking in.

Nothing on it mentions the coach, and neither does anything opened from it: F1 explains a
notes page, F2 opens help now over it (without the case's names), and Escape returns to it.
Coming back needs a deliberate key (ctrl+r) that the page never names; nothing typed here is
kept.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from coach.tui.widgets.base import PlainTextArea
from coach.tui.widgets.key_bar import KeyBar

NEUTRAL_HELP = "Notes: a scratch pad. Nothing typed here is kept. ctrl+q closes it."


class NeutralScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+r", "app.unhide", "Resume", show=False),
        Binding("f1", "neutral_help", "Help"),
        Binding("f2,ctrl+g", "help_now", show=False),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Notes", id="neutral-title", markup=False)
        yield PlainTextArea("", id="neutral-pad", soft_wrap=True, placeholder="Type a note...")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PlainTextArea).focus()

    def action_neutral_help(self) -> None:
        self.notify(NEUTRAL_HELP, timeout=4, markup=False)

    def action_help_now(self) -> None:
        """Help now over this page: the app shows it plain while the coach is hidden."""
        self.app.action_help_now()  # type: ignore[attr-defined]
