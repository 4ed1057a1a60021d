"""Quick hide: a plain notes page covers the coach at once, and only ctrl+r brings it back.

While the notes page is anywhere in the stack the coach is "hidden": whatever opens from it
(help now, its region list, a help note) opens over it, says nothing of the coach or the
family, and returns to it. In a browser tab the server is told, so a reload stays hidden.
"""

from __future__ import annotations

from typing import Any

from textual.screen import ModalScreen

from coach.tui.failures import EndsSafely
from coach.tui.screens.hide import NeutralScreen
from coach.web import quick_hide

# Never while the notes page is anywhere in the stack: each could show the coach or its data.
HIDDEN_ACTIONS = frozenset(
    {
        "quick_hide",
        "command_palette",
        "practitioner_material",
        "toggle_practitioner",
        "change_theme",
        "lock_now",
    }
)
# Not offered on the notes page itself (its own keys stand in, without a label that would
# say what lies underneath).
NOT_ON_THE_NOTES_PAGE = frozenset({"help", "help_now"})


class HidingApp(EndsSafely):
    """The quick-hide part of the coach's app."""

    TITLE = "NVR Coach"
    HIDDEN_TITLE = "Notes"

    @property
    def hidden(self) -> bool:
        """The notes page covers the coach (perhaps with a dialog opened over it)."""
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen):
                return isinstance(screen, NeutralScreen)
        return False

    def hides_action(self, action: str) -> bool:
        """An action that must not run now, because the coach is hidden."""
        if isinstance(self.screen, NeutralScreen) and action in NOT_ON_THE_NOTES_PAGE:
            return True
        return self.hidden and action in HIDDEN_ACTIONS

    def action_quick_hide(self) -> None:
        """At once: a plain notes page covers everything; ctrl+r brings the coach back."""
        if self.hidden:
            return
        self.clear_notifications()
        self.title = self.HIDDEN_TITLE
        self.push_screen(NeutralScreen())
        if self.is_web:
            quick_hide.report(hidden=True)

    def action_unhide(self) -> None:
        if not isinstance(self.screen, NeutralScreen):
            return
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:  # started hidden (a browser tab reloaded): home is made now, over the notes
            self.push_screen(self._home_screen())
            self._open()
        self.title = self.TITLE
        if self.is_web:
            quick_hide.report(hidden=False)

    def _home_screen(self) -> Any:
        raise NotImplementedError

    def _open(self) -> None:
        raise NotImplementedError
