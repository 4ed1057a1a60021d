"""Cases: the young people the adults plan for, and what earlier flows gathered about them."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from typing import Any

from coach.errors import CoachError, NotFoundError
from coach.plain_text import clean_text
from coach.records import Case
from coach.store.core import row_id
from coach.store.sealing import Sealing

MAX_CASE_NAME = 80


def case_name(typed: str) -> str:
    """A case name as it is kept: control characters and terminal escapes dropped (they would
    be printed raw in every list), spaces collapsed, and no longer than a name needs to be."""
    name = " ".join(clean_text(typed).split())
    if len(name) > MAX_CASE_NAME:
        raise CoachError(
            f"a case name of {len(name):,} characters is too long; use the young person's "
            f"first name or a nickname (up to {MAX_CASE_NAME} characters)"
        )
    return name


def case_named(
    db: sqlite3.Connection, open_name: Callable[[str], str], name: str, *, other_than: int = 0
) -> int | None:
    """The id of the case called ``name``, ignoring case in every alphabet (Zoë and ZOË are
    one case), or None. Names are compared once opened: a locked store seals each afresh, so
    SQL cannot compare them."""
    folded = name.casefold()
    for row in db.execute("SELECT id, name FROM cases ORDER BY id"):
        if row["id"] != other_than and open_name(row["name"]).casefold() == folded:
            return int(row["id"])
    return None


def _name_taken(name: str) -> CoachError:
    return CoachError(f"there is already a case called '{name}'; choose another name")


class CaseStore(Sealing):
    """The cases table. A locked store seals the name with the profile: a young person's name
    is what a file shared on one computer account must not show."""

    def create_case(self, name: str, profile: dict[str, Any] | None = None) -> Case:
        name = case_name(name)
        if not name:
            raise CoachError("a case needs a name: the young person's first name or a nickname")
        stamp = self._now()
        profile = {**(profile or {}), "name": name}
        with self._transaction() as db:
            if case_named(db, self._open, name) is not None:
                raise _name_taken(name)
            cursor = db.execute(
                "INSERT INTO cases (name, profile, created, updated, uuid) VALUES (?, ?, ?, ?, ?)",
                (self._seal(name), self._pack(profile), stamp, stamp, uuid.uuid4().hex),
            )
        return Case(int(cursor.lastrowid or 0), name, profile, stamp)

    def _case_from(self, row: sqlite3.Row) -> Case:
        name = self._open(row["name"])
        profile = self._unpack(row["profile"])
        profile["name"] = name
        return Case(row["id"], name, profile, row["created"])

    def case(self, case_id: int) -> Case:
        row = self._db.execute("SELECT * FROM cases WHERE id = ?", (row_id(case_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"no case with id {case_id}; 'coach cases' lists them")
        return self._case_from(row)

    def find_case(self, name_or_id: str) -> Case | None:
        """A case by id (digits) or by name, ignoring case; None when there is none."""
        text = name_or_id.strip()
        row = None
        if text.isdigit():
            row = self._db.execute(
                "SELECT * FROM cases WHERE id = ?", (row_id(int(text)),)
            ).fetchone()
        if row is None:
            found = case_named(self._db, self._open, text)
            if found is not None:
                return self.case(found)
        return self._case_from(row) if row else None

    def cases(self) -> list[Case]:
        """Every case, by name."""
        cases = [self._case_from(r) for r in self._db.execute("SELECT * FROM cases")]
        return sorted(cases, key=lambda case: (case.name.casefold(), case.id))

    def case_identity(self, case_id: int) -> tuple[str, int, str]:
        """What finds this case in any copy of the store: its stable id, and for copies made
        before cases had one, its row id and the moment it was made."""
        row = self._db.execute(
            "SELECT uuid, id, created FROM cases WHERE id = ?", (case_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no case with id {case_id}; 'coach cases' lists them")
        return row["uuid"], row["id"], row["created"]

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
        name = case_name(name)
        if not name:
            raise CoachError("a case needs a name")
        with self._transaction() as db:
            if case_named(db, self._open, name, other_than=case_id) is not None:
                raise _name_taken(name)
            db.execute(
                "UPDATE cases SET name = ?, updated = ? WHERE id = ?",
                (self._seal(name), self._now(), case_id),
            )
