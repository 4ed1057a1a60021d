"""The passphrase lock in the app: asked on its own screen at start for a locked store, and
again after the app has gone unused for a while (the idle lock).

Only a key, a click or a paste counts as use: a mouse moved by a cat, a sleeve or a passing
child keeps nothing open. While the coach is hidden behind the notes page it does not lock
(the lock screen would say what is hidden); coming back after the idle time locks it first.
The clock is a parameter, so the tests move time on without waiting for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import events

from coach.errors import CoachError
from coach.services import Services
from coach.tui.failures import shows_mistakes
from coach.tui.hiding import HidingApp
from coach.tui.screens.unlock import UnlockScreen
from coach.vault import WrongPassphrase

Clock = Callable[[], float]
USE = (events.Key, events.MouseDown, events.Paste)


class LockingApp(HidingApp):
    """The lock part of the coach's app."""

    services: Services

    def __init__(
        self,
        *,
        prepare: Callable[[], dict[str, Any]] | None = None,
        idle_lock_seconds: float | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__()
        self._prepare = prepare
        self._idle_lock_seconds = idle_lock_seconds
        self._clock = clock
        self._last_input = clock()
        self.failure: str | None = None

    @property
    def region_code(self) -> str | None:
        return self.services.settings.region_code

    def _lock_screen(self, *, idle: bool) -> UnlockScreen:
        return UnlockScreen(folder=self.services.data.home, region_code=self.region_code, idle=idle)

    @property
    def is_locked(self) -> bool:
        """The lock screen is up (at start, or after the app was idle)."""
        return any(isinstance(s, UnlockScreen) for s in self.screen_stack)

    def try_passphrase(self, passphrase: str, *, idle: bool) -> bool:
        """From the lock screen: open the store (at start) or check the passphrase (idle)."""
        if idle:
            if not self.services.data.check_passphrase(passphrase):
                return False
            self._last_input = self._clock()
            if isinstance(self.screen, UnlockScreen):
                self.pop_screen()
            return True
        try:
            self.services.data.provide_passphrase(passphrase)
        except WrongPassphrase:
            return False
        self._show_notices()
        self.call_later(self._after_unlock)
        return True

    async def _after_unlock(self) -> None:
        if self._prepare is not None:
            try:
                options = self._prepare()
            except CoachError as exc:
                self.failure = str(exc)
                self.exit(return_code=1)
                return
            self._take_opening(options)
        self._last_input = self._clock()
        if isinstance(self.screen, UnlockScreen):
            await self.pop_screen()
        self._begin()

    @property
    def idle_lock_seconds(self) -> float:
        """0 when the app never locks itself: a store without a passphrase, or the setting 0."""
        if not self.services.data.is_locked:
            return 0.0
        if self._idle_lock_seconds is not None:
            return max(self._idle_lock_seconds, 0.0)
        return self.services.settings.idle_lock_minutes * 60

    def _start_idle_lock(self) -> None:
        seconds = self.idle_lock_seconds
        if seconds > 0:
            self._last_input = self._clock()
            self.set_interval(min(max(seconds / 20, 0.05), 2.0), self.lock_if_idle)

    @shows_mistakes
    def lock_if_idle(self) -> None:
        """Lock when the coach has gone unused for the idle time (not while it is hidden)."""
        seconds = self.idle_lock_seconds
        if seconds and not self.hidden and self._clock() - self._last_input >= seconds:
            self.action_lock_now()

    def action_lock_now(self) -> None:
        """Cover everything with the lock screen; the screens underneath wait unchanged."""
        if self.is_locked or not self.services.data.is_locked:
            return
        self.clear_notifications()
        self.push_screen(self._lock_screen(idle=True))

    def action_unhide(self) -> None:
        super().action_unhide()
        self.lock_if_idle()  # away longer than the idle time: the lock comes first

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, USE) and not self.hidden:
            self._last_input = self._clock()
        await super().on_event(event)

    def _show_notices(self) -> None:
        raise NotImplementedError

    def _take_opening(self, options: dict[str, Any]) -> None:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError
