"""The first run: what the coach is, in three lines; the region; a case, or just start.

It is where the coach is first seen, so it shows whatever the coach was asked to open on
(`coach start`, `coach resume`, `--case`): then it offers only to go on.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Select, Static

from coach.safety import REGIONS
from coach.tui.failures import shows_mistakes
from coach.tui.screens.region import region_label
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.scroll_frame import ScrollFrame

INTRO = (
    "NVR Coach helps you plan calm, non-violent responses to a young person's harmful "
    "behaviour, one small step at a time.",
    "It is a planning aid to use beside professional help: not therapy, and not an "
    "emergency service.",
)
# Where what is written is kept. A practitioner keeps records, so the coach makes them no
# promise of confidentiality: only where the data is and who can read it.
PRIVACY = "Everything you write stays on this computer, readable only by you, and is sent nowhere."
PRIVACY_PRACTITIONER = (
    "What is written here is kept on this computer, readable only by this account, and sent "
    "nowhere. Your service's rules on records and sharing apply to it."
)


class FirstRunScreen(Screen[str]):
    """Dismissed with "case" (add a case next) or "start" (go straight to the flows, or to
    what the coach was asked to open on)."""

    HELP = (
        "Choose your region for the crisis lines the coach shows, then add a case (the young "
        "person's first name or a nickname) or just start. You can change both later."
    )

    BINDINGS = [Binding("escape", "start", "Just start", show=False)]

    def __init__(self, *, offer_case: bool = True) -> None:
        """``offer_case``: offer to add a case (not when the coach opens on a flow)."""
        super().__init__()
        self.offer_case = offer_case

    def compose(self) -> ComposeResult:
        with ScrollFrame(id="first-run"), Vertical(id="first-run-box"):
            yield Static("Welcome to NVR Coach", classes="dialog-title", markup=False)
            practitioner = self.app.practitioner  # type: ignore[attr-defined]
            for line in (*INTRO, PRIVACY_PRACTITIONER if practitioner else PRIVACY):
                yield Static(line, classes="intro-line", markup=False)
            yield Static("Your region, for crisis lines:", classes="label", markup=False)
            yield Select(
                [(region_label(r), r.code) for r in REGIONS.values()],
                value=self._current_region(),
                allow_blank=False,
                id="first-region",
            )
            with Horizontal(classes="dialog-buttons"):
                if self.offer_case:
                    yield Button("Add a case", id="case", variant="primary")
                    yield Button("Just start", id="start")
                else:
                    yield Button("Go on", id="start", variant="primary")
            hide = "F3" if self.app.is_web else "F3 (or ctrl+n)"  # browsers keep ctrl+n
            yield Static(
                f"F2 shows help now at any time. {hide} hides the coach at once; "
                "ctrl+r brings it back.",
                classes="hint",
                markup=False,
            )
        yield KeyBar()

    def _current_region(self) -> str:
        """The region chosen before, else the one the system's locale names."""
        return self.app.services.settings.suggested_region  # type: ignore[attr-defined,no-any-return]

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def help_markdown(self) -> str:
        return self.HELP

    @shows_mistakes
    def _finish(self, choice: str) -> None:
        code = self.query_one("#first-region", Select).value
        self.app.set_region(str(code))  # type: ignore[attr-defined]
        self.app.mark_welcomed()  # type: ignore[attr-defined]
        self.dismiss(choice)

    def action_start(self) -> None:
        self._finish("start")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._finish(event.button.id or "start")
