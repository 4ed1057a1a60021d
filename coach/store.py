"""SQLite persistence: cases, sessions, answers, plans and plan revisions.

One file, ``coach.db``, in the data folder. Every answer is committed the moment it is given
(WAL with ``synchronous=FULL``: an answer acknowledged is an answer kept, even on power loss).
The folder is 0700 and the files 0600: these are notes about children and family conflict.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.errors import CoachError, NotFoundError
from coach.paths import private_folder
from coach.vault import CHECK_TEXT, Vault, WrongPassphrase, is_sealed

DB_NAME = "coach.db"
SCHEMA_VERSION = 3
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
class ImportedPlan:
    """What an import did: the plan added (or the one already here), and its case."""

    plan_id: int
    case_id: int | None
    duplicate: bool = False
    new_case: bool = False


@dataclass(frozen=True)
class Revision:
    revision: int
    body: str
    created: str


def this_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _private_folder(folder: Path) -> None:
    try:
        private_folder(folder)
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


# Every column that holds what families wrote; sealed when the store is locked.
SEALED_COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("cases", ("id",), "profile"),
    ("sessions", ("id",), "notes"),
    ("answers", ("session_id", "field_id"), "value"),
    ("plans", ("id",), "answers"),
    ("plan_revisions", ("plan_id", "revision"), "body"),
    ("plan_follow_ups", ("id",), "answers"),
)
LOCK_SALT = "lock.salt"
LOCK_CHECK = "lock.check"
IDLE_LOCK_SETTING = "lock.idle_minutes"
DEFAULT_IDLE_MINUTES = 5.0

PassphraseSource = Callable[[], str | None]


class StoreLocked(StoreError):
    """The store is locked and no passphrase was given."""


class Store:
    """One open connection to the store; cheap to open, safe to share between faces."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._vault: Vault | None = None
        self._waiting_for_passphrase = False

    # sealing ---------------------------------------------------------------------------------

    def _seal(self, text: str) -> str:
        if self._waiting_for_passphrase:
            raise StoreLocked("this store is locked; a passphrase is needed")
        return self._vault.seal(text) if self._vault is not None and text else text

    def _open(self, text: str) -> str:
        if self._waiting_for_passphrase:
            raise StoreLocked("this store is locked; a passphrase is needed")
        if is_sealed(text):
            if self._vault is None:
                raise StoreLocked("this store is locked; a passphrase is needed")
            return self._vault.open(text)
        return text

    def _pack(self, value: Any) -> str:
        return self._seal(json.dumps(value, ensure_ascii=False))

    def _unpack(self, text: str) -> Any:
        return json.loads(self._open(text))

    @property
    def is_locked(self) -> bool:
        return self.setting(LOCK_SALT) is not None

    @property
    def needs_passphrase(self) -> bool:
        """Opened without its passphrase (see ``open(..., wait=True)``): nothing can be read
        or written until ``provide_passphrase`` succeeds."""
        return self._waiting_for_passphrase

    def _vault_for(self, passphrase: str) -> Vault | None:
        """The key this passphrase gives, checked against the stored check value; None when
        the store has no passphrase. Raises WrongPassphrase."""
        salt, check = self.setting(LOCK_SALT), self.setting(LOCK_CHECK)
        if salt is None or check is None:
            return None
        vault = Vault.derive(passphrase, bytes.fromhex(salt))
        if vault.open(check) != CHECK_TEXT:
            raise WrongPassphrase("that passphrase does not open this store")
        return vault

    def _unlock_with(self, passphrase: str) -> None:
        vault = self._vault_for(passphrase)
        if vault is not None:
            self._vault = vault

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether this is the store's passphrase (for the app's idle lock); changes nothing.

        A store without a passphrase accepts none."""
        if not passphrase:
            return False
        try:
            return self._vault_for(passphrase) is not None
        except WrongPassphrase:
            return False

    def provide_passphrase(self, passphrase: str) -> None:
        """Open a store that was opened waiting for its passphrase. Raises WrongPassphrase."""
        if not passphrase:
            raise WrongPassphrase("please type the passphrase")
        self._unlock_with(passphrase)
        self._waiting_for_passphrase = False

    def idle_lock_minutes(self) -> float:
        """Minutes without a key or a click before the app locks itself (0: never)."""
        text = self.setting(IDLE_LOCK_SETTING)
        try:
            minutes = float(text) if text is not None else DEFAULT_IDLE_MINUTES
        except ValueError:
            return DEFAULT_IDLE_MINUTES
        return minutes if minutes >= 0 else DEFAULT_IDLE_MINUTES

    def _reseal_everything(self, db: sqlite3.Connection, vault: Vault | None) -> None:
        for table, keys, column in SEALED_COLUMNS:
            where = " AND ".join(f"{key} = ?" for key in keys)
            rows = db.execute(f"SELECT {', '.join(keys)}, {column} FROM {table}").fetchall()  # noqa: S608
            for row in rows:
                plain = self._open(row[column])
                sealed = vault.seal(plain) if vault is not None and plain else plain
                db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {where}",  # noqa: S608
                    (sealed, *(row[key] for key in keys)),
                )

    def _purge_free_pages(self) -> None:
        self._db.execute("VACUUM")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def lock(self, passphrase: str) -> None:
        """Seal everything under a new passphrase; nothing readable is left in the file."""
        if self.is_locked:
            raise StoreError(
                "this store is already locked; unlock it first to change the passphrase"
            )
        if len(passphrase) < 8:
            raise StoreError("please choose a passphrase of at least 8 characters")
        salt = Vault.new_salt()
        vault = Vault.derive(passphrase, salt)
        with self._transaction() as db:
            self._reseal_everything(db, vault)
            for key, value in ((LOCK_SALT, salt.hex()), (LOCK_CHECK, vault.seal(CHECK_TEXT))):
                db.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
                )
        self._vault = vault
        self._purge_free_pages()

    def unlock(self) -> None:
        """Remove the passphrase: everything is stored as plain text again (still 0600)."""
        if not self.is_locked:
            raise StoreError("this store has no passphrase")
        with self._transaction() as db:
            self._reseal_everything(db, None)
            db.execute("DELETE FROM settings WHERE key IN (?, ?)", (LOCK_SALT, LOCK_CHECK))
        self._vault = None
        self._purge_free_pages()

    @classmethod
    def open(
        cls, home: Path, passphrase: PassphraseSource | None = None, *, wait: bool = False
    ) -> Store:
        """Open (and create or migrate) the store in ``home``.

        A locked store needs its passphrase from ``passphrase``; without one it raises
        StoreLocked, or, with ``wait=True`` (the app, which asks on its own screen), it is
        returned with ``needs_passphrase`` set and nothing readable until it is given.
        """
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
        if store.is_locked:
            given = passphrase() if passphrase is not None else None
            if not given and wait:
                store._waiting_for_passphrase = True
                return store
            if not given:
                store.close()
                raise StoreLocked(
                    "your data is locked with a passphrase; type it when asked, or set "
                    "COACH_PASSPHRASE for scripts"
                )
            try:
                store._unlock_with(given)
            except WrongPassphrase:
                store.close()
                raise
        return store

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for maintenance (backups); everything else uses the methods."""
        return self._db

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
                    (name, self._pack(profile), stamp, stamp),
                )
        except sqlite3.IntegrityError:
            raise CoachError(
                f"there is already a case called '{name}'; choose another name"
            ) from None
        return Case(int(cursor.lastrowid or 0), name, profile, stamp)

    def _case_from(self, row: sqlite3.Row) -> Case:
        profile = self._unpack(row["profile"])
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

    def delete_case(self, case_id: int) -> None:
        """The case and, through the foreign keys, its sessions, answers and plans."""
        self.case(case_id)
        with self._transaction() as db:
            db.execute("DELETE FROM cases WHERE id = ?", (case_id,))

    def update_case(self, case_id: int, profile: dict[str, Any]) -> None:
        stored = {k: v for k, v in profile.items() if k != "name"}
        with self._transaction() as db:
            db.execute(
                "UPDATE cases SET profile = ?, updated = ? WHERE id = ?",
                (self._pack(stored), now(), case_id),
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
                    (session_id, field_id, self._pack(value), stamp),
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
            db.execute(
                "UPDATE sessions SET notes = ? WHERE id = ?", (self._seal(notes), session_id)
            )

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

    def claim_session(self, session_id: int, owner: str) -> str | None:
        """Mark a session as open here; returns another owner if it is open elsewhere too
        (the one that opened it first).

        Owners are ``host:pid``; a claim left by a process that has died is ignored.
        """
        with self._transaction() as db:
            others = [
                row["owner"]
                for row in db.execute(
                    "SELECT owner FROM session_claims WHERE session_id = ? AND owner != ?"
                    " ORDER BY claimed",
                    (session_id, owner),
                )
            ]
            db.execute(
                "INSERT OR REPLACE INTO session_claims (session_id, owner, claimed)"
                " VALUES (?, ?, ?)",
                (session_id, owner, now()),
            )
        return next((other for other in others if _owner_alive(other)), None)

    def release_session(self, session_id: int, owner: str) -> None:
        with self._transaction() as db:
            db.execute(
                "DELETE FROM session_claims WHERE session_id = ? AND owner = ?", (session_id, owner)
            )

    def session(self, session_id: int) -> SessionRecord:
        row = self._db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no session with id {session_id}; 'coach sessions' lists them")
        answers = {
            r["field_id"]: self._unpack(r["value"])
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
            notes=self._open(row["notes"]),
            created=row["created"],
            updated=row["updated"],
            answers=answers,
        )

    def sessions(
        self, *, case_id: int | None = None, status: str | None = None, without_case: bool = False
    ) -> list[dict]:
        """Session summaries (no answers), newest first; ``without_case`` keeps those with none."""
        query = "SELECT id, case_id, flow_id, state, status, created, updated FROM sessions"
        clauses, params = [], []
        if without_case:
            clauses.append("case_id IS NULL")
        elif case_id is not None:
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
                    self._pack(answers),
                    stamp,
                ),
            )
            plan_id = int(cursor.lastrowid or 0)
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, 1, ?, ?)",
                (plan_id, self._seal(body), stamp),
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
            answers=self._unpack(row["answers"]),
            created=row["created"],
            revision=row["revision"],
            body=self._open(row["body"]),
            revised=row["revised"],
        )

    def plan_for_session(self, session_id: int) -> int | None:
        row = self._db.execute(
            "SELECT id FROM plans WHERE session_id = ? ORDER BY id DESC LIMIT 1", (session_id,)
        ).fetchone()
        return row["id"] if row else None

    def plans(self, *, case_id: int | None = None, without_case: bool = False) -> list[dict]:
        """Plan summaries, newest first: id, title, flow, case, created, revision.

        ``without_case`` lists only the plans made without a case.
        """
        if self._waiting_for_passphrase:  # titles carry names; nothing shows before unlocking
            raise StoreLocked("this store is locked; a passphrase is needed")
        query = """
            SELECT p.id, p.title, p.flow_id AS flow, c.name AS "case", p.created,
                   (SELECT MAX(revision) FROM plan_revisions WHERE plan_id = p.id) AS revision
            FROM plans p LEFT JOIN cases c ON c.id = p.case_id
        """
        params: list[Any] = []
        if without_case:
            query += " WHERE p.case_id IS NULL"
        elif case_id is not None:
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
                (plan_id, latest + 1, self._seal(body), now()),
            )
        return int(latest + 1)

    def revisions(self, plan_id: int) -> list[Revision]:
        rows = self._db.execute(
            "SELECT revision, body, created FROM plan_revisions"
            " WHERE plan_id = ? ORDER BY revision",
            (plan_id,),
        ).fetchall()
        return [Revision(r["revision"], self._open(r["body"]), r["created"]) for r in rows]

    def add_follow_up(self, plan_id: int, answers: dict[str, Any], body: str) -> int:
        """Keep a "how did it go" and the plan revision that shows it, in one transaction."""
        self.plan(plan_id)
        stamp = now()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO plan_follow_ups (plan_id, answers, created) VALUES (?, ?, ?)",
                (plan_id, self._pack(answers), stamp),
            )
            latest = db.execute(
                "SELECT MAX(revision) FROM plan_revisions WHERE plan_id = ?", (plan_id,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, ?, ?, ?)",
                (plan_id, latest + 1, self._seal(body), stamp),
            )
        return int(latest + 1)

    def follow_ups(self, plan_id: int) -> list[tuple[dict[str, Any], str]]:
        rows = self._db.execute(
            "SELECT answers, created FROM plan_follow_ups WHERE plan_id = ? ORDER BY id",
            (plan_id,),
        ).fetchall()
        return [(self._unpack(r["answers"]), r["created"]) for r in rows]

    def find_duplicate_plan(self, flow_id: str, created: str, body: str) -> int | None:
        """A plan of this flow, made at this moment, that has (or had) exactly this text.

        Bodies are compared after opening them, since a locked store seals each one afresh.
        """
        rows = self._db.execute(
            "SELECT p.id, r.body FROM plans p JOIN plan_revisions r ON r.plan_id = p.id"
            " WHERE p.flow_id = ? AND p.created = ? ORDER BY p.id",
            (flow_id, created),
        ).fetchall()
        return next((r["id"] for r in rows if self._open(r["body"]) == body), None)

    def import_plan(
        self,
        *,
        case_name: str | None,
        flow_id: str,
        flow_version: int,
        title: str,
        body: str,
        answers: dict[str, Any],
        created: str,
    ) -> ImportedPlan:
        """Add a plan from elsewhere in one transaction: find or create its case by name,
        and add nothing at all when the same plan is already here."""
        stamp = now()
        with self._transaction() as db:
            duplicate = self.find_duplicate_plan(flow_id, created, body)
            if duplicate is not None:
                return ImportedPlan(duplicate, None, duplicate=True)
            case_id: int | None = None
            new_case = False
            name = " ".join((case_name or "").split())
            if name:
                row = db.execute("SELECT id FROM cases WHERE name = ?", (name,)).fetchone()
                if row is None:  # SQLite's NOCASE folds only ASCII: Zoë and ZOË are one case
                    folded = name.casefold()
                    row = next(
                        (
                            r
                            for r in db.execute("SELECT id, name FROM cases ORDER BY id")
                            if r["name"].casefold() == folded
                        ),
                        None,
                    )
                if row is None:
                    cursor = db.execute(
                        "INSERT INTO cases (name, profile, created, updated) VALUES (?, ?, ?, ?)",
                        (name, self._pack({}), stamp, stamp),
                    )
                    case_id, new_case = int(cursor.lastrowid or 0), True
                else:
                    case_id = row["id"]
            cursor = db.execute(
                "INSERT INTO plans (session_id, case_id, flow_id, flow_version, title, answers,"
                " created) VALUES (NULL, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    flow_id,
                    flow_version,
                    title,
                    self._pack(answers),
                    created,
                ),
            )
            plan_id = int(cursor.lastrowid or 0)
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, 1, ?, ?)",
                (plan_id, self._seal(body), stamp),
            )
        return ImportedPlan(plan_id, case_id, new_case=new_case)

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
