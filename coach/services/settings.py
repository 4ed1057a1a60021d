"""Settings, typed and checked once for every face: the region whose crisis lines the coach
shows, the idle lock, the theme, whether the welcome has been seen, and where and how the
app last exported a plan."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from coach.errors import CoachError
from coach.safety import DEFAULT_REGION, REGION_SETTING, REGIONS, Region, region
from coach.services.workspace import UseCase

WELCOMED_SETTING = "welcomed"
THEME_SETTING = "theme"
EXPORT_FOLDER_SETTING = "export_folder"
EXPORT_FORMAT_SETTING = "export_format"
MAX_IDLE_MINUTES = 24 * 60
# Countries whose emergency number is 112, for the region "Elsewhere in Europe".
EUROPE = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CH",
        "CY",
        "CZ",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IS",
        "IT",
        "LI",
        "LT",
        "LU",
        "LV",
        "MT",
        "NO",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)
_LOCALE_COUNTRY = re.compile(r"^[A-Za-z]{2,3}_([A-Za-z]{2})\b")


def region_from_locale(environ: Mapping[str, str]) -> str | None:
    """The region a system locale names (``en_GB.UTF-8`` is GB, ``fr_FR`` elsewhere in
    Europe), from the variable that sets the language of messages; None when it names
    none the coach knows."""
    chosen = next((environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(k)), "")
    match = _LOCALE_COUNTRY.match(chosen)
    if match is None:
        return None
    country = match.group(1).upper()
    if country in REGIONS:
        return country
    return "EU" if country in EUROPE and "EU" in REGIONS else None


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

    @property
    def suggested_region(self) -> str:
        """The region to offer first: the one chosen, else the one the system's locale
        names, else the general list."""
        return self.region_code or region_from_locale(os.environ) or DEFAULT_REGION

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

    @property
    def export_folder(self) -> Path:
        """Where the app's export starts: the folder last exported to while it still exists,
        else the user's documents folder."""
        from coach.paths import documents_folder

        last = self._store.setting(EXPORT_FOLDER_SETTING)
        if last and Path(last).is_dir():
            return Path(last)
        return documents_folder()

    @property
    def export_format(self) -> str | None:
        """The format last exported in, if it is still offered."""
        from coach.export.registry import formats

        chosen = self._store.setting(EXPORT_FORMAT_SETTING)
        return chosen if chosen in formats() else None

    def remember_export_folder(self, folder: Path) -> None:
        """Keep the folder a case's file was written to, for the next export of either kind
        (a case's formats are not a plan's, so the plan's format is left as it was)."""
        self._store.set_setting(EXPORT_FOLDER_SETTING, str(folder.resolve()))

    def remember_export(self, format_name: str, folder: Path | None = None) -> None:
        """Keep the format (and the folder, for a file written on this computer) for the
        next export; both go in one transaction."""
        with self._store.atomically():
            self._store.set_setting(EXPORT_FORMAT_SETTING, format_name)
            if folder is not None:
                self.remember_export_folder(folder)
