"""What every dialog shares: Escape closes it, and the help keys show in its footer."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class CoachModal(ModalScreen[ResultType]):
    """A dialog over the current screen. The app's F1/F2/F3 keys work here too."""

    HELP: ClassVar[str] = "Press **Escape** to close this dialog."

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("f1", "app.help", "Help", show=False),
        Binding("f2", "app.help_now", "Help now", key_display="F2"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        return self.HELP
