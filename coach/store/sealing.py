"""Sealing: with a passphrase set, everything families wrote is encrypted in the file.

Each column that holds their words (answers, notes, case details, plans) goes through
``_seal``/``_open``; ``lock`` and ``unlock`` re-seal every such value in one transaction and
then leave nothing readable in the file's free pages.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from coach.errors import StoreError, StoreLocked
from coach.store.settings_store import SettingsStore
from coach.vault import CHECK_TEXT, Vault, WrongPassphrase, is_sealed

# Every column that holds what families wrote; sealed when the store is locked.
SEALED_COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("cases", ("id",), "profile"),
    ("sessions", ("id",), "notes"),
    ("answers", ("session_id", "field_id"), "value"),
    ("plans", ("id",), "answers"),
    ("plan_revisions", ("plan_id", "revision"), "body"),
    ("plan_follow_ups", ("id",), "answers"),
)
LOCK_SALT = "lock.salt"
LOCK_CHECK = "lock.check"


class Sealing(SettingsStore):
    """Sealing and opening values, and the passphrase (kept as a salt and a check value in
    the settings)."""

    def _seal(self, text: str) -> str:
        if self._waiting_for_passphrase:
            raise StoreLocked("this store is locked; a passphrase is needed")
        return self._vault.seal(text) if self._vault is not None and text else text

    def _open(self, text: str) -> str:
        if self._waiting_for_passphrase:
            raise StoreLocked("this store is locked; a passphrase is needed")
        if is_sealed(text):
            if self._vault is None:
                raise StoreLocked("this store is locked; a passphrase is needed")
            return self._vault.open(text)
        return text

    def _pack(self, value: Any) -> str:
        return self._seal(json.dumps(value, ensure_ascii=False))

    def _unpack(self, text: str) -> Any:
        return json.loads(self._open(text))

    @property
    def is_locked(self) -> bool:
        return self.setting(LOCK_SALT) is not None

    @property
    def needs_passphrase(self) -> bool:
        """Opened without its passphrase (see ``open(..., wait=True)``): nothing can be read
        or written until ``provide_passphrase`` succeeds."""
        return self._waiting_for_passphrase

    def _vault_for(self, passphrase: str) -> Vault | None:
        """The key this passphrase gives, checked against the stored check value; None when
        the store has no passphrase. Raises WrongPassphrase."""
        salt, check = self.setting(LOCK_SALT), self.setting(LOCK_CHECK)
        if salt is None or check is None:
            return None
        vault = Vault.derive(passphrase, bytes.fromhex(salt))
        if vault.open(check) != CHECK_TEXT:
            raise WrongPassphrase("that passphrase does not open this store")
        return vault

    def _unlock_with(self, passphrase: str) -> None:
        vault = self._vault_for(passphrase)
        if vault is not None:
            self._vault = vault

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether this is the store's passphrase (for the app's idle lock); changes nothing.

        A store without a passphrase accepts none."""
        if not passphrase:
            return False
        try:
            return self._vault_for(passphrase) is not None
        except WrongPassphrase:
            return False

    def provide_passphrase(self, passphrase: str) -> None:
        """Open a store that was opened waiting for its passphrase. Raises WrongPassphrase."""
        if not passphrase:
            raise WrongPassphrase("please type the passphrase")
        self._unlock_with(passphrase)
        self._waiting_for_passphrase = False

    def _reseal_everything(self, db: sqlite3.Connection, vault: Vault | None) -> None:
        for table, keys, column in SEALED_COLUMNS:
            where = " AND ".join(f"{key} = ?" for key in keys)
            rows = db.execute(f"SELECT {', '.join(keys)}, {column} FROM {table}").fetchall()  # noqa: S608
            for row in rows:
                plain = self._open(row[column])
                sealed = vault.seal(plain) if vault is not None and plain else plain
                db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {where}",  # noqa: S608
                    (sealed, *(row[key] for key in keys)),
                )

    def _purge_free_pages(self) -> None:
        self._db.execute("VACUUM")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def lock(self, passphrase: str) -> None:
        """Seal everything under a new passphrase; nothing readable is left in the file."""
        if self.is_locked:
            raise StoreError(
                "this store is already locked; unlock it first to change the passphrase"
            )
        if len(passphrase) < 8:
            raise StoreError("please choose a passphrase of at least 8 characters")
        salt = Vault.new_salt()
        vault = Vault.derive(passphrase, salt)
        with self._transaction() as db:
            self._reseal_everything(db, vault)
            for key, value in ((LOCK_SALT, salt.hex()), (LOCK_CHECK, vault.seal(CHECK_TEXT))):
                db.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
                )
        self._vault = vault
        self._purge_free_pages()

    def unlock(self) -> None:
        """Remove the passphrase: everything is stored as plain text again (still 0600)."""
        if not self.is_locked:
            raise StoreError("this store has no passphrase")
        with self._transaction() as db:
            self._reseal_everything(db, None)
            db.execute("DELETE FROM settings WHERE key IN (?, ?)", (LOCK_SALT, LOCK_CHECK))
        self._vault = None
        self._purge_free_pages()
