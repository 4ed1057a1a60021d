"""Choosing the region whose crisis lines the coach shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.safety import DEFAULT_REGION, REGIONS, Region
from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.key_bar import KeyBar


def region_label(region: Region) -> str:
    if region.code == DEFAULT_REGION:
        return f"{region.name} (a general list of helplines)"
    return f"{region.name} (emergency {region.emergency})"


def region_options() -> list[Option]:
    return [Option(Text(region_label(r)), id=r.code) for r in REGIONS.values()]


class RegionScreen(CoachModal[str]):
    HELP = (
        "The region decides which crisis lines the coach shows on the help-now page and in "
        "safety stops. 'Anywhere else' gives a generic list. Choose with ↑↓ and **Enter**."
    )

    PLAIN_HELP = "Choose a region with ↑↓ and **Enter**; its crisis lines are shown."

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Where are you?", classes="dialog-title", markup=False)
            yield Static(
                "Crisis lines are shown for this region. You can change it later.",
                classes="dialog-body",
                markup=False,
            )
            yield OptionList(*region_options(), id="regions", markup=False)
        yield KeyBar()

    def plain_help(self) -> str:
        """F1 over the notes page: nothing about the coach."""
        return self.PLAIN_HELP

    def on_mount(self) -> None:
        regions = self.query_one(OptionList)
        codes = list(REGIONS)
        regions.highlighted = codes.index(
            self.current if self.current in REGIONS else DEFAULT_REGION
        )
        regions.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
