"""Sessions: where each one stands, its answers (each committed as it is given), its notes and
events, and which windows have it open (claims)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from typing import Any

from coach.errors import CoachError, NotFoundError
from coach.records import SessionEvent, SessionRecord, SessionSummary
from coach.store.core import row_id
from coach.store.sealing import Sealing
from coach.vault import OPAQUE_PREFIX


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


class SessionStore(Sealing):
    """Sessions, their answers, events and claims."""

    def create_session(
        self, flow_id: str, flow_version: int, case_id: int | None, state: str
    ) -> int:
        stamp = self._now()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (case_id, flow_id, flow_version, state, history, created,"
                " updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (case_id, flow_id, flow_version, self._seal(state), self._pack([]), stamp, stamp),
            )
        return int(cursor.lastrowid or 0)

    def save_answer(self, session_id: int, field_id: str, value: Any) -> None:
        """Commit one answer now (None clears it): a crash a moment later loses nothing."""
        stamp = self._now()
        with self._transaction() as db:
            if value is None:
                self._forget_field(db, "answers", session_id, field_id)
            else:
                self._forget_older_row(db, "answers", session_id, field_id)
                key, stored = self._keyed_row(
                    session_id, field_id, json.dumps(value, ensure_ascii=False)
                )
                db.execute(
                    "INSERT INTO answers (session_id, field_id, value, answered)"
                    " VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (session_id, field_id) DO UPDATE SET value = excluded.value,"
                    " answered = excluded.answered",
                    (session_id, key, stored, stamp),
                )
            db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (stamp, session_id))

    def _forget_field(
        self, db: sqlite3.Connection, table: str, session_id: int, field_id: str
    ) -> None:
        """Remove this question's row (and the one an older lock left)."""
        self._forget_older_row(db, table, session_id, field_id)
        db.execute(
            f"DELETE FROM {table} WHERE session_id = ? AND field_id = ?",  # noqa: S608
            (session_id, self._row_key(session_id, field_id)),
        )

    def _forget_older_row(
        self, db: sqlite3.Connection, table: str, session_id: int, field_id: str
    ) -> None:
        """Under a passphrase, the row a store locked by an older version keyed by the
        question's id, before it is sealed whole."""
        if self._row_key(session_id, field_id) != field_id:
            db.execute(
                f"DELETE FROM {table} WHERE session_id = ? AND field_id = ?",  # noqa: S608
                (session_id, field_id),
            )

    def _keyed_rows(self, table: str, column: str, session_id: int) -> dict[str, str]:
        """Question id to plain value, for one session; a row under an opaque key wins over one
        under the id that an older lock left."""
        rows = self._db.execute(
            f"SELECT field_id, {column} FROM {table} WHERE session_id = ?",  # noqa: S608
            (session_id,),
        ).fetchall()
        rows.sort(key=lambda row: row[0].startswith(OPAQUE_PREFIX))
        return dict(self._field_and_text(key, stored) for key, stored in rows)

    def save_position(
        self, session_id: int, state: str, history: list[str], status: str = "active"
    ) -> None:
        """Where a session stands (sealed) and its status: 'active' while in progress, at a
        safety stop too, so that the file does not say a stop was reached."""
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET state = ?, history = ?, status = ?, updated = ? WHERE id = ?",
                (self._seal(state), self._pack(history), status, self._now(), session_id),
            )

    def abandon_session(self, session_id: int) -> None:
        """Set a session aside: it no longer shows as in progress, and its answers stay."""
        record = self.session(session_id)
        if record.status == "finished":
            raise CoachError(f"session {session_id} has finished; delete its plan instead")
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET status = 'abandoned', updated = ? WHERE id = ?",
                (self._now(), session_id),
            )

    def save_notes(self, session_id: int, notes: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET notes = ? WHERE id = ?", (self._seal(notes), session_id)
            )

    def record_event(self, session_id: int, kind: str, detail: str = "") -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO session_events (session_id, kind, detail, at) VALUES (?, ?, ?, ?)",
                (session_id, self._seal(kind), self._seal(detail), self._now()),
            )

    def events(self, session_id: int) -> list[SessionEvent]:
        rows = self._db.execute(
            "SELECT kind, detail, at FROM session_events WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        return [SessionEvent(self._open(r["kind"]), self._open(r["detail"]), r["at"]) for r in rows]

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
                (session_id, owner, self._now()),
            )
        return next((other for other in others if _owner_alive(other)), None)

    def release_session(self, session_id: int, owner: str) -> None:
        with self._transaction() as db:
            db.execute(
                "DELETE FROM session_claims WHERE session_id = ? AND owner = ?", (session_id, owner)
            )

    def session(self, session_id: int) -> SessionRecord:
        row = self._db.execute(
            "SELECT * FROM sessions WHERE id = ?", (row_id(session_id),)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no session with id {session_id}; 'coach sessions' lists them")
        answers = {
            field_id: json.loads(plain)
            for field_id, plain in self._keyed_rows("answers", "value", session_id).items()
        }
        return SessionRecord(
            id=row["id"],
            case_id=row["case_id"],
            flow_id=row["flow_id"],
            flow_version=row["flow_version"],
            state=self._open(row["state"]),
            history=self._unpack(row["history"]),
            status=row["status"],
            notes=self._open(row["notes"]),
            created=row["created"],
            updated=row["updated"],
            answers=answers,
        )

    def sessions(
        self, *, case_id: int | None = None, status: str | None = None, without_case: bool = False
    ) -> list[SessionSummary]:
        """Session summaries (no answers), newest first; ``without_case`` keeps those with none."""
        query = "SELECT id, case_id, flow_id, state, status, created, updated FROM sessions"
        clauses: list[str] = []
        params: list[object] = []
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
        return [
            SessionSummary(**{**dict(r), "state": self._open(r["state"])})
            for r in self._db.execute(query, params)
        ]

    def save_draft(self, session_id: int, field_id: str, text: str) -> None:
        """Keep text typed into an answer box but not yet sent (an empty text drops it), so a
        closed window or a crash gives it back on resume."""
        with self._transaction() as db:
            if not text.strip():
                self._forget_field(db, "session_drafts", session_id, field_id)
                return
            self._forget_older_row(db, "session_drafts", session_id, field_id)
            key, stored = self._keyed_row(session_id, field_id, text)
            db.execute(
                "INSERT INTO session_drafts (session_id, field_id, text, saved) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (session_id, field_id) DO UPDATE SET text = excluded.text,"
                " saved = excluded.saved",
                (session_id, key, stored, self._now()),
            )

    def drafts(self, session_id: int) -> dict[str, str]:
        return self._keyed_rows("session_drafts", "text", session_id)
