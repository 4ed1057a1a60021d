"""F2, "Help now": what to do in danger, the region's crisis lines, the case's own contacts."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from coach.guidance import GUIDANCE, GUIDANCE_FOR_YOU_FIRST
from coach.safety import crisis_context, region
from coach.stop_kinds import COPING_NOTE, OWN_CRISIS_STOP
from coach.templating import escape_markdown, render
from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.reading import Document

# Where the parent has just said they are struggling, and what help now leads with there.
FOR_YOU_FIRST = {OWN_CRISIS_STOP: "own_crisis_steps", COPING_NOTE: "coping_steps"}


def guidance_markdown(
    region_code: str | None, case: dict[str, Any] | None, *, step: str | None = None
) -> str:
    """The shared guidance, rendered in the sandbox with the region and the case's contacts.
    At a ``step`` where the parent has just said they are struggling (FOR_YOU_FIRST), it
    leads with what that step says to them and the lines for adults."""
    context = {"crisis": crisis_context(region_code), "case": dict(case or {})}
    lead = FOR_YOU_FIRST.get(step or "")
    if lead is None:
        return render(GUIDANCE, context)
    return render(GUIDANCE_FOR_YOU_FIRST, {**context, "lead": lead})


class SafetyHelpScreen(CoachModal[None]):
    HELP = (
        "This page shows what to do if anyone is in danger, with crisis lines for your region "
        "and your own professional contacts (added in a flow that asks for them). Press **r** "
        "to choose another region, **Escape** to go back to where you were."
    )

    PLAIN_HELP = (
        "What to do if anyone is in danger, with crisis lines for your region. Press **r** to "
        "choose another region, **Escape** to go back."
    )

    BINDINGS = [
        Binding("r", "change_region", "Change region"),
        Binding("f2", "close", "Close", show=False),
    ]

    def __init__(
        self,
        region_code: str | None,
        case: dict[str, Any] | None,
        *,
        step: str | None = None,
    ) -> None:
        super().__init__()
        self.region_code = region_code
        self.case = case
        self.step = step  # the conversation's, when help now opens over one

    def plain_help(self) -> str:
        """F1 over the notes page: nothing about the coach or a case."""
        return self.PLAIN_HELP

    def _markdown(self) -> str:
        chosen = region(self.region_code)
        where = (
            f"Crisis lines for **{escape_markdown(chosen.name)}**."
            if self.region_code
            else "No region chosen yet, so these lines fit anywhere; press **r** to choose yours."
        )
        guidance = guidance_markdown(self.region_code, self.case, step=self.step)
        return f"{guidance}\n\n{where}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog safety-dialog"):
            yield Static("Help now", classes="dialog-title", markup=False)
            with VerticalScroll(id="safety-scroll"):
                yield Document(self._markdown(), id="safety-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Back to where I was", id="close", variant="primary")
                yield Button("Change region", id="region")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#safety-scroll").focus()  # ↑↓ read on; Tab reaches the buttons

    def action_change_region(self) -> None:
        from coach.tui.screens.region import RegionScreen

        def chosen(code: str | None) -> None:
            if code:
                self.app.set_region(code)  # type: ignore[attr-defined]
                self.region_code = code
                self.query_one("#safety-body", Document).update(self._markdown())

        self.app.push_screen(RegionScreen(self.region_code), chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "region":
            self.action_change_region()
        else:
            self.dismiss(None)
