"""Looking after the data: backups, restoring one, a health check, erasing, and the
passphrase (locking, unlocking, and opening a locked store)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coach.paths import user_path
from coach.records import Case
from coach.services.workspace import UseCase
from coach.store.backups import make_backup
from coach.store.erasing import (
    copies_holding,
    erase_all,
    erase_case,
    erase_case_only_copies_hold,
)
from coach.store.locking import copies, lock_everything, unlock_everything
from coach.store.maintenance import Finding, doctor
from coach.store.restoring import finish_restore, restore, undo_restore
from coach.vault import OpeningKey, PassphraseCheck

__all__ = ["DataCare", "Finding", "Locked"]


@dataclass(frozen=True)
class Locked:
    """What a lock did: how many other copies (backups, set-aside files) were sealed too, and
    any it had to leave as they were."""

    copies: int
    problems: list[str]


class DataCare(UseCase):
    @property
    def home(self) -> Path:
        return self._workspace.home

    def daily_backup(self, today: date) -> str | None:
        """Today's backup, unless there is one; what stopped it (one line), if anything.
        Safe in a worker thread: the app makes it there once it is drawn."""
        return self._workspace.daily_backup(today)

    def backup(self, out: str | Path | None = None) -> Path:
        """A backup now (default: in ``backups/``, which keeps a week of them)."""
        target = user_path(out, what="--out file") if out is not None else None
        return make_backup(self._store, target)

    def restore(self, backup: str | Path) -> Path | None:
        """Put a backup in place; returns where the store before it was kept (None when there
        was none). The store is not opened first: a damaged one is what a restore mends."""
        self._workspace.close()
        return restore(self.home, user_path(backup, what="backup"))

    def finish_restore(self) -> Path | None:
        """Complete a restore that was stopped half-way."""
        self._workspace.close()
        return finish_restore(self.home)

    def undo_restore(self) -> None:
        """Put back the store as it was before a restore that was stopped half-way."""
        self._workspace.close()
        undo_restore(self.home)

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
        """Erase one case with its sessions and plans, here and in every copy (backups and
        set-aside files); returns how many copies held it."""
        return erase_case(self._store, case.id)

    def copies_holding(self, name: str) -> int:
        """How many backups and set-aside stores hold a case of this name: one no longer in
        the store (a restore set aside the store it was in) can still be erased from them."""
        return copies_holding(self._store, name)

    def erase_case_only_copies_hold(self, name: str) -> int:
        """Erase from every copy a case that only copies hold; returns how many held it."""
        return erase_case_only_copies_hold(self._store, name)

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
        self._workspace.store_ready(date.today())

    def passphrase_check(self) -> PassphraseCheck | None:
        """What trying a passphrase needs (None without one): trying it reads no store, so
        the app tries it in a worker (``PassphraseCheck.key_for``)."""
        return self._store.passphrase_check()

    def provide_key(self, key: OpeningKey) -> None:
        """Open a store that waits for its passphrase, with the key a worker found for it."""
        self._store.provide_key(key)
        self._workspace.store_ready(date.today())

    def take_notices(self) -> list[str]:
        """What opening the store had to say, once (for a face that shows it later)."""
        notices = list(self._workspace.notices)
        self._workspace.notices.clear()
        return notices

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether this is the passphrase (for the app's idle lock); changes nothing."""
        return self._store.check_passphrase(passphrase)

    def lock(self, passphrase: str) -> Locked:
        """Encrypt the store and every copy of it in the data folder under a new passphrase;
        refused while another window has the data open."""
        problems = lock_everything(self._store, passphrase)
        return Locked(len(copies(self.home)) - len(problems), problems)

    def unlock(self) -> list[str]:
        """Remove the passphrase from the store and every copy: the data stays private to the
        user (0600) but unencrypted. Returns the copies that had to be left as they were."""
        return unlock_everything(self._store)
