"""Cases: the young people the adults plan for, and what earlier flows gathered about them."""

from __future__ import annotations

import sqlite3
from typing import Any

from coach.errors import CoachError, NotFoundError
from coach.records import Case
from coach.store.sealing import Sealing


class CaseStore(Sealing):
    """The cases table; a profile is sealed, a name is not (the lists show it)."""

    def create_case(self, name: str, profile: dict[str, Any] | None = None) -> Case:
        name = " ".join(name.split())
        if not name:
            raise CoachError("a case needs a name: the young person's first name or a nickname")
        stamp = self._now()
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
                (self._pack(stored), self._now(), case_id),
            )

    def rename_case(self, case_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise CoachError("a case needs a name")
        try:
            with self._transaction() as db:
                db.execute(
                    "UPDATE cases SET name = ?, updated = ? WHERE id = ?",
                    (name, self._now(), case_id),
                )
        except sqlite3.IntegrityError:
            raise CoachError(
                f"there is already a case called '{name}'; choose another name"
            ) from None
