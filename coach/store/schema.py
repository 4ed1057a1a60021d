"""The store's file and schema: what a coach database looks like, and how an older one is
brought up to date (one numbered migration per change, each in one transaction)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from coach.errors import StoreError
from coach.paths import private_folder
from coach.store.core import transaction
from coach.timestamps import in_utc

DB_NAME = "coach.db"
SCHEMA_VERSION = 4
SQLITE_HEADER = b"SQLite format 3\x00"

# Every column that holds a moment, with the key of its table.
STAMPED_COLUMNS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("cases", ("id",), ("created", "updated")),
    ("sessions", ("id",), ("created", "updated")),
    ("answers", ("session_id", "field_id"), ("answered",)),
    ("session_events", ("id",), ("at",)),
    ("plans", ("id",), ("created",)),
    ("plan_revisions", ("plan_id", "revision"), ("created",)),
    ("plan_follow_ups", ("id",), ("created",)),
    ("session_claims", ("session_id", "owner"), ("claimed",)),
)


def stamps_in_utc(db: sqlite3.Connection) -> None:
    """Schema 4: every stored moment rewritten in UTC. They were local time with its offset,
    and sorting that text put a session saved after a clock change in the wrong place."""
    for table, keys, columns in STAMPED_COLUMNS:
        where = " AND ".join(f"{key} = ?" for key in keys)
        listed = ", ".join((*keys, *columns))
        for row in db.execute(f"SELECT {listed} FROM {table}").fetchall():  # noqa: S608
            values = tuple(row)
            stamps = [in_utc(stamp) for stamp in values[len(keys) :]]
            db.execute(
                f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)}"  # noqa: S608
                f" WHERE {where}",
                (*stamps, *values[: len(keys)]),
            )


MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {
    1: """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        profile TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        state TEXT NOT NULL,
        history TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'active',
        notes TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX sessions_by_case ON sessions(case_id, status, updated);
    CREATE TABLE answers (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        field_id TEXT NOT NULL,
        value TEXT NOT NULL,
        answered TEXT NOT NULL,
        PRIMARY KEY (session_id, field_id)
    ) WITHOUT ROWID;
    CREATE TABLE session_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
        case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        title TEXT NOT NULL,
        answers TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL
    );
    CREATE INDEX plans_by_case ON plans(case_id, created);
    CREATE TABLE plan_revisions (
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        body TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (plan_id, revision)
    ) WITHOUT ROWID;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    2: """
    CREATE TABLE plan_follow_ups (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        answers TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX follow_ups_by_plan ON plan_follow_ups(plan_id);
    CREATE TABLE session_claims (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        owner TEXT NOT NULL,
        claimed TEXT NOT NULL
    );
    """,
    # Every window that has a session open holds its own claim: with one claim per session, a
    # second window replaced the first's, and once it closed a third was not warned.
    3: """
    CREATE TABLE session_claims_by_owner (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        owner TEXT NOT NULL,
        claimed TEXT NOT NULL,
        PRIMARY KEY (session_id, owner)
    ) WITHOUT ROWID;
    INSERT INTO session_claims_by_owner SELECT session_id, owner, claimed FROM session_claims;
    DROP TABLE session_claims;
    ALTER TABLE session_claims_by_owner RENAME TO session_claims;
    """,
    4: stamps_in_utc,
}


def open_data_folder(folder: Path) -> None:
    """The data folder, made (or made private again) before the store is opened in it."""
    try:
        private_folder(folder)
    except OSError as exc:
        raise StoreError(
            f"cannot use the data folder {folder} ({exc.strerror}); "
            "choose another with --home or COACH_HOME"
        ) from None


def check_header(file: Path) -> None:
    """Refuse a file that is not a SQLite database before SQLite can touch it."""
    size = file.stat().st_size
    if size == 0:
        raise StoreError(
            f"{file} is empty (0 bytes), so it was damaged; it has been left as it is. "
            "Restore a backup over it, or move it aside to start afresh"
        )
    with file.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{file} is not a coach database (it may be damaged); it has been left as it is. "
            "Restore a backup over it, or move it aside to start afresh"
        )


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date; a store from a newer coach is refused untouched."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer NVR Coach (schema {version}, this one "
            f"knows {SCHEMA_VERSION}); update the coach, nothing was changed"
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        step = MIGRATIONS[target]
        with transaction(db):
            if callable(step):
                step(db)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute(f"PRAGMA user_version = {int(target)}")
