"""Settings: small named values (the region, the theme, the idle lock, the passphrase check)."""

from __future__ import annotations

from coach.store.core import StoreCore

IDLE_LOCK_SETTING = "lock.idle_minutes"
DEFAULT_IDLE_MINUTES = 5.0


class SettingsStore(StoreCore):
    """The settings table; ``coach.services`` gives the values their types and checks."""

    def setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def idle_lock_minutes(self) -> float:
        """Minutes without a key or a click before the app locks itself (0: never)."""
        text = self.setting(IDLE_LOCK_SETTING)
        try:
            minutes = float(text) if text is not None else DEFAULT_IDLE_MINUTES
        except ValueError:
            return DEFAULT_IDLE_MINUTES
        return minutes if minutes >= 0 else DEFAULT_IDLE_MINUTES
