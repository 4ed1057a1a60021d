"""Erasing for good: one young person's case, or everything, from every copy in the data folder.

A case is found in each copy by its stable id (a UUID given when it was made, never used
again), not by its name or row id: a renamed case used to stay in old backups, and a new case
with the old name had the wrong child's data erased from them. Copies made before cases had
stable ids are matched by row id and the moment the case was made, which together are unique.
Each copy is vacuumed afterwards, so nothing of the case stays in its free pages.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from coach.atomic_files import TEMP_PREFIX
from coach.store import Store
from coach.store.locking import copies
from coach.store.presence import LOCK_NAME, folder_alone
from coach.store.schema import DB_NAME
from coach.store.set_aside import LOCK_NOTE, RESTORE_NOTE, backup_folder


def erase_case(store: Store, case_id: int) -> int:
    """Remove one case and everything made for it, here and in every copy; returns how many
    copies held it."""
    home = store.path.parent
    with store.folder_lock.exclusive("erasing a case"):
        found = store.case_identity(case_id)
        store.delete_case(case_id)
        store.purge_free_pages()
        cleaned = 0
        for copy in copies(home):
            if _erase_from_copy(copy, *found):
                cleaned += 1
    return cleaned


def _erase_from_copy(copy: Path, case_uuid: str, case_id: int, created: str) -> bool:
    db = sqlite3.connect(copy, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA foreign_keys=ON")
        columns = {row[1] for row in db.execute("PRAGMA table_info(cases)")}
        if "uuid" in columns:
            removed = db.execute("DELETE FROM cases WHERE uuid = ?", (case_uuid,)).rowcount
        else:
            removed = db.execute(
                "DELETE FROM cases WHERE id = ? AND created = ?", (case_id, created)
            ).rowcount
        if removed:
            db.execute("VACUUM")
        return bool(removed)
    finally:
        db.close()


def erase_all(home: Path) -> list[Path]:
    """Delete the store, its write-ahead log, every backup, set-aside copy and note, the cache
    and a browser server's link key; refused while another window has the data open."""
    removed: list[Path] = []
    with folder_alone(home, "erasing everything"):
        for file in sorted(home.glob(f"{DB_NAME}*")):
            file.unlink()
            removed.append(file)
        for note in (RESTORE_NOTE, LOCK_NOTE):
            if (home / note).exists():
                (home / note).unlink()
                removed.append(home / note)
        for folder in (backup_folder(home), home / "cache"):
            if folder.is_dir():
                removed.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
                shutil.rmtree(folder)
        for leftover in [*home.glob(f"{TEMP_PREFIX}*"), *home.glob("serve-*.key")]:
            leftover.unlink()
            removed.append(leftover)
    (home / LOCK_NAME).unlink(missing_ok=True)
    if home.is_dir() and not any(home.iterdir()):
        home.rmdir()
    return removed
