"""Backups: one a day, the newest seven kept, each written whole or not at all.

A copy is made under a temporary name, synced, and only then given its own name (created
exclusively, never over another file), so a full disk or a kill leaves no half-written backup
that would count as today's and push a good one out. The rotation never drops the newest sound
backup, and a daily backup that cannot be made is a warning, not a reason to stop the coach.
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coach.atomic_files import no_folder, remove_leftovers, written_in_place
from coach.errors import CoachError, StoreError
from coach.paths import private_folder
from coach.store.core import StoreCore
from coach.store.database_file import SQLITE_HEADER
from coach.store.schema import SCHEMA_VERSION
from coach.store.set_aside import backup_folder, backups, stamp

KEEP_BACKUPS = 7


def read_only(file: Path) -> sqlite3.Connection:
    """A read-only connection of its own to a database file. A backup made through one can
    run in a worker thread while the store's own connection goes on serving the app."""
    return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)


def problem_with(file: Path) -> str | None:
    """What is wrong with a database file, or None when it is a sound coach store."""
    try:
        with file.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not header:
        return "is empty (0 bytes)"
    if header != SQLITE_HEADER:
        return "is not a SQLite database (it may be damaged)"
    try:
        db = read_only(file)
        try:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return f"cannot be read as a database ({exc})"
    if verdict != "ok":
        return f"failed its integrity check ({verdict})"
    if version > SCHEMA_VERSION:
        return f"was written by a newer NVR Coach (schema {version})"
    return None


def _write_problem(target: Path, exc: OSError | sqlite3.Error) -> StoreError:
    full = (
        exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
        if isinstance(exc, OSError)
        else any(word in str(exc).lower() for word in ("full", "disk i/o"))
    )
    if full:
        reason = "the disk is full or could not be written; free some space and try again"
    else:
        detail = exc.strerror if isinstance(exc, OSError) else str(exc)
        reason = f"{detail}; check the folder's permissions and free space"
    return StoreError(f"cannot write {target} ({reason}); nothing else was changed")


def copy_database(source: sqlite3.Connection, target: Path, *, replace: bool = False) -> None:
    """A consistent snapshot of ``source`` (even while it is in use) in ``target``, which
    appears only once it is complete and on disk; without ``replace`` it never overwrites."""
    try:
        with written_in_place(target, replace=replace, what="copy") as temp:
            copy = sqlite3.connect(temp)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
    except FileExistsError:
        raise CoachError(f"{target} already exists; choose another name") from None
    except (OSError, sqlite3.Error) as exc:
        raise _write_problem(target, exc) from None


def make_backup(store: StoreCore, target: Path | None = None) -> Path:
    """Copy the live store into ``backups/`` under a new name, or to ``target``. The copy is
    read through a connection of its own, so it may be made in a worker thread."""
    if target is None:
        folder = backup_folder(store.path.parent)
        private_folder(folder)
        remove_leftovers(folder)
        target = folder / f"coach-{stamp()}.db"
    elif target.is_dir():
        raise CoachError(f"{target} is a folder; give a file name, e.g. {target / 'coach.db'}")
    elif not target.parent.is_dir():
        raise CoachError(no_folder(target.parent))
    try:
        source = read_only(store.path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read {store.path} to back it up ({exc})") from None
    try:
        copy_database(source, target)
    finally:
        source.close()
    return target


@dataclass(frozen=True)
class DailyBackup:
    """Today's automatic backup: the file made (None when there was one already), or why it
    could not be made (then the coach goes on, and says so)."""

    made: Path | None = None
    problem: str | None = None


def daily_backup(store: StoreCore, today: date) -> DailyBackup:
    """At most one automatic backup a day; the newest seven are kept."""
    home = store.path.parent
    if any(b.name.startswith(f"coach-{today:%Y-%m-%d}") for b in backups(home)):
        return DailyBackup()
    try:
        made = make_backup(store)
    except (CoachError, OSError) as exc:
        detail = str(exc) if isinstance(exc, CoachError) else exc.strerror
        return DailyBackup(problem=f"today's backup could not be made: {detail}")
    prune(home)
    return DailyBackup(made=made)


def prune(home: Path) -> None:
    """Keep the newest seven backups, and always the newest sound one even if it is older."""
    kept = backups(home)
    if len(kept) <= KEEP_BACKUPS:
        return
    sound = [b for b in kept if problem_with(b) is None]
    newest_sound = sound[-1] if sound else None
    for old in kept[:-KEEP_BACKUPS]:
        if old != newest_sound:
            old.unlink(missing_ok=True)
