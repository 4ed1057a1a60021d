"""Setting and removing the passphrase on every copy of the data, not only the live store.

A lock once left each backup and each set-aside file in plain text (and deleted the only
backup); now every copy in the data folder is sealed in place under the same passphrase, so
what the README promises to keep is kept, encrypted. Both operations refuse to run while another
window has the data open, and write a note first: a lock stopped part-way is finished at the next
start (once the passphrase is given), and nothing readable is left behind by it.

Order matters for a stop half-way: a lock seals the live store first and then the copies; an
unlock opens the copies first and the live store last. Either way the live store still asks for
the passphrase that the unfinished copies need.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from coach.errors import StoreError, StoreLocked
from coach.store.database_file import existing_only
from coach.store.presence import StoreBusy
from coach.store.sealing import LOCK_CHECK, LOCK_SALT, LOCK_WHOLE, Sealing, reseal
from coach.store.set_aside import (
    LOCK_NOTE,
    backups,
    read_note,
    remove_note,
    set_aside_files,
    write_note,
)
from coach.vault import Vault, WrongPassphrase

SEALED_WHOLE = (
    "your passphrase now also protects case names, plan titles and which questions were "
    "answered; there is nothing you need to do"
)


def copies(home: Path) -> list[Path]:
    """Every other copy of the store in the data folder: backups and set-aside files."""
    return [*backups(home), *set_aside_files(home)]


def lock_everything(store: Sealing, passphrase: str) -> list[str]:
    """Seal the store and every copy under a new passphrase; returns problems with copies
    (each left as it was, and named)."""
    home = store.path.parent
    with store.folder_lock.exclusive("setting a passphrase"):
        if store.is_locked:
            raise StoreError(
                "this store is already locked; unlock it first to change the passphrase"
            )
        store.check_new_passphrase(passphrase)
        _note(home, "lock")
        store.lock(passphrase)
        problems = _reseal_copies(store, home, lock=True)
        remove_note(home / LOCK_NOTE)
    return problems


def unlock_everything(store: Sealing) -> list[str]:
    """Remove the passphrase from every copy and then from the store."""
    home = store.path.parent
    with store.folder_lock.exclusive("removing the passphrase"):
        if not store.is_locked:
            raise StoreError("this store has no passphrase")
        _note(home, "unlock")
        problems = _reseal_copies(store, home, lock=False)
        store.unlock()
        remove_note(home / LOCK_NOTE)
    return problems


def finish_unfinished(store: Sealing) -> str | None:
    """Finish a lock or unlock that was stopped (the store is open with its passphrase, if it
    has one); returns what to tell the person, if anything."""
    home = store.path.parent
    note = read_note(home / LOCK_NOTE)
    if note is None:
        return None
    operation = note.get("operation")
    if operation in ("lock", "seal"):
        if not store.is_locked:
            remove_note(home / LOCK_NOTE)
            if operation == "seal":
                return None
            return "an earlier 'coach lock' stopped before anything was locked; run it again"
        _reseal_copies(store, home, lock=True)
        store.purge_free_pages()
        remove_note(home / LOCK_NOTE)
        if operation == "seal":
            return SEALED_WHOLE
        return "an earlier 'coach lock' was stopped; it has now been finished"
    if not store.is_locked:
        remove_note(home / LOCK_NOTE)
        return None
    try:
        unlock_everything(store)
    except StoreBusy:
        return (
            "an earlier 'coach unlock' was stopped; close the other coach windows and run "
            "'coach unlock' again to finish it"
        )
    return "an earlier 'coach unlock' was stopped; it has now been finished"


def seal_what_was_left_readable(store: Sealing) -> list[str]:
    """A store locked by a version that kept case names, plan titles and which questions were
    answered readable is sealed whole, with its copies, as a lock is (a stop part-way is
    finished at the next start); returns what to tell the person. While another window has
    the data open it waits, silently, for a start when none has; a full disk is said."""
    if not store.is_locked or store.vault is None or store.is_sealed_whole:
        return []
    home = store.path.parent
    try:
        with store.folder_lock.exclusive("sealing"):
            _note(home, "seal")
            store.seal_whole()
            problems = _reseal_copies(store, home, lock=True)
            remove_note(home / LOCK_NOTE)
    except StoreBusy:
        return []
    except (StoreError, sqlite3.Error, OSError) as exc:
        if store.is_sealed_whole:  # the copies and the old pages are left for the next start
            return [
                "your passphrase now protects case names, plan titles and which questions "
                f"were answered, but not yet in the backups ({exc}); the coach finishes this "
                "when it next starts"
            ]
        remove_note(home / LOCK_NOTE)  # nothing was changed: nothing to finish later
        return [
            "case names, plan titles and which questions were answered are not yet protected "
            f"by your passphrase ({exc}); the coach tries again each time it starts"
        ]
    return [SEALED_WHOLE, *problems]


def _note(home: Path, operation: str) -> None:
    names = [str(path.relative_to(home)) for path in copies(home)]
    write_note(home / LOCK_NOTE, {"operation": operation, "copies": names})


def _reseal_copies(store: Sealing, home: Path, *, lock: bool) -> list[str]:
    """Each copy the note still lists, sealed (``lock``) or opened with the store's key; the
    note is updated after each, so a stop in between repeats no work and skips none."""
    vault = store.vault
    if vault is None:
        raise StoreLocked("this store is locked; a passphrase is needed")
    settings = {key: store.setting(key) for key in (LOCK_SALT, LOCK_CHECK, LOCK_WHOLE)}
    note = read_note(home / LOCK_NOTE) or {}
    left = [str(name) for name in note.get("copies", [])]
    problems: list[str] = []
    while left:
        copy = home / left[0]
        try:
            if copy.is_file():
                _reseal_file(copy, vault.open, vault if lock else None, settings if lock else {})
        except (WrongPassphrase, sqlite3.Error) as exc:
            problems.append(f"{copy} was left as it was ({exc})")
        left.pop(0)
        write_note(home / LOCK_NOTE, {**note, "copies": left})
    return problems


def _reseal_file(
    path: Path,
    open_text: Callable[[str], str],
    vault: Vault | None,
    settings: dict[str, str | None],
) -> None:
    """One copy re-sealed in one transaction, then vacuumed so no old value stays in its free
    pages; it keeps a rollback journal, never a write-ahead log."""
    db = existing_only(path)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("BEGIN IMMEDIATE")
        try:
            reseal(db, open_text, vault)
            db.execute(
                "DELETE FROM settings WHERE key IN (?, ?, ?)", (LOCK_SALT, LOCK_CHECK, LOCK_WHOLE)
            )
            for key, value in settings.items():
                if value is not None:
                    db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        db.execute("VACUUM")
    finally:
        db.close()
