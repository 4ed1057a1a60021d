"""Putting a backup back, so that no kill, full disk or open window can lose the data.

The backup is copied into the data folder under a temporary name, synced and checked first. A
note then records the step about to happen; the current store gets a second name (a hard link,
so it is set aside without ever being missing) and the checked copy is renamed over the store in
one atomic step. Only then is the note removed. A restore stopped anywhere is found by the note
at the next start: ``finish_restore`` completes it and ``undo_restore`` puts back what was there.
It is refused while another window has the data open, and the store is never restored onto
itself.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from coach.atomic_files import remove_leftovers, sync_folder, temp_name
from coach.errors import CoachError, StoreError
from coach.store.backups import copy_database, problem_with, read_only
from coach.store.presence import folder_alone
from coach.store.schema import DB_NAME, open_data_folder
from coach.store.set_aside import (
    ASIDE_PREFIX,
    RESTORE_NOTE,
    read_note,
    remove_note,
    stamp,
    write_note,
)

_WHAT = "a restore"


def restore(home: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place; returns where the store before it was set aside (None when
    there was none). The set-aside file is kept, never deleted."""
    live = home / DB_NAME
    if live.exists() and backup.exists() and os.path.samefile(live, backup):
        raise CoachError(f"{backup} is the store itself; choose a backup from {home / 'backups'}")
    problem = problem_with(backup)
    if problem:
        raise CoachError(f"{backup} {problem}; choose another backup")
    open_data_folder(home)
    with folder_alone(home, _WHAT):
        if read_note(home / RESTORE_NOTE) is not None:
            raise StoreError(
                "an earlier restore did not finish; run 'coach restore --finish' or "
                "'coach restore --undo' first"
            )
        remove_leftovers(home)
        temp = _checked_copy(backup, home)
        aside = f"{ASIDE_PREFIX}{stamp()}" if live.exists() else None
        write_note(home / RESTORE_NOTE, {"aside": aside, "temp": temp.name, "backup": str(backup)})
        _complete(home, temp, aside)
    return home / aside if aside else None


def _checked_copy(backup: Path, home: Path) -> Path:
    """The backup copied into ``home`` under a temporary name, synced and checked."""
    temp = temp_name(home, "restore")
    source = read_only(backup)
    try:
        copy_database(source, temp)
    finally:
        source.close()
    problem = problem_with(temp)
    if problem:
        temp.unlink(missing_ok=True)
        raise StoreError(f"the copy of {backup} {problem}; nothing was changed")
    return temp


def _complete(home: Path, temp: Path, aside: str | None) -> None:
    """The steps after the note; each can be repeated, so a stopped restore can be finished."""
    live = home / DB_NAME
    if aside is not None:
        kept = home / aside
        if not kept.exists():
            _fold_write_ahead_log(live, kept)
            os.link(live, kept)
        if os.path.samefile(kept, live):
            os.replace(temp, live)
    elif temp.exists():
        os.replace(temp, live)
    for suffix in ("-wal", "-shm"):
        live.with_name(DB_NAME + suffix).unlink(missing_ok=True)
    sync_folder(home)
    remove_note(home / RESTORE_NOTE)


def _fold_write_ahead_log(live: Path, kept: Path) -> None:
    """Move what the write-ahead log holds into the store file, so the file set aside is the
    whole store (this process holds the folder alone, so nothing is writing). A damaged store
    cannot take its log back: the log is then kept beside the file set aside."""
    try:
        db = sqlite3.connect(live)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    except sqlite3.Error:
        log = live.with_name(DB_NAME + "-wal")
        if log.exists():
            os.link(log, kept.with_name(kept.name + "-wal"))


def finish_restore(home: Path) -> Path | None:
    """Complete a restore that was stopped; returns the file set aside."""
    with folder_alone(home, _WHAT):
        note = _note(home)
        aside = note.get("aside")
        temp = home / str(note.get("temp", ""))
        replaced = aside is not None and (home / aside).exists() and not _same(home, aside)
        if not replaced and (not temp.is_file() or problem_with(temp)):
            backup = Path(str(note.get("backup", "")))
            if not backup.is_file() or problem_with(backup):
                raise StoreError(
                    f"the backup being restored ({backup}) is no longer there or sound; run "
                    "'coach restore --undo' to put back what was there before"
                )
            temp = _checked_copy(backup, home)
            write_note(home / RESTORE_NOTE, {**note, "temp": temp.name})
        _complete(home, temp, aside)
    return home / aside if aside else None


def undo_restore(home: Path) -> None:
    """Put back the store as it was before a restore that was stopped."""
    with folder_alone(home, _WHAT):
        note = _note(home)
        aside = note.get("aside")
        live = home / DB_NAME
        if aside is not None and (home / aside).exists():
            if _same(home, aside):
                (home / aside).unlink()
            else:
                os.replace(home / aside, live)
                for suffix in ("-wal", "-shm"):
                    live.with_name(DB_NAME + suffix).unlink(missing_ok=True)
        elif aside is None:
            live.unlink(missing_ok=True)
        (home / str(note.get("temp", "none"))).unlink(missing_ok=True)
        sync_folder(home)
        remove_note(home / RESTORE_NOTE)


def _note(home: Path) -> dict[str, str | None]:
    note = read_note(home / RESTORE_NOTE)
    if note is None:
        raise CoachError(f"there is no unfinished restore in {home}")
    return note


def _same(home: Path, aside: str) -> bool:
    live = home / DB_NAME
    return live.exists() and os.path.samefile(home / aside, live)
