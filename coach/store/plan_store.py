"""Plans: each with its revisions (an edit adds one, none is lost) and its follow-ups, and
plans imported from elsewhere."""

from __future__ import annotations

import uuid
from typing import Any

from coach.errors import NotFoundError, StoreLocked
from coach.records import FollowUp, ImportedPlan, PlanEvent, PlanRecord, PlanSummary, Revision
from coach.store.case_store import case_name as clean_case_name
from coach.store.case_store import case_named
from coach.store.core import row_id
from coach.store.sealing import Sealing


class PlanStore(Sealing):
    """Plans, their revisions and follow-ups."""

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
        stamp = created or self._now()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO plans (session_id, case_id, flow_id, flow_version, title, answers,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    case_id,
                    flow_id,
                    flow_version,
                    self._seal(title),
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
        row = self._db.execute(self._PLAN_QUERY + " WHERE p.id = ?", (row_id(plan_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"no plan with id {plan_id}; 'coach plans' lists them")
        return PlanRecord(
            id=row["id"],
            session_id=row["session_id"],
            case_id=row["case_id"],
            case_name=self._open_name(row["case_name"]),
            flow_id=row["flow_id"],
            flow_version=row["flow_version"],
            title=self._open(row["title"]),
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

    def plans(self, *, case_id: int | None = None, without_case: bool = False) -> list[PlanSummary]:
        """Plan summaries, newest first.

        ``without_case`` lists only the plans made without a case.
        """
        if self._waiting_for_passphrase:  # titles carry names; nothing shows before unlocking
            raise StoreLocked("this store is locked; a passphrase is needed")
        query = """
            SELECT p.id, p.title, p.flow_id, p.case_id, c.name AS case_name, p.created,
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
        return [
            PlanSummary(
                id=r["id"],
                title=self._open(r["title"]),
                flow_id=r["flow_id"],
                case_id=r["case_id"],
                case_name=self._open_name(r["case_name"]),
                created=r["created"],
                revision=r["revision"],
            )
            for r in self._db.execute(query, params)
        ]

    def _open_name(self, sealed: str | None) -> str | None:
        """A case's name from a join (None for a plan made without a case)."""
        return None if sealed is None else self._open(sealed)

    def add_revision(self, plan_id: int, body: str) -> int:
        self.plan(plan_id)
        with self._transaction() as db:
            latest = db.execute(
                "SELECT MAX(revision) FROM plan_revisions WHERE plan_id = ?", (plan_id,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, ?, ?, ?)",
                (plan_id, latest + 1, self._seal(body), self._now()),
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
        stamp = self._now()
        with self._transaction() as db:
            latest = db.execute(
                "SELECT MAX(revision) FROM plan_revisions WHERE plan_id = ?", (plan_id,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO plan_follow_ups (plan_id, answers, created, revision)"
                " VALUES (?, ?, ?, ?)",
                (plan_id, self._pack(answers), stamp, latest + 1),
            )
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, ?, ?, ?)",
                (plan_id, latest + 1, self._seal(body), stamp),
            )
        return int(latest + 1)

    def follow_ups(self, plan_id: int) -> list[FollowUp]:
        rows = self._db.execute(
            "SELECT answers, created FROM plan_follow_ups WHERE plan_id = ? ORDER BY id",
            (plan_id,),
        ).fetchall()
        return [FollowUp(self._unpack(r["answers"]), r["created"]) for r in rows]

    def plan_events(self, case_id: int) -> list[PlanEvent]:
        """A case's plans made, revised and followed up, oldest first. The revision a
        follow-up adds is its follow-up, not a second event."""
        rows = self._db.execute(
            """
            SELECT p.id, p.title, p.flow_id, 'made' AS kind, 1 AS revision, p.created AS at
            FROM plans p WHERE p.case_id = :case
            UNION ALL
            SELECT p.id, p.title, p.flow_id, 'revised', r.revision, r.created
            FROM plan_revisions r JOIN plans p ON p.id = r.plan_id
            WHERE p.case_id = :case AND r.revision > 1 AND NOT EXISTS (
                SELECT 1 FROM plan_follow_ups f WHERE f.plan_id = p.id AND f.revision = r.revision
            )
            UNION ALL
            SELECT p.id, p.title, p.flow_id, 'followed_up', 0, f.created
            FROM plan_follow_ups f JOIN plans p ON p.id = f.plan_id
            WHERE p.case_id = :case
            ORDER BY at, id
            """,
            {"case": case_id},
        ).fetchall()
        return [PlanEvent(r[0], self._open(r[1]), *r[2:]) for r in rows]

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
        stamp = self._now()
        with self._transaction() as db:
            duplicate = self.find_duplicate_plan(flow_id, created, body)
            if duplicate is not None:
                return ImportedPlan(duplicate, None, duplicate=True)
            case_id, new_case = self.case_for_import(case_name or "")
            cursor = db.execute(
                "INSERT INTO plans (session_id, case_id, flow_id, flow_version, title, answers,"
                " created) VALUES (NULL, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    flow_id,
                    flow_version,
                    self._seal(title),
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

    def case_for_import(self, typed_name: str) -> tuple[int | None, bool]:
        """The case an import names, made if there is none (inside the caller's transaction):
        its id (None when no name is given), and whether it is new."""
        name = clean_case_name(typed_name)
        if not name:
            return None, False
        db = self._db
        found = case_named(db, self._open, name)
        if found is not None:
            return found, False
        stamp = self._now()
        cursor = db.execute(
            "INSERT INTO cases (name, profile, created, updated, uuid) VALUES (?, ?, ?, ?, ?)",
            (self._seal(name), self._pack({}), stamp, stamp, uuid.uuid4().hex),
        )
        return int(cursor.lastrowid or 0), True

    def delete_plan(self, plan_id: int) -> None:
        self.plan(plan_id)
        with self._transaction() as db:
            db.execute("DELETE FROM plans WHERE id = ?", (plan_id,))
