"""The lock screen: the passphrase, asked at start for a locked store and again after the app
has been idle.

Nothing of the family's data is on it or reachable from it: only the data folder, the crisis
lines of the chosen region (a setting, not family data), and the keys for help now, hiding
the coach and quitting. The screens underneath stay as they were and come back unchanged.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from coach.safety import region
from coach.tui.failures import shows_mistakes
from coach.tui.widgets.base import MessageLine, PlainInput
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.scroll_frame import ScrollFrame

WRONG = "That passphrase does not open your data. Please try again."
EMPTY = "Please type your passphrase."


def crisis_lines(region_code: str | None) -> Text:
    """The region's emergency number and lines, in a few plain lines."""
    chosen = region(region_code)
    text = Text(f"If anyone is in danger right now, call {chosen.emergency}.", style="bold")
    for line in chosen.lines:
        text.append(f"\n{line.name}: {line.number}")
    return text


class UnlockScreen(Screen[None]):
    """Dismissed once the passphrase is right; the app decides what happens then."""

    HELP = """\
## Locked

Your answers, notes and plans are encrypted with a passphrase, so that nobody else using this
computer can read them. Type the passphrase and press **Enter** to go on. **Quit** (or
**ctrl+q**) closes the coach; everything answered so far is saved.

If the passphrase is forgotten, the data cannot be opened again by anyone: that is what keeps
it private. You can start afresh with another data folder (`coach --home FOLDER`).

**F2** shows what to do in danger and the crisis lines, without unlocking.
"""

    def __init__(self, *, folder: Path, region_code: str | None, idle: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.region_code = region_code
        self.idle = idle

    def compose(self) -> ComposeResult:
        yield Static("NVR Coach · locked", id="unlock-title", markup=False)
        with ScrollFrame(id="unlock"), Vertical(id="unlock-box"):
            intro = (
                "Locked after a while without use. Type your passphrase to carry on where you were."
                if self.idle
                else "Your data is locked with a passphrase. Type it to open the coach."
            )
            yield Static(intro, classes="intro-line", markup=False)
            yield Static("Passphrase", classes="label", markup=False)
            yield PlainInput(password=True, id="passphrase", select_on_focus=False)
            yield MessageLine(id="unlock-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Unlock", id="unlock-button", variant="primary")
                yield Button("Quit", id="quit-button")
            yield Static(f"Data folder: {self.folder}", classes="hint", markup=False)
            yield Static(crisis_lines(self.region_code), id="unlock-crisis", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        for box in self.query("#passphrase"):  # none when the app closes as it locks
            box.focus()

    def on_screen_resume(self) -> None:
        """Back from help now (where the region may have changed): the lines, the box."""
        crisis = self.query("#unlock-crisis")
        if not crisis:  # resumed before its first compose
            return
        self.region_code = self.app.region_code  # type: ignore[attr-defined]
        crisis.first(Static).update(crisis_lines(self.region_code))
        self.query_one("#passphrase", Input).focus()

    def help_markdown(self) -> str:
        return self.HELP

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._try()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "quit-button":
            self.app.call_later(self.app.action_quit)  # asks first if something is unsaved
        else:
            self._try()

    @shows_mistakes
    def _try(self) -> None:
        box = self.query_one("#passphrase", Input)
        passphrase = box.value
        message = self.query_one(MessageLine)
        if not passphrase:
            message.say(EMPTY)
            box.focus()
            return
        ok = self.app.try_passphrase(passphrase, idle=self.idle)  # type: ignore[attr-defined]
        box.value = ""
        if not ok:
            message.say(WRONG)
            box.focus()
