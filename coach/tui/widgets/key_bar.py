"""The key bar at the foot of every screen.

Textual's Footer rebuilds all of its keys whenever the screen's bindings may have changed: on
every change of focus, and so several times for each answer in the conversation. Rebuilding
mounts a widget per key and lays the screen out again, which was the largest single cost of
moving to the next question. The keys shown rarely change between questions, so this footer
rebuilds only when what it would show is different.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyBar(Footer):
    """A compact Footer that rebuilds only when the keys it shows change."""

    def __init__(self, **options: Any) -> None:
        super().__init__(compact=True, **options)
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        shown = self._keys_to_show()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def _keys_to_show(self) -> tuple[object, ...]:
        """Everything ``Footer.compose`` reads from the bindings, in its order."""
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (
            *(
                (binding, enabled, tooltip)
                for (_, binding, enabled, tooltip) in active.values()
                if binding.show
            ),
            palette[1:] if palette else None,
        )
