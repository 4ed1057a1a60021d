"""A whole case as versioned JSON: its plans, its diary (every entry with all its revisions)
and its check-ins. ``coach export --case NAME --format json`` writes it and ``coach import``
reads it back.

Each plan is a plan export as ``coach.export.plan_json`` writes it, so it is checked the
same way; an entry names the plan made from it by that plan's place in ``plans``. Reading
checks everything before anything is stored, and a file with any problem is refused in one
line that names the first problem and how many more there are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.campaign.record_data import check_in_data, incident_data
from coach.export.importing import ImportProblem, PlanImport, check_document
from coach.export.plan_json import plan_document
from coach.flowformat.catalogue import Catalogue
from coach.plain_text import clean_text
from coach.records import Case, CheckIn, CheckInEntry, DiaryEntry, Incident, PlanRecord

FORMAT = "nvr-coach-case"
VERSION = 1
TOP_KEYS = {"format", "version", "case", "plans", "incidents", "check_ins"}


def case_document(
    case: Case,
    plans: list[PlanRecord],
    diary: list[DiaryEntry],
    check_ins: list[CheckInEntry],
) -> dict[str, Any]:
    place = {plan.id: n for n, plan in enumerate(plans)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "case": {"name": case.name},
        "plans": [plan_document(plan) for plan in plans],
        "incidents": [
            {
                "plan": place.get(entry.incident.plan_id) if entry.incident.plan_id else None,
                "revisions": [
                    {
                        "saved": revision.saved.isoformat(),
                        "entry": {
                            k: v
                            for k, v in incident_data(revision.incident).items()
                            if k != "plan_id"
                        },
                    }
                    for revision in entry.revisions
                ],
            }
            for entry in diary
        ],
        "check_ins": [
            {"saved": entry.saved.isoformat(), "check_in": check_in_data(entry.check_in)}
            for entry in check_ins
        ],
    }


def case_json(
    case: Case, plans: list[PlanRecord], diary: list[DiaryEntry], check_ins: list[CheckInEntry]
) -> bytes:
    document = case_document(case, plans, diary, check_ins)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


@dataclass(frozen=True)
class EntryImport:
    """A diary entry to add: its revisions (when saved, and the entry), oldest first, and the
    place in ``plans`` of the plan made from it."""

    revisions: list[tuple[str, Incident]]
    plan: int | None = None


@dataclass(frozen=True)
class CaseImport:
    """A checked case export, ready to store."""

    case_name: str
    plans: list[PlanImport] = field(default_factory=list)
    incidents: list[EntryImport] = field(default_factory=list)
    check_ins: list[tuple[str, CheckIn]] = field(default_factory=list)


def _stamp(value: Any) -> str | None:
    from datetime import datetime

    if not isinstance(value, str):
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def _list(doc: dict[str, Any], key: str, problems: list[str]) -> list[Any]:
    found = doc.get(key, [])
    if not isinstance(found, list):
        problems.append(f'"{key}" should be a list')
        return []
    return found


def check_case_document(path: Path, doc: dict[str, Any], catalogue: Catalogue) -> CaseImport:
    """Check a case export in full; ImportProblem names the first problem in one line."""
    from coach.campaign.interchange import DataInvalid, read_check_ins, read_incidents

    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ImportProblem(
            f"{path} is a version {version} case export from a newer NVR Coach; this one reads "
            f"version {VERSION}. Update the coach to import it; nothing was changed"
        )
    problems: list[str] = []
    if version != VERSION or isinstance(version, bool):
        problems.append(f"unknown case export version {version!r} (this coach reads {VERSION})")
    problems += [f"unexpected key {str(k)!r}" for k in sorted(map(str, doc)) if k not in TOP_KEYS]
    case_doc = doc.get("case")
    name = ""
    if isinstance(case_doc, dict) and isinstance(case_doc.get("name"), str):
        name = " ".join(clean_text(case_doc["name"]).split())
    if not name:
        problems.append('"case" should hold the case\'s "name"')
    plans: list[PlanImport] = []
    for n, plan_doc in enumerate(_list(doc, "plans", problems)):
        try:
            plans.append(check_document(path, plan_doc, catalogue))
        except ImportProblem as exc:
            reason = str(exc).removeprefix(f"{path}: ").removesuffix("; nothing was imported")
            problems.append(f"plans[{n + 1}]: {reason}")
    incidents: list[EntryImport] = []
    for n, item in enumerate(_list(doc, "incidents", problems)):
        where = f"incidents[{n + 1}]"
        revisions = item.get("revisions") if isinstance(item, dict) else None
        if not isinstance(revisions, list) or not revisions:
            problems.append(f'{where} should hold its "revisions", oldest first')
            continue
        plan = item.get("plan")
        if plan is not None and not (
            isinstance(plan, int) and not isinstance(plan, bool) and 0 <= plan < len(plans)
        ):
            problems.append(f'{where}.plan should be the place of a plan in "plans", or null')
            plan = None
        history: list[tuple[str, Incident]] = []
        for m, revision in enumerate(revisions):
            at = f"{where}.revisions[{m + 1}]"
            saved = _stamp(revision.get("saved")) if isinstance(revision, dict) else None
            if saved is None:
                problems.append(f"{at}.saved should be a date and time")
                continue
            try:
                history.append((saved, read_incidents([revision.get("entry")])[0]))
            except DataInvalid as exc:
                problems += [p.replace("incidents[1]", f"{at}.entry", 1) for p in exc.problems]
        if len(history) == len(revisions):
            incidents.append(EntryImport(history, plan))
    check_ins: list[tuple[str, CheckIn]] = []
    for n, item in enumerate(_list(doc, "check_ins", problems)):
        where = f"check_ins[{n + 1}]"
        saved = _stamp(item.get("saved")) if isinstance(item, dict) else None
        if saved is None:
            problems.append(f"{where}.saved should be a date and time")
            continue
        try:
            check_ins.append((saved, read_check_ins([item.get("check_in")])[0]))
        except DataInvalid as exc:
            problems += [p.replace("check_ins[1]", f"{where}.check_in", 1) for p in exc.problems]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ImportProblem(f"{path}: {problems[0]}{more}; nothing was imported")
    return CaseImport(name, plans, incidents, check_ins)
