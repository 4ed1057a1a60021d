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
from coach.errors import StoreError
from coach.store import Store
from coach.store.backups import read_only
from coach.store.database_file import existing_only
from coach.store.locking import copies
from coach.store.presence import LOCK_NAME, folder_alone
from coach.store.schema import DB_NAME
from coach.store.set_aside import LOCK_NOTE, RESTORE_NOTE, backup_folder
from coach.vault import Vault, WrongPassphrase


def erase_case(store: Store, case_id: int) -> int:
    """Remove one case and everything made for it, here and in every copy; returns how many
    copies held it."""
    home = store.path.parent
    with store.folder_lock.exclusive("erasing a case"):
        found = store.case_identity(case_id)
        store.delete_case(case_id)
        store.purge_free_pages()
        return _erase_from_copies({copy: [found] for copy in copies(home)}, "your data and ")


def copies_holding(store: Store, name: str) -> int:
    """How many copies (backups, set-aside stores) hold a case called ``name``."""
    return sum(bool(cases) for cases in _cases_named(store, name).values())


def _cases_named(store: Store, name: str) -> dict[Path, list[tuple[str, int, str]]]:
    """Each copy's cases called ``name`` (ignoring case): stable id, row id, moment made."""
    folded = name.casefold()
    return {copy: _named_in_copy(copy, folded, store.vault) for copy in copies(store.path.parent)}


def erase_case_only_copies_hold(store: Store, name: str) -> int:
    """Erase a case that is no longer in the store but that copies still hold under ``name``
    (a restore set aside the store it was in); returns how many copies held it.

    A copy's case is found by its name (opened with the store's key where sealed), then
    erased there by its stable id. A case of that name that is still in the store under
    another name (renamed since) is a living case: StoreError names it, and nothing is erased.
    """
    with store.folder_lock.exclusive("erasing a case"):
        living = {store.case_identity(case.id)[0]: case.name for case in store.cases()}
        found = _cases_named(store, name)
        for cases in found.values():
            for case_uuid, _case_id, _created in cases:
                if case_uuid in living:
                    now = living[case_uuid]
                    raise StoreError(
                        f"'{name}' is now called '{now}' in your data; erase '{now}' to erase "
                        "that young person everywhere"
                    )
        return _erase_from_copies(found, "")


def _erase_from_copies(found: dict[Path, list[tuple[str, int, str]]], done: str) -> int:
    """Each copy's cases erased; how many copies held one. A copy that cannot be opened (a
    disk error, a file damaged meanwhile) does not stop the others: it is named at the end,
    after ``done`` (what was erased before the copies)."""
    cleaned, failed = 0, []
    for copy, cases in found.items():
        try:
            cleaned += any([_erase_from_copy(copy, *case) for case in cases])
        except sqlite3.Error as exc:
            failed.append(f"{copy} ({exc})")
    if failed:
        held = f"{cleaned} cop{'y' if cleaned == 1 else 'ies'}"
        raise StoreError(
            f"erased from {done}{held}, but not from {'; '.join(failed)}; run the same erase "
            "again once that file can be read, or delete it"
        )
    return cleaned


def _named_in_copy(copy: Path, folded: str, vault: Vault | None) -> list[tuple[str, int, str]]:
    """The cases called ``folded`` (ignoring case) in one copy: stable id (or '' in a copy
    made before cases had one), row id and the moment each was made."""
    try:
        db = read_only(copy)
    except sqlite3.Error:
        return []
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(cases)")}
        stable = "uuid" if "uuid" in columns else "''"
        rows = db.execute(f"SELECT {stable}, id, created, name FROM cases").fetchall()  # noqa: S608
    except sqlite3.Error:
        return []
    finally:
        db.close()
    named = []
    for case_uuid, case_id, created, stored in rows:
        try:
            plain = vault.open(stored) if vault is not None else stored
        except WrongPassphrase:
            continue
        if plain.casefold() == folded:
            named.append((case_uuid, case_id, created))
    return named


def _erase_from_copy(copy: Path, case_uuid: str, case_id: int, created: str) -> bool:
    db = existing_only(copy)
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
