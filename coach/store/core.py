"""The store's one connection, its one transaction helper, and the clock its stamps read."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Self

from coach import timestamps
from coach.errors import StoreError
from coach.store.presence import FolderLock
from coach.vault import Vault

MAX_ROW_ID = 2**63 - 1


def row_id(value: int) -> int:
    """An id as SQLite can hold it; any other number names nothing (0 does too), so a far too
    large id is 'not found' rather than an overflow inside SQLite."""
    return value if 0 < value <= MAX_ROW_ID else 0


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Everything inside is written together or not at all (the connection is in autocommit
    mode, so without this each statement would commit on its own)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class StoreCore:
    """What every part of the store shares; the subjects (cases, sessions, plans, settings)
    build on it, and ``coach.store.Store`` puts them together."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._vault: Vault | None = None
        self._waiting_for_passphrase = False
        self._hold: FolderLock | None = None

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for maintenance (backups); everything else uses the methods."""
        return self._db

    def close(self) -> None:
        self._db.close()
        if self._hold is not None:
            self._hold.release()
            self._hold = None

    @property
    def folder_lock(self) -> FolderLock:
        """This process's hold on the data folder (for operations that need it alone)."""
        if self._hold is None:
            raise StoreError("this store is closed")
        return self._hold

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._db)

    @staticmethod
    def _now() -> str:
        return timestamps.now()
