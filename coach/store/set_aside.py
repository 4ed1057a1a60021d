"""Files the coach keeps beside the store: backups, copies set aside by a restore, and the notes
a restore or a lock leaves while it is under way.

Every such file gets a name that cannot collide (the time to the second, then random letters)
and is created exclusively (see ``coach.atomic_files``), so two restores in one second, or a
daily backup and a lock's in the same second, never overwrite each other. A restore or lock
writes a note before it starts and removes it when done, so a process killed half-way is found
and explained at the next start.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.atomic_files import sync_folder, write_atomically
from coach.errors import StoreError
from coach.store.schema import DB_NAME

BACKUP_FOLDER = "backups"
ASIDE_PREFIX = f"{DB_NAME}.before-restore-"
RESTORE_NOTE = "restore.pending"
LOCK_NOTE = "lock.pending"


def stamp() -> str:
    return f"{datetime.now():%Y-%m-%d-%H%M%S}-{secrets.token_hex(4)}"


def backup_folder(home: Path) -> Path:
    return home / BACKUP_FOLDER


def backups(home: Path) -> list[Path]:
    """Backups, oldest first (their names start with the time they were made)."""
    folder = backup_folder(home)
    return sorted(folder.glob("coach-*.db")) if folder.is_dir() else []


# What SQLite keeps beside a database while it is written: never a store of its own. A copy
# whose resealing or erasing was killed keeps a rollback journal until it is next opened.
SIDE_FILES = ("-wal", "-shm", "-journal")


def set_aside_files(home: Path) -> list[Path]:
    """Stores a restore moved aside (not the files SQLite keeps beside them), oldest first."""
    return sorted(p for p in home.glob(f"{ASIDE_PREFIX}*") if not p.name.endswith(SIDE_FILES))


def write_note(path: Path, data: dict[str, Any]) -> None:
    """A small note, on disk before the step it announces (written, flushed and synced)."""
    write_atomically(path, json.dumps(data).encode())


def read_note(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remove_note(path: Path) -> None:
    path.unlink(missing_ok=True)
    sync_folder(path.parent)


def refuse_unfinished_restore(home: Path) -> None:
    """A restore that was stopped half-way leaves a note: say what happened and how to go on,
    before anything can create a new, empty store over the gap."""
    note = read_note(home / RESTORE_NOTE)
    if note is None:
        return
    aside = note.get("aside")
    kept = f"your data from before it is kept as {home / aside}; " if aside else ""
    raise StoreError(
        f"a restore in {home} did not finish; {kept}'coach restore --finish' completes it, "
        "and 'coach restore --undo' puts back what was there before"
    )


def refuse_missing_store(home: Path) -> None:
    """No store, but a copy set aside by a restore: never start afresh over it unasked."""
    aside = set_aside_files(home)
    if aside:
        raise StoreError(
            f"{home / DB_NAME} is missing, but {aside[-1]} holds data set aside by a restore; "
            f"'coach restore {aside[-1]}' puts it back (or move it away to start afresh)"
        )
