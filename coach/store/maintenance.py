"""Looking after the store: daily backups, restoring one, checking health, erasing data.

Backups sit beside the store in ``backups/`` (0700, files 0600), one a day, the last seven
kept. Nothing here ever deletes or overwrites the live database without a copy left behind,
except ``erase``, which exists to remove data for good.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from coach.errors import CoachError
from coach.paths import private_folder
from coach.store import Store
from coach.store.schema import DB_NAME, SCHEMA_VERSION, SQLITE_HEADER

BACKUP_FOLDER = "backups"
KEEP_BACKUPS = 7


def backup_folder(home: Path) -> Path:
    return home / BACKUP_FOLDER


def backups(home: Path) -> list[Path]:
    """Backups, oldest first."""
    folder = backup_folder(home)
    return sorted(folder.glob("coach-*.db")) if folder.is_dir() else []


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def make_backup(store: Store, target: Path | None = None) -> Path:
    """Copy the live store (a consistent snapshot, even while it is in use)."""
    if target is None:
        folder = backup_folder(store.path.parent)
        private_folder(folder)
        target = folder / f"coach-{datetime.now():%Y-%m-%d-%H%M%S}.db"
    elif target.exists():
        raise CoachError(f"{target} already exists; choose another name")
    _copy_database(store.connection, target)
    return target


def daily_backup(store: Store, today: date) -> Path | None:
    """At most one automatic backup a day; only the newest seven are kept."""
    home = store.path.parent
    if any(b.name.startswith(f"coach-{today:%Y-%m-%d}") for b in backups(home)):
        return None
    made = make_backup(store)
    for old in backups(home)[:-KEEP_BACKUPS]:
        old.unlink()
    return made


def check_database(file: Path) -> str | None:
    """What is wrong with a database file, or None when it is a sound coach store."""
    try:
        with file.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if header != SQLITE_HEADER:
        return "is not a SQLite database (it may be damaged)"
    try:
        db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
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


def restore(home: Path, backup: Path) -> Path:
    """Put a backup in place; the current file, damaged or not, is moved aside, never deleted."""
    problem = check_database(backup)
    if problem:
        raise CoachError(f"{backup} {problem}; choose another backup")
    live = home / DB_NAME
    aside = None
    if live.exists():
        aside = live.with_name(f"{DB_NAME}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
        live.rename(aside)
        for suffix in ("-wal", "-shm"):
            extra = live.with_name(DB_NAME + suffix)
            if extra.exists():
                extra.rename(aside.with_name(aside.name + suffix))
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        _copy_database(source, live)
    finally:
        source.close()
    return aside or live


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str


def doctor(home: Path) -> list[Finding]:
    """A health report of the data folder, the store and its backups."""
    findings: list[Finding] = []
    if not home.exists():
        return [Finding(True, f"no data yet; {home} will be created on first use")]
    mode = home.stat().st_mode & 0o777
    private = mode == 0o700
    state = "private" if private else f"readable by others; run 'chmod 700 {home}'"
    findings.append(Finding(private, f"data folder {home} is {state} ({mode:o})"))
    live = home / DB_NAME
    if live.exists():
        problem = check_database(live)
        newest = backups(home)[-1] if backups(home) else None
        mend = f"; restore with 'coach restore {newest}'" if newest else ""
        findings.append(
            Finding(
                problem is None,
                f"store {live} {problem}{mend}" if problem else f"store {live} is sound",
            )
        )
        for file in sorted(home.glob(f"{DB_NAME}*")):
            file_mode = file.stat().st_mode & 0o777
            if file_mode != 0o600:
                findings.append(
                    Finding(
                        False,
                        f"{file} is readable by others ({file_mode:o}); run 'chmod 600 {file}'",
                    )
                )
    else:
        findings.append(Finding(True, "no store yet"))
    kept = backups(home)
    if kept:
        findings.append(
            Finding(
                True, f"{len(kept)} backup{'s' if len(kept) != 1 else ''}, newest {kept[-1].name}"
            )
        )
    else:
        findings.append(
            Finding(True, "no backups yet (one is made automatically each day you use the coach)")
        )
    return findings


def _scrub(db: sqlite3.Connection) -> None:
    """Leave nothing of deleted rows behind: not in free pages, not in the write-ahead log."""
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def erase_case(store: Store, case_id: int, name: str) -> int:
    """Remove one case and everything made for it, here and in every backup."""
    store.delete_case(case_id)
    _scrub(store.connection)
    cleaned = 0
    for backup in backups(store.path.parent):
        db = sqlite3.connect(backup)
        try:
            db.execute("PRAGMA foreign_keys=ON")
            removed = db.execute(
                "DELETE FROM cases WHERE name = ? COLLATE NOCASE", (name,)
            ).rowcount
            db.commit()
            if removed:
                db.execute("VACUUM")
                cleaned += 1
        finally:
            db.close()
    return cleaned


def erase_all(home: Path) -> list[Path]:
    """Delete the store, its write-ahead log, every backup and set-aside copy."""
    removed: list[Path] = []
    for file in sorted(home.glob(f"{DB_NAME}*")):
        file.unlink()
        removed.append(file)
    for folder in (backup_folder(home), home / "cache"):
        if folder.is_dir():
            for file in sorted(folder.iterdir()):
                file.unlink()
                removed.append(file)
            folder.rmdir()
    if home.is_dir() and not any(home.iterdir()):
        home.rmdir()
    return removed
