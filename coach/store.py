"""SQLite persistence: cases, sessions, answers, plans and plan revisions.

One file, ``coach.db``, in the data folder. Every answer is committed the moment it is given
(WAL with ``synchronous=FULL``: an answer acknowledged is an answer kept, even on power loss).
The folder is 0700 and the files 0600: these are notes about children and family conflict.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.errors import CoachError, NotFoundError

DB_NAME = "coach.db"
SCHEMA_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"

_MIGRATIONS: dict[int, str] = {
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
}


class StoreError(CoachError):
    """The store cannot be used as it is; the message says how to recover."""


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Case:
    id: int
    name: str
    profile: dict[str, Any]
    created: str


@dataclass(frozen=True)
class SessionRecord:
    id: int
    case_id: int | None
    flow_id: str
    flow_version: int
    state: str
    history: list[str]
    status: str
    notes: str
    created: str
    updated: str
    answers: dict[str, Any]


@dataclass(frozen=True)
class PlanRecord:
    id: int
    session_id: int | None
    case_id: int | None
    case_name: str | None
    flow_id: str
    flow_version: int
    title: str
    answers: dict[str, Any]
    created: str
    revision: int
    body: str
    revised: str


@dataclass(frozen=True)
class Revision:
    revision: int
    body: str
    created: str


def _private_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise StoreError(
            f"cannot use the data folder {folder} ({exc.strerror}); "
            "choose another with --home or COACH_HOME"
        ) from None


def _check_header(file: Path) -> None:
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


class Store:
    """One open connection to the store; cheap to open, safe to share between faces."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, home: Path) -> Store:
        _private_folder(home)
        path = home / DB_NAME
        if path.exists():
            _check_header(path)
        else:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        try:
            connection = sqlite3.connect(path, timeout=10, isolation_level=None)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            store = cls(connection, path)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path} cannot be read as a coach database ({exc}); it has been left as it is. "
                "Restore a backup over it, or move it aside to start afresh"
            ) from None
        for suffix in ("", "-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                os.chmod(extra, 0o600)
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer NVR Coach (schema {version}, this one "
                f"knows {SCHEMA_VERSION}); update the coach, nothing was changed"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as db:
                for statement in _MIGRATIONS[target].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {int(target)}")

    # cases ---------------------------------------------------------------------------------

    def create_case(self, name: str, profile: dict[str, Any] | None = None) -> Case:
        name = " ".join(name.split())
        if not name:
            raise CoachError("a case needs a name: the young person's first name or a nickname")
        stamp = now()
        profile = {**(profile or {}), "name": name}
        try:
            with self._transaction() as db:
                cursor = db.execute(
                    "INSERT INTO cases (name, profile, created, updated) VALUES (?, ?, ?, ?)",
                    (name, json.dumps(profile), stamp, stamp),
                )
        except sqlite3.IntegrityError:
            raise CoachError(
                f"there is already a case called '{name}'; choose another name"
            ) from None
        return Case(int(cursor.lastrowid or 0), name, profile, stamp)

    def _case_from(self, row: sqlite3.Row) -> Case:
        profile = json.loads(row["profile"])
        profile["name"] = row["name"]
        return Case(row["id"], row["name"], profile, row["created"])

    def case(self, case_id: int) -> Case:
        row = self._db.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no case with id {case_id}; 'coach cases' lists them")
        return self._case_from(row)

    def find_case(self, name_or_id: str) -> Case | None:
        """A case by id (digits) or by name, ignoring case; None when there is none."""
        text = name_or_id.strip()
        row = None
        if text.isdigit():
            row = self._db.execute("SELECT * FROM cases WHERE id = ?", (int(text),)).fetchone()
        if row is None:
            row = self._db.execute("SELECT * FROM cases WHERE name = ?", (text,)).fetchone()
        return self._case_from(row) if row else None

    def cases(self) -> list[Case]:
        rows = self._db.execute("SELECT * FROM cases ORDER BY name").fetchall()
        return [self._case_from(r) for r in rows]

    def update_case(self, case_id: int, profile: dict[str, Any]) -> None:
        stored = {k: v for k, v in profile.items() if k != "name"}
        with self._transaction() as db:
            db.execute(
                "UPDATE cases SET profile = ?, updated = ? WHERE id = ?",
                (json.dumps(stored), now(), case_id),
            )

    def rename_case(self, case_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise CoachError("a case needs a name")
        try:
            with self._transaction() as db:
                db.execute(
                    "UPDATE cases SET name = ?, updated = ? WHERE id = ?", (name, now(), case_id)
                )
        except sqlite3.IntegrityError:
            raise CoachError(
                f"there is already a case called '{name}'; choose another name"
            ) from None

    # sessions ------------------------------------------------------------------------------

    def create_session(
        self, flow_id: str, flow_version: int, case_id: int | None, state: str
    ) -> int:
        stamp = now()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (case_id, flow_id, flow_version, state, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (case_id, flow_id, flow_version, state, stamp, stamp),
            )
        return int(cursor.lastrowid or 0)

    def save_answer(self, session_id: int, field_id: str, value: Any) -> None:
        """Commit one answer now (None clears it): a crash a moment later loses nothing."""
        stamp = now()
        with self._transaction() as db:
            if value is None:
                db.execute(
                    "DELETE FROM answers WHERE session_id = ? AND field_id = ?",
                    (session_id, field_id),
                )
            else:
                db.execute(
                    "INSERT INTO answers (session_id, field_id, value, answered)"
                    " VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (session_id, field_id) DO UPDATE SET value = excluded.value,"
                    " answered = excluded.answered",
                    (session_id, field_id, json.dumps(value, ensure_ascii=False), stamp),
                )
            db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (stamp, session_id))

    def save_position(
        self, session_id: int, state: str, history: list[str], status: str = "active"
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET state = ?, history = ?, status = ?, updated = ? WHERE id = ?",
                (state, json.dumps(history), status, now(), session_id),
            )

    def abandon_session(self, session_id: int) -> None:
        """Set a session aside: it no longer shows as in progress, and its answers stay."""
        record = self.session(session_id)
        if record.status == "finished":
            raise CoachError(f"session {session_id} has finished; delete its plan instead")
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET status = 'abandoned', updated = ? WHERE id = ?",
                (now(), session_id),
            )

    def latest_session(
        self, *, statuses: tuple[str, ...] = ("active",), case_id: int | None = None
    ) -> int | None:
        """The most recently updated session with one of these statuses (optionally one case's)."""
        marks = ", ".join("?" for _ in statuses)
        query = f"SELECT id FROM sessions WHERE status IN ({marks})"  # noqa: S608 (marks only)
        params: list[Any] = list(statuses)
        if case_id is not None:
            query += " AND case_id = ?"
            params.append(case_id)
        row = self._db.execute(query + " ORDER BY updated DESC, id DESC LIMIT 1", params).fetchone()
        return row["id"] if row else None

    def save_notes(self, session_id: int, notes: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sessions SET notes = ? WHERE id = ?", (notes, session_id))

    def record_event(self, session_id: int, kind: str, detail: str = "") -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO session_events (session_id, kind, detail, at) VALUES (?, ?, ?, ?)",
                (session_id, kind, detail, now()),
            )

    def events(self, session_id: int) -> list[tuple[str, str, str]]:
        rows = self._db.execute(
            "SELECT kind, detail, at FROM session_events WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        return [(r["kind"], r["detail"], r["at"]) for r in rows]

    def session(self, session_id: int) -> SessionRecord:
        row = self._db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no session with id {session_id}; 'coach sessions' lists them")
        answers = {
            r["field_id"]: json.loads(r["value"])
            for r in self._db.execute(
                "SELECT field_id, value FROM answers WHERE session_id = ?", (session_id,)
            )
        }
        return SessionRecord(
            id=row["id"],
            case_id=row["case_id"],
            flow_id=row["flow_id"],
            flow_version=row["flow_version"],
            state=row["state"],
            history=json.loads(row["history"]),
            status=row["status"],
            notes=row["notes"],
            created=row["created"],
            updated=row["updated"],
            answers=answers,
        )

    def sessions(self, *, case_id: int | None = None, status: str | None = None) -> list[dict]:
        """Session summaries (no answers), newest first."""
        query = "SELECT id, case_id, flow_id, state, status, created, updated FROM sessions"
        clauses, params = [], []
        if case_id is not None:
            clauses.append("case_id = ?")
            params.append(case_id)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        query += " ORDER BY updated DESC, id DESC"
        return [dict(r) for r in self._db.execute(query, params)]

    # plans ---------------------------------------------------------------------------------

    def create_plan(
        self,
        *,
        session_id: int | None,
        case_id: int | None,
        flow_id: str,
        flow_version: int,
        title: str,
        body: str,
        answers: dict[str, Any],
        created: str | None = None,
    ) -> int:
        stamp = created or now()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO plans (session_id, case_id, flow_id, flow_version, title, answers,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    case_id,
                    flow_id,
                    flow_version,
                    title,
                    json.dumps(answers, ensure_ascii=False),
                    stamp,
                ),
            )
            plan_id = int(cursor.lastrowid or 0)
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, 1, ?, ?)",
                (plan_id, body, stamp),
            )
            if session_id is not None:
                db.execute(
                    "UPDATE sessions SET status = 'finished', updated = ? WHERE id = ?",
                    (stamp, session_id),
                )
        return plan_id

    _PLAN_QUERY = """
        SELECT p.*, c.name AS case_name, r.revision, r.body, r.created AS revised
        FROM plans p
        LEFT JOIN cases c ON c.id = p.case_id
        JOIN plan_revisions r ON r.plan_id = p.id
            AND r.revision = (SELECT MAX(revision) FROM plan_revisions WHERE plan_id = p.id)
    """

    def plan(self, plan_id: int) -> PlanRecord:
        row = self._db.execute(self._PLAN_QUERY + " WHERE p.id = ?", (plan_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no plan with id {plan_id}; 'coach plans' lists them")
        return PlanRecord(
            id=row["id"],
            session_id=row["session_id"],
            case_id=row["case_id"],
            case_name=row["case_name"],
            flow_id=row["flow_id"],
            flow_version=row["flow_version"],
            title=row["title"],
            answers=json.loads(row["answers"]),
            created=row["created"],
            revision=row["revision"],
            body=row["body"],
            revised=row["revised"],
        )

    def plan_for_session(self, session_id: int) -> int | None:
        row = self._db.execute(
            "SELECT id FROM plans WHERE session_id = ? ORDER BY id DESC LIMIT 1", (session_id,)
        ).fetchone()
        return row["id"] if row else None

    def plans(self, *, case_id: int | None = None) -> list[dict]:
        """Plan summaries, newest first: id, title, flow, case, created, revision."""
        query = """
            SELECT p.id, p.title, p.flow_id AS flow, c.name AS "case", p.created,
                   (SELECT MAX(revision) FROM plan_revisions WHERE plan_id = p.id) AS revision
            FROM plans p LEFT JOIN cases c ON c.id = p.case_id
        """
        params: list[Any] = []
        if case_id is not None:
            query += " WHERE p.case_id = ?"
            params.append(case_id)
        query += " ORDER BY p.created DESC, p.id DESC"
        return [dict(r) for r in self._db.execute(query, params)]

    def add_revision(self, plan_id: int, body: str) -> int:
        self.plan(plan_id)
        with self._transaction() as db:
            latest = db.execute(
                "SELECT MAX(revision) FROM plan_revisions WHERE plan_id = ?", (plan_id,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, ?, ?, ?)",
                (plan_id, latest + 1, body, now()),
            )
        return int(latest + 1)

    def revisions(self, plan_id: int) -> list[Revision]:
        rows = self._db.execute(
            "SELECT revision, body, created FROM plan_revisions"
            " WHERE plan_id = ? ORDER BY revision",
            (plan_id,),
        ).fetchall()
        return [Revision(r["revision"], r["body"], r["created"]) for r in rows]

    def delete_plan(self, plan_id: int) -> None:
        self.plan(plan_id)
        with self._transaction() as db:
            db.execute("DELETE FROM plans WHERE id = ?", (plan_id,))

    # settings ------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
