"""The store's file and schema: what a coach database looks like, and how an older one is
brought up to date (one numbered migration per change, each in one transaction)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from coach.errors import StoreError
from coach.paths import private_folder
from coach.store.core import transaction
from coach.store.database_file import APPLICATION_ID
from coach.timestamps import in_utc

DB_NAME = "coach.db"
SCHEMA_VERSION = 7

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
    # Each case gets a stable id that is never used again: row ids are reused after an erase
    # or a restore, so erasing from backups by row id (or by name) could hit another child.
    # A draft keeps text typed into an answer box but not yet sent.
    5: """
    ALTER TABLE cases ADD COLUMN uuid TEXT;
    UPDATE cases SET uuid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX cases_by_uuid ON cases(uuid);
    CREATE TABLE session_drafts (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        field_id TEXT NOT NULL,
        text TEXT NOT NULL,
        saved TEXT NOT NULL,
        PRIMARY KEY (session_id, field_id)
    ) WITHOUT ROWID;
    """,
    # The campaign over weeks: the incident diary (a correction adds a revision, none is
    # lost) and weekly check-ins, each erased with its case. A row logged from a session
    # names it, once: finishing that session again never logs the incident twice. A
    # follow-up names the plan revision it added, so a case's timeline shows it once.
    6: """
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        session_id INTEGER UNIQUE REFERENCES sessions(id) ON DELETE SET NULL,
        plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX incidents_by_case ON incidents(case_id, created);
    CREATE INDEX incidents_by_plan ON incidents(plan_id);
    CREATE TABLE incident_revisions (
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        saved TEXT NOT NULL,
        entry TEXT NOT NULL,
        PRIMARY KEY (incident_id, number)
    ) WITHOUT ROWID;
    CREATE TABLE check_ins (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        session_id INTEGER UNIQUE REFERENCES sessions(id) ON DELETE SET NULL,
        saved TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX check_ins_by_case ON check_ins(case_id, saved);
    ALTER TABLE plan_follow_ups ADD COLUMN revision INTEGER;
    UPDATE plan_follow_ups SET revision = (
        SELECT MAX(r.revision) FROM plan_revisions r
        WHERE r.plan_id = plan_follow_ups.plan_id AND r.created = plan_follow_ups.created
    );
    """,
    # A session paused at a safety stop is 'active' like any other in progress: its status said
    # "stopped" in plain text, even in a locked store. Where it stands (sealed) says it now.
    7: """
    UPDATE sessions SET status = 'active' WHERE status = 'stopped';
    """,
}


def open_data_folder(folder: Path) -> None:
    """The data folder, made (or made private again) before the store is opened in it."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(
            f"the data folder {folder} is a file, not a folder; "
            "choose another with --home or COACH_HOME"
        )
    try:
        private_folder(folder)
    except OSError as exc:
        raise StoreError(
            f"cannot use the data folder {folder} ({exc.strerror}); "
            "choose another with --home or COACH_HOME"
        ) from None


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
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
