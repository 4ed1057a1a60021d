"""Sealing: with a passphrase set, everything families wrote is encrypted in the file.

Each column that holds their words (answers, notes, case names and details, plan titles and
plans, the diary and the check-ins) goes through ``_seal``/``_open``; ``lock`` and ``unlock``
re-seal every such value in one transaction and then leave nothing readable in the file's
free pages.

Which questions a session answered says what was answered (a question about a weapon is only
asked after a yes), so an answer's or a draft's row is keyed, under a passphrase, by an opaque
key made from its session and question, and the question's id travels sealed with the value.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from coach.errors import StoreError, StoreLocked
from coach.store.settings_store import SettingsStore
from coach.vault import (
    CHECK_TEXT,
    OPAQUE_PREFIX,
    OpeningKey,
    PassphraseCheck,
    Vault,
    WrongPassphrase,
    is_sealed,
    normal_form,
    text_is_valid,
)

# Every column that holds what families wrote; sealed when the store is locked.
SEALED_COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("cases", ("id",), "name"),
    ("cases", ("id",), "profile"),
    ("sessions", ("id",), "notes"),
    # Where a session stands says what was answered (e.g. that it stopped at a safety stop).
    ("sessions", ("id",), "state"),
    ("sessions", ("id",), "history"),
    # That a safety stop was left is itself sealed (DOMAIN), not only which stop it was.
    ("session_events", ("id",), "kind"),
    ("session_events", ("id",), "detail"),
    # A plan's title names the young person ("Sit-in plan for Sam").
    ("plans", ("id",), "title"),
    ("plans", ("id",), "answers"),
    ("plan_revisions", ("plan_id", "revision"), "body"),
    ("plan_follow_ups", ("id",), "answers"),
    ("incident_revisions", ("incident_id", "number"), "entry"),
    ("check_ins", ("id",), "data"),
)
# Rows keyed by a question (see the module's docstring): the table and its sealed column.
FIELD_KEYED: tuple[tuple[str, str], ...] = (("answers", "value"), ("session_drafts", "text"))
LOCK_SALT = "lock.salt"
LOCK_CHECK = "lock.check"
# Set when every column above is sealed: a store locked before names, titles and the kind of
# an event were sealed lacks it, and is sealed whole at its next start (``locking``).
LOCK_WHOLE = "lock.whole"


def keyed_row(vault: Vault | None, session_id: int, field_id: str, plain: str) -> tuple[str, str]:
    """How a row keyed by a question is stored: its key, and its sealed column's value."""
    if vault is None:
        return field_id, plain
    return row_key(vault, session_id, field_id), vault.seal(json.dumps([field_id, plain]))


def row_key(vault: Vault | None, session_id: int, field_id: str) -> str:
    return field_id if vault is None else vault.opaque_key(f"{session_id}:{field_id}")


def field_and_text(open_text: Callable[[str], str], key: str, stored: str) -> tuple[str, str]:
    """The question and the plain value of a row keyed by a question, in either form (a row
    sealed before keys were opaque has the question as its key)."""
    if key.startswith(OPAQUE_PREFIX):
        field_id, plain = json.loads(open_text(stored))
        return str(field_id), str(plain)
    return key, open_text(stored)


def reseal(db: sqlite3.Connection, open_text: Callable[[str], str], vault: Vault | None) -> None:
    """Every sealed value of ``db`` opened and sealed again under ``vault`` (None: left as
    plain text), inside the caller's transaction; tables an older copy does not have yet are
    passed over."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, keys, column in SEALED_COLUMNS:
        if table not in tables:
            continue
        where = " AND ".join(f"{key} = ?" for key in keys)
        rows = db.execute(f"SELECT {', '.join(keys)}, {column} FROM {table}").fetchall()  # noqa: S608
        for row in rows:
            plain = open_text(row[-1])
            db.execute(
                f"UPDATE {table} SET {column} = ? WHERE {where}",  # noqa: S608
                (vault.seal(plain) if vault is not None and plain else plain, *row[:-1]),
            )
    for table, column in FIELD_KEYED:
        if table not in tables:
            continue
        rows = db.execute(f"SELECT session_id, field_id, {column} FROM {table}").fetchall()  # noqa: S608
        # A question answered again under a passphrase, in a store an older lock left keyed
        # by ids, has two rows: the one under its opaque key is the later, and is kept.
        rows.sort(key=lambda row: row[1].startswith(OPAQUE_PREFIX))
        kept: dict[tuple[int, str], tuple[str, str]] = {}
        for session_id, key, stored in rows:
            field_id, plain = field_and_text(open_text, key, stored)
            earlier = kept.get((session_id, field_id))
            if earlier is not None:
                db.execute(
                    f"DELETE FROM {table} WHERE session_id = ? AND field_id = ?",  # noqa: S608
                    (session_id, earlier[0]),
                )
            kept[(session_id, field_id)] = (key, plain)
        for (session_id, field_id), (key, plain) in kept.items():
            new_key, new_value = keyed_row(vault, session_id, field_id, plain)
            db.execute(
                f"UPDATE {table} SET field_id = ?, {column} = ?"  # noqa: S608
                " WHERE session_id = ? AND field_id = ?",
                (new_key, new_value, session_id, key),
            )


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

    def _keyed_row(self, session_id: int, field_id: str, plain: str) -> tuple[str, str]:
        """An answer's or a draft's key and stored value (see the module's docstring)."""
        if self._waiting_for_passphrase:
            raise StoreLocked("this store is locked; a passphrase is needed")
        return keyed_row(self._vault, session_id, field_id, plain)

    def _row_key(self, session_id: int, field_id: str) -> str:
        if self._waiting_for_passphrase:
            raise StoreLocked("this store is locked; a passphrase is needed")
        return row_key(self._vault, session_id, field_id)

    def _field_and_text(self, key: str, stored: str) -> tuple[str, str]:
        return field_and_text(self._open, key, stored)

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

    def passphrase_check(self) -> PassphraseCheck | None:
        """What trying a passphrase needs (None when the store has none)."""
        salt, check = self.setting(LOCK_SALT), self.setting(LOCK_CHECK)
        if salt is None or check is None:
            return None
        return PassphraseCheck(bytes.fromhex(salt), check)

    def _vault_for(self, passphrase: str) -> Vault | None:
        """The key this passphrase gives, checked against the stored check value; None when
        the store has no passphrase. Raises WrongPassphrase.

        Passphrases are compared in one Unicode form (NFC), so "Zoë" typed on another system
        still opens the store; a store sealed before that, under the form as typed, still
        opens with it and is sealed again under the normal form."""
        check = self.passphrase_check()
        return None if check is None else self._take_key(check.key_for(passphrase))

    def _take_key(self, key: OpeningKey) -> Vault:
        if key.older is not None:
            self._vault = key.older
            self._rekey(key.vault)
        return key.vault

    def _rekey(self, vault: Vault) -> None:
        with self._transaction() as db:
            self._reseal_everything(db, vault)
            db.execute(
                "UPDATE settings SET value = ? WHERE key = ?", (vault.seal(CHECK_TEXT), LOCK_CHECK)
            )
        self._vault = vault
        self.purge_free_pages()

    @property
    def is_sealed_whole(self) -> bool:
        """Locked, and every column that holds what families wrote is sealed (see LOCK_WHOLE)."""
        return self.setting(LOCK_WHOLE) is not None

    def seal_whole(self) -> None:
        """Seal afresh, under the key the store is open with, every value an older version
        left readable; nothing of them stays in the file."""
        vault = self._vault
        if vault is None:
            raise StoreLocked("this store is locked; a passphrase is needed")
        with self._transaction() as db:
            self._reseal_everything(db, vault)
            db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')", (LOCK_WHOLE,)
            )
        self.purge_free_pages()

    @property
    def vault(self) -> Vault | None:
        """The key the store is open with (None: no passphrase, or not given yet)."""
        return self._vault

    @staticmethod
    def check_new_passphrase(passphrase: str) -> None:
        """A passphrase that can be typed again: text, not only spaces, 8 characters or more."""
        if not text_is_valid(passphrase):
            raise StoreError(
                "that passphrase has characters that are not valid text; check your "
                "terminal's language setting (UTF-8) and try again"
            )
        if not passphrase.strip():
            raise StoreError("a passphrase of only spaces cannot protect anything; choose words")
        if len(normal_form(passphrase)) < 8:
            raise StoreError("please choose a passphrase of at least 8 characters")

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
        if not text_is_valid(passphrase):
            raise WrongPassphrase("that passphrase has characters that are not valid text")
        self._unlock_with(passphrase)
        self._waiting_for_passphrase = False

    def provide_key(self, key: OpeningKey) -> None:
        """Open a store that was opened waiting for its passphrase, with the key found for it
        already (``PassphraseCheck.key_for``, in a worker)."""
        self._vault = self._take_key(key)
        self._waiting_for_passphrase = False

    def _reseal_everything(self, db: sqlite3.Connection, vault: Vault | None) -> None:
        reseal(db, self._open, vault)

    def purge_free_pages(self) -> None:
        self._db.execute("VACUUM")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def lock(self, passphrase: str) -> None:
        """Seal everything under a new passphrase; nothing readable is left in the file."""
        if self.is_locked:
            raise StoreError(
                "this store is already locked; unlock it first to change the passphrase"
            )
        self.check_new_passphrase(passphrase)
        salt = Vault.new_salt()
        vault = Vault.derive(passphrase, salt)
        with self._transaction() as db:
            self._reseal_everything(db, vault)
            for key, value in (
                (LOCK_SALT, salt.hex()),
                (LOCK_CHECK, vault.seal(CHECK_TEXT)),
                (LOCK_WHOLE, "1"),
            ):
                db.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
                )
        self._vault = vault
        self.purge_free_pages()

    def unlock(self) -> None:
        """Remove the passphrase: everything is stored as plain text again (still 0600)."""
        if not self.is_locked:
            raise StoreError("this store has no passphrase")
        with self._transaction() as db:
            self._reseal_everything(db, None)
            db.execute(
                "DELETE FROM settings WHERE key IN (?, ?, ?)", (LOCK_SALT, LOCK_CHECK, LOCK_WHOLE)
            )
        self._vault = None
        self.purge_free_pages()
