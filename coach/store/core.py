"""The store's one connection, its one transaction helper, and the clock its stamps read."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Self

from coach import timestamps
from coach.errors import StoreError
from coach.vault import Vault


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Everything inside is written together or not at all.

    Inside another transaction it is a savepoint: a use case can make several store calls
    one unit (an answer and the case field it sets), and a step inside it that fails and is
    caught (a case name already taken) leaves the rest of the unit to go on. A write the disk
    refuses (full, read-only, damaged) is a StoreError with one line, and nothing of it stays.
    """
    if db.in_transaction:
        db.execute("SAVEPOINT step")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK TO step")
            db.execute("RELEASE step")
            raise
        db.execute("RELEASE step")
        return
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise StoreError(
            f"the coach could not save this ({exc}); everything saved before is kept. "
            "Check the disk has space ('coach doctor' checks the data folder)"
        ) from None


class StoreCore:
    """What every part of the store shares; the subjects (cases, sessions, plans, settings)
    build on it, and ``coach.store.Store`` puts them together."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._vault: Vault | None = None
        self._waiting_for_passphrase = False

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for maintenance (backups); everything else uses the methods."""
        return self._db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._db)

    def atomically(self) -> AbstractContextManager[sqlite3.Connection]:
        """For a use case whose store calls must all happen or none: they join this one
        transaction (each becomes a savepoint inside it)."""
        return transaction(self._db)

    def version(self) -> tuple[int, int]:
        """A value that changes whenever anything stored changes: rows written through this
        connection, and SQLite's count of what other connections (windows) committed."""
        return self._db.total_changes, self._db.execute("PRAGMA data_version").fetchone()[0]

    @staticmethod
    def _now() -> str:
        return timestamps.now()
