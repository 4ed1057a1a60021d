"""Looking after the data: backups, restoring one, a health check, erasing, and the
passphrase (locking, unlocking, and opening a locked store)."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from coach.records import Case
from coach.services.workspace import UseCase
from coach.store.maintenance import (
    Finding,
    backups,
    doctor,
    erase_all,
    erase_case,
    make_backup,
    restore,
)

__all__ = ["DataCare", "Finding"]


class DataCare(UseCase):
    @property
    def home(self) -> Path:
        return self._workspace.home

    def backup(self, out: Path | None = None) -> Path:
        """A backup now (default: in ``backups/``, which keeps a week of them)."""
        return make_backup(self._store, out)

    def restore(self, backup: Path) -> Path:
        """Put a backup in place; returns where the file it replaced was kept. The store is
        not opened first: a damaged one is exactly what a restore mends."""
        return restore(self.home, backup)

    def doctor(self) -> list[Finding]:
        """A health report: the data folder, the store, its backups, and the flows."""
        findings = doctor(self.home)
        catalogue = self._workspace.catalogue
        findings += [Finding(False, f"flow skipped: {problem}") for problem in catalogue.problems]
        if not catalogue.problems:
            count = len(catalogue.flows)
            findings.append(Finding(True, f"{count} flow{'s load' if count != 1 else ' loads'}"))
        return findings

    def erase_case(self, case: Case) -> int:
        """Erase one case with its sessions and plans, here and in every backup; returns how
        many backups held it."""
        return erase_case(self._store, case.id, case.name)

    def erase_all(self) -> list[Path]:
        """Erase the store, its backups and the cache; returns the files removed."""
        self._workspace.close()
        return erase_all(self.home)

    def version(self) -> Hashable:
        """Changes whenever anything stored changes, here or in another window: a face can
        keep what it built from the data until then."""
        return self._store.version()

    @property
    def is_locked(self) -> bool:
        """Whether a passphrase is set (the data is encrypted on disk)."""
        return self._store.is_locked

    @property
    def needs_passphrase(self) -> bool:
        """Opened for the app without its passphrase: nothing can be read until it is given."""
        return self._store.needs_passphrase

    def provide_passphrase(self, passphrase: str) -> None:
        """Open a store that waits for its passphrase. Raises WrongPassphrase."""
        self._store.provide_passphrase(passphrase)

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether this is the passphrase (for the app's idle lock); changes nothing."""
        return self._store.check_passphrase(passphrase)

    def lock(self, passphrase: str) -> None:
        """Encrypt everything under a new passphrase; the plain backups are replaced by one
        encrypted backup."""
        store = self._store
        store.lock(passphrase)
        old = backups(self.home)
        make_backup(store)
        for plain in old:
            plain.unlink()

    def unlock(self) -> None:
        """Remove the passphrase: the data stays private to the user (0600) but unencrypted."""
        self._store.unlock()
