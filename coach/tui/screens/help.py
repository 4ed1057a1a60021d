"""F1: help for the screen in front of you (and, on a question, that question's help)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.reading import Document

KEYS = """\
### Keys that work everywhere

- **F1**: this help. **F2** or **ctrl+g**: help now (what to do in danger, crisis lines).
- {hide}: hide the coach at once behind a plain notes page; **ctrl+r** brings it back.
- **ctrl+p**: the command palette (start a flow, resume, open a plan, change theme...).
- **Tab** and **shift+Tab** move between parts of the screen; the mouse works too.
- **ctrl+q**: quit. Everything you have answered is already saved.
"""


PLAIN_HELP = "Press **Escape** to go back."


def keys_help(*, browser: bool) -> str:
    """The keys, without those a browser keeps for itself (ctrl+n opens a new window)."""
    return KEYS.format(hide="**F3**" if browser else "**F3** or **ctrl+n**")


class HelpScreen(CoachModal[None]):
    BINDINGS = [Binding("f1", "close", "Close", show=False)]

    def __init__(
        self, markdown: str, *, practitioner: str | None = None, keys: bool = True
    ) -> None:
        """``keys``: add the keys that work everywhere (not while the coach is hidden: they
        would name it)."""
        super().__init__()
        self.markdown = markdown
        self.practitioner = practitioner
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static("Help", classes="dialog-title", markup=False)
            with VerticalScroll(id="help-scroll"):
                keys = "\n\n" + keys_help(browser=self.app.is_web) if self.keys else ""
                yield Document(self.markdown + keys, id="help-body")
                if self.practitioner:
                    yield Document(
                        "### For the practitioner\n\n" + self.practitioner,
                        classes="practitioner-only",
                        id="help-practitioner",
                    )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
