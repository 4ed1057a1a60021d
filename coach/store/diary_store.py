"""The campaign on a case: diary entries about incidents (a correction adds a revision and
keeps the earlier ones) and weekly check-ins.

What a family wrote (the entry, the check-in) is one sealed JSON value in the shape of
``coach.campaign.record_data``; only what links rows (the case, the session a flow logged it
from, the plan made from it) and when each row was saved stay readable.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from coach.campaign.record_data import (
    check_in_data,
    check_in_from_data,
    incident_data,
    incident_from_data,
)
from coach.errors import NotFoundError
from coach.records import CheckIn, CheckInEntry, DiaryEntry, Incident, IncidentRevision
from coach.store.core import row_id
from coach.store.sealing import Sealing


class DiaryStore(Sealing):
    """Incidents with their revisions, and check-ins."""

    # --- the diary ----------------------------------------------------------------------

    def _pack_incident(self, incident: Incident) -> str:
        data = incident_data(incident)
        del data["plan_id"]  # kept on the entry's row, where deleting the plan clears it
        return self._pack(data)

    def add_incident(
        self,
        case_id: int,
        incident: Incident,
        *,
        session_id: int | None = None,
        saved: str | None = None,
    ) -> int:
        """Keep a new entry; one logged from a session that already has one is not added
        again (its id is returned), so a finish that is retried never logs it twice."""
        stamp = saved or self._now()
        with self._transaction() as db:
            if session_id is not None:
                found = self.incident_for_session(session_id)
                if found is not None:
                    return found
            cursor = db.execute(
                "INSERT INTO incidents (case_id, session_id, plan_id, created) VALUES (?, ?, ?, ?)",
                (case_id, session_id, incident.plan_id, stamp),
            )
            incident_id = int(cursor.lastrowid or 0)
            db.execute(
                "INSERT INTO incident_revisions (incident_id, number, saved, entry)"
                " VALUES (?, 1, ?, ?)",
                (incident_id, stamp, self._pack_incident(incident)),
            )
        return incident_id

    def incident_for_session(self, session_id: int) -> int | None:
        row = self._db.execute(
            "SELECT id FROM incidents WHERE session_id = ?", (session_id,)
        ).fetchone()
        return row["id"] if row else None

    def correct_incident(self, incident_id: int, incident: Incident) -> DiaryEntry:
        """Keep a corrected entry as a new revision (nothing is added when nothing differs);
        the link to its plan stays as it was."""
        entry = self.diary_entry(incident_id)
        corrected = entry.corrected(
            replace(incident, plan_id=entry.incident.plan_id), datetime.fromisoformat(self._now())
        )
        if corrected is entry:
            return entry
        newest = corrected.revisions[-1]
        with self._transaction() as db:
            db.execute(
                "INSERT INTO incident_revisions (incident_id, number, saved, entry)"
                " VALUES (?, ?, ?, ?)",
                (
                    incident_id,
                    newest.number,
                    newest.saved.isoformat(),
                    self._pack_incident(newest.incident),
                ),
            )
        return corrected

    def diary_entry(self, incident_id: int) -> DiaryEntry:
        entries = self._entries("i.id = ?", (row_id(incident_id),))
        if not entries:
            raise NotFoundError(
                f"no diary entry with id {incident_id}; 'coach progress --case NAME' counts them"
            )
        return entries[0]

    def diary_entries(self, incident_ids: list[int]) -> list[DiaryEntry]:
        """These entries (those that exist), with all their revisions."""
        marks = ", ".join("?" for _ in incident_ids)
        return self._entries(f"i.id IN ({marks})", tuple(row_id(i) for i in incident_ids))

    def incident_moments(self, case_id: int) -> list[tuple[int, date, time | None]]:
        """When each entry of a case happened (as its newest version says), without reading
        the rest of it: the timeline places every entry, and words only those it shows."""
        # Plain entries give their day and time in SQLite itself (about a tenth of the time of
        # decoding each in Python, which a five-year diary felt); sealed ones are opened here.
        rows = self._db.execute(
            "SELECT i.id, CASE WHEN json_valid(r.entry) THEN json_extract(r.entry, '$.day') END,"
            " CASE WHEN json_valid(r.entry) THEN json_extract(r.entry, '$.at') END,"
            " CASE WHEN json_valid(r.entry) THEN NULL ELSE r.entry END"
            " FROM incidents i JOIN incident_revisions r"
            " ON r.incident_id = i.id AND r.number = ("
            "   SELECT MAX(number) FROM incident_revisions WHERE incident_id = i.id)"
            " WHERE i.case_id = ?",
            (case_id,),
        ).fetchall()
        moments = []
        for entry_id, day, at, sealed in rows:
            if sealed is not None:
                data = self._unpack(sealed)
                day, at = data["day"], data.get("at")
            moments.append(
                (entry_id, date.fromisoformat(day), time.fromisoformat(at) if at else None)
            )
        return moments

    def diary(self, case_id: int) -> list[DiaryEntry]:
        """Every entry of a case with all its revisions, in the order they were logged."""
        return self._entries("i.case_id = ?", (case_id,))

    _ENTRY_QUERY = (
        "SELECT i.id, i.case_id, i.session_id, i.plan_id, r.number, r.saved, r.entry"
        " FROM incidents i JOIN incident_revisions r ON r.incident_id = i.id"
    )

    def _entries(self, where: str, params: tuple[Any, ...]) -> list[DiaryEntry]:
        """Entries matching ``where`` (one of this module's fixed clauses). Read in one pass,
        as plain tuples: a timeline of years of daily entries reads them all."""
        query = f"{self._ENTRY_QUERY} WHERE {where} ORDER BY i.id, r.number"
        rows = [tuple(row) for row in self._db.execute(query, params)]
        entries: list[DiaryEntry] = []
        revisions: list[IncidentRevision] = []
        last = len(rows) - 1
        for n, (entry_id, case_id, session_id, plan_id, number, saved, text) in enumerate(rows):
            incident = incident_from_data(self._unpack(text), plan_id)
            revisions.append(IncidentRevision(number, datetime.fromisoformat(saved), incident))
            if n == last or rows[n + 1][0] != entry_id:
                entries.append(DiaryEntry(entry_id, case_id, tuple(revisions), session_id))
                revisions = []
        return entries

    def delete_incident(self, incident_id: int) -> None:
        self.diary_entry(incident_id)
        with self._transaction() as db:
            db.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))

    # --- check-ins ----------------------------------------------------------------------

    def add_check_in(
        self,
        case_id: int,
        check_in: CheckIn,
        *,
        session_id: int | None = None,
        saved: str | None = None,
    ) -> int:
        """Keep a check-in; one from a session that already recorded one is not added again."""
        stamp = saved or self._now()
        with self._transaction() as db:
            if session_id is not None:
                found = self.check_in_for_session(session_id)
                if found is not None:
                    return found
            cursor = db.execute(
                "INSERT INTO check_ins (case_id, session_id, saved, data) VALUES (?, ?, ?, ?)",
                (case_id, session_id, stamp, self._pack(check_in_data(check_in))),
            )
        return int(cursor.lastrowid or 0)

    def check_in_for_session(self, session_id: int) -> int | None:
        row = self._db.execute(
            "SELECT id FROM check_ins WHERE session_id = ?", (session_id,)
        ).fetchone()
        return row["id"] if row else None

    def check_in_entry(self, check_in_id: int) -> CheckInEntry:
        found = self._check_ins("id = ?", (row_id(check_in_id),))
        if not found:
            raise NotFoundError(f"no check-in with id {check_in_id}")
        return found[0]

    def check_ins(self, case_id: int) -> list[CheckInEntry]:
        """Every check-in of a case, in the order they were recorded."""
        return self._check_ins("case_id = ?", (case_id,))

    def _check_ins(self, where: str, params: tuple[Any, ...]) -> list[CheckInEntry]:
        """Check-ins matching ``where`` (one of this module's fixed clauses)."""
        query = f"SELECT * FROM check_ins WHERE {where} ORDER BY id"  # noqa: S608
        rows = self._db.execute(query, params).fetchall()
        return [self._check_in_from(row) for row in rows]

    def _check_in_from(self, row: sqlite3.Row) -> CheckInEntry:
        check_in = check_in_from_data(self._unpack(row["data"]))
        return CheckInEntry(
            row["id"],
            row["case_id"],
            check_in,
            datetime.fromisoformat(row["saved"]),
            row["session_id"],
        )

    def delete_check_in(self, check_in_id: int) -> None:
        self.check_in_entry(check_in_id)
        with self._transaction() as db:
            db.execute("DELETE FROM check_ins WHERE id = ?", (check_in_id,))

    # --- imports ------------------------------------------------------------------------

    def has_entry(self, case_id: int, first: tuple[str, Incident]) -> bool:
        """Whether the case has an entry first saved at this moment as this incident: an
        import of the same diary twice adds nothing."""
        saved, incident = first
        wanted = replace(incident, plan_id=None)
        return any(
            replace(entry.revisions[0].incident, plan_id=None) == wanted
            for entry in self._entries("i.case_id = ? AND i.created = ?", (case_id, saved))
        )

    def has_check_in(self, case_id: int, saved: str, check_in: CheckIn) -> bool:
        return any(
            entry.check_in == check_in
            for entry in self._check_ins("case_id = ? AND saved = ?", (case_id, saved))
        )

    def add_history(
        self, case_id: int, history: list[tuple[str, Incident]], plan_id: int | None
    ) -> int:
        """An entry brought in from elsewhere with all its revisions (oldest first)."""
        first_saved, first = history[0]
        with self._transaction() as db:
            incident_id = self.add_incident(
                case_id, replace(first, plan_id=plan_id), saved=first_saved
            )
            for number, (saved, incident) in enumerate(history[1:], start=2):
                db.execute(
                    "INSERT INTO incident_revisions (incident_id, number, saved, entry)"
                    " VALUES (?, ?, ?, ?)",
                    (incident_id, number, saved, self._pack_incident(incident)),
                )
        return incident_id
