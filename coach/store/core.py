"""The store's one connection, its one transaction helper, and the clock its stamps read."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Self

from coach import timestamps
from coach.vault import Vault


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

    @staticmethod
    def _now() -> str:
        return timestamps.now()
