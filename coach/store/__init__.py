"""SQLite persistence, split by subject: cases, sessions (answers, claims), plans (revisions,
follow-ups), the campaign's diary and check-ins, settings, sealing, and the schema with its
migrations.

One file, ``coach.db``, in the data folder. Every answer is committed the moment it is given
(WAL with ``synchronous=FULL``: an answer acknowledged is an answer kept, even on power loss).
The folder is 0700 and the files 0600: these are notes about children and family conflict.
``Store`` is the one way in: one connection, with every subject's methods. What it returns
are the typed records of ``coach.records``; only the use cases (``coach.services``) call it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from coach.errors import StoreError, StoreLocked
from coach.store.case_store import CaseStore
from coach.store.database_file import (
    SQLITE_HEADER,
    check_file,
    check_identity,
    connect,
    make_private,
)
from coach.store.diary_store import DiaryStore
from coach.store.plan_store import PlanStore
from coach.store.presence import FolderLock
from coach.store.schema import DB_NAME, SCHEMA_VERSION, migrate, open_data_folder
from coach.store.session_store import SessionStore, this_owner
from coach.store.set_aside import refuse_missing_store, refuse_unfinished_restore
from coach.store.settings_store import DEFAULT_IDLE_MINUTES, IDLE_LOCK_SETTING
from coach.vault import WrongPassphrase

__all__ = [
    "DB_NAME",
    "DEFAULT_IDLE_MINUTES",
    "IDLE_LOCK_SETTING",
    "SCHEMA_VERSION",
    "SQLITE_HEADER",
    "Store",
    "StoreError",
    "StoreLocked",
    "this_owner",
]

PassphraseSource = Callable[[], str | None]


class Store(CaseStore, SessionStore, PlanStore, DiaryStore):
    """One open connection to the store; cheap to open, safe to share between faces."""

    @classmethod
    def open(
        cls, home: Path, passphrase: PassphraseSource | None = None, *, wait: bool = False
    ) -> Store:
        """Open (and create or migrate) the store in ``home``.

        A locked store needs its passphrase from ``passphrase``; without one it raises
        StoreLocked, or, with ``wait=True`` (the app, which asks on its own screen), it is
        returned with ``needs_passphrase`` set and nothing readable until it is given.
        """
        open_data_folder(home)
        refuse_unfinished_restore(home)
        hold = FolderLock.hold(home)
        try:
            store = cls._open_file(home)
        except BaseException:
            hold.release()
            raise
        store._hold = hold
        if store.is_locked:
            given = passphrase() if passphrase is not None else None
            if not given and wait:
                store._waiting_for_passphrase = True
                return store
            if not given:
                store.close()
                raise StoreLocked(
                    "your data is locked with a passphrase; type it when asked, or set "
                    "COACH_PASSPHRASE for scripts"
                )
            try:
                store._unlock_with(given)
            except WrongPassphrase:
                store.close()
                raise
        return store

    def reader(self) -> Store:
        """A second connection to this store that only reads, with the same key: made in a
        worker thread, it serves a long list or a large query there while this connection
        goes on serving the app. The worker closes it when done."""
        reader = Store(connect(self.path, read_only=True), self.path)
        reader._vault = self._vault
        reader._waiting_for_passphrase = self._waiting_for_passphrase
        return reader

    @classmethod
    def _open_file(cls, home: Path) -> Store:
        """The coach's own file in ``home``, created if there is none (and nothing set aside
        by a restore is waiting to be put back), checked, migrated and private."""
        path = home / DB_NAME
        check_file(path)
        if not path.exists():
            refuse_missing_store(home)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        connection = connect(path)
        try:
            check_identity(connection, path, SCHEMA_VERSION)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            migrate(connection, path)
        except BaseException:
            connection.close()
            raise
        make_private(path)
        return cls(connection, path)
