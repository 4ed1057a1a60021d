"""Settings, typed and checked once for every face: the region whose crisis lines the coach
shows, the idle lock, the theme, and whether the welcome has been seen."""

from __future__ import annotations

from coach.errors import CoachError
from coach.safety import REGION_SETTING, REGIONS, Region, region
from coach.services.workspace import UseCase

WELCOMED_SETTING = "welcomed"
THEME_SETTING = "theme"
MAX_IDLE_MINUTES = 24 * 60


class Settings(UseCase):
    @property
    def region_code(self) -> str | None:
        """The region chosen, or None before one is (the generic lines are shown then)."""
        code = self._store.setting(REGION_SETTING)
        return code if code in REGIONS else None

    @property
    def region(self) -> Region:
        """The region whose crisis lines are shown (the generic list until one is chosen)."""
        return region(self.region_code)

    def set_region(self, code: str) -> Region:
        """Choose a region by its code (any case); an unknown code changes nothing."""
        chosen = code.strip().upper()
        if chosen not in REGIONS:
            raise CoachError(
                f"unknown region '{code}'; use one of: {', '.join(REGIONS)} "
                "('coach settings --list-regions' names them)"
            )
        self._store.set_setting(REGION_SETTING, chosen)
        return REGIONS[chosen]

    @staticmethod
    def regions() -> list[Region]:
        return list(REGIONS.values())

    @property
    def idle_lock_minutes(self) -> float:
        """Minutes without a key or a click before the app locks itself (0: never)."""
        return self._store.idle_lock_minutes()

    def set_idle_lock(self, minutes: float) -> None:
        if not 0 <= minutes <= MAX_IDLE_MINUTES:
            raise CoachError(
                f"the idle lock takes minutes from 0 (never) to {MAX_IDLE_MINUTES} (a day)"
            )
        from coach.store import IDLE_LOCK_SETTING

        self._store.set_setting(IDLE_LOCK_SETTING, f"{minutes:g}")

    @property
    def passphrase_set(self) -> bool:
        return self._store.is_locked

    @property
    def theme(self) -> str | None:
        return self._store.setting(THEME_SETTING)

    def set_theme(self, name: str) -> None:
        self._store.set_setting(THEME_SETTING, name)

    @property
    def welcomed(self) -> bool:
        """Whether the first-run welcome has been seen."""
        return self._store.setting(WELCOMED_SETTING) is not None

    def mark_welcomed(self) -> None:
        self._store.set_setting(WELCOMED_SETTING, "1")
