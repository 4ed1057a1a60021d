"""The store's file: opened only when it is the coach's own, and every SQLite failure said in
one line that fits its cause.

The data folder is not trusted blindly: a ``coach.db`` that is a link, a folder, a pipe or
another program's database is refused untouched (the coach once adopted such a file, added its
tables and changed its mode). And a full disk, a read-only file or a store held by another
program each get advice of their own, never "restore a backup over it".
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

from coach.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id of a coach store: "NVRC".
APPLICATION_ID = 0x4E565243
# The tables every coach store has had since its first schema.
COACH_TABLES = frozenset({"cases", "sessions", "answers", "plans", "plan_revisions", "settings"})
_BUSY_SECONDS = 10


def _advice(exc: sqlite3.Error, path: Path) -> str:
    """What to do about a SQLite failure on ``path``; the data already saved is never at
    risk from any of these."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (
            f"another program has held your data ({path}) for more than {_BUSY_SECONDS} seconds; "
            "close other coach windows and try again (nothing saved is lost)"
        )
    if "full" in text or "disk i/o" in text:
        return (
            f"the disk holding {path} is full or could not be written; free some space and try "
            "again (everything saved before this is kept)"
        )
    if "readonly" in text or "read-only" in text:
        return (
            f"{path} (or its folder) is read-only, so nothing can be saved; make it writable with "
            f"'chmod 600 {path}' and 'chmod 700 {path.parent}', or choose another --home"
        )
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return (
            f"{path} looks damaged ({exc}); it has been left as it is. 'coach doctor' checks it "
            "and names a backup to restore"
        )
    return f"your data in {path} could not be read or written ({exc}); 'coach doctor' checks it"


class GuardedConnection(sqlite3.Connection):
    """A connection whose failures are StoreErrors with advice, wherever they happen."""

    store_path: Path = Path("coach.db")

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise StoreError(_advice(exc, self.store_path)) from None


def connect(path: Path, *, read_only: bool = False) -> GuardedConnection:
    """The store's connection; ``read_only`` for a second one that only reads (a worker's)."""
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    try:
        connection = sqlite3.connect(
            target,
            timeout=_BUSY_SECONDS,
            isolation_level=None,
            factory=GuardedConnection,
            uri=read_only,
        )
    except sqlite3.Error as exc:
        raise StoreError(_advice(exc, path)) from None
    connection.store_path = path
    connection.row_factory = sqlite3.Row
    return connection


def existing_only(file: Path) -> sqlite3.Connection:
    """A connection of its own to a copy of the store (a backup, a store set aside) that
    must be there already: given a path that has just gone, SQLite would make an empty file."""
    return sqlite3.connect(f"{file.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)


def check_file(path: Path) -> None:
    """Refuse anything at ``path`` that is not a regular file holding a SQLite database, before
    SQLite can touch it. A missing file is fine (a new store is made)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path} cannot be read ({exc.strerror}); check the data folder") from None
    if stat.S_ISLNK(info.st_mode):
        raise StoreError(
            f"{path} is a link, not the coach's own file; the coach opens only a regular file in "
            "its data folder. Move the link away, or choose another folder with --home"
        )
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} is not a regular file (a folder, pipe or device); move it away, or choose "
            "another folder with --home"
        )
    if info.st_size == 0:
        raise StoreError(
            f"{path} is empty (0 bytes), so it was damaged; it has been left as it is. "
            "Restore a backup over it, or move it aside to start afresh"
        )
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a coach database (it may be damaged); it has been left as it is. "
            "Restore a backup over it, or move it aside to start afresh"
        )


def check_identity(db: sqlite3.Connection, path: Path, schema_version: int) -> None:
    """Refuse another program's SQLite database: only a new, empty file or the coach's own."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if application_id == 0 and not tables and version == 0:
        return
    if application_id == 0 and tables >= COACH_TABLES and 1 <= version <= schema_version:
        return
    raise StoreError(
        f"{path} is another program's database, not the coach's; it has been left untouched. "
        "Move it away, or choose another folder with --home"
    )


def make_private(path: Path) -> None:
    """Take away any access others have to the store's files; never add any (a file the person
    made read-only stays read-only)."""
    for suffix in ("", "-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        try:
            mode = stat.S_IMODE(extra.lstat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o077:
            os.chmod(extra, mode & 0o700)
