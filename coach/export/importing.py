"""`coach import FILE`: take back a plan (or a whole case, see ``coach.export.case_json``)
exported as JSON, checked before anything is stored.

Every check runs before the store is touched (``read_plan_file``), and the store adds the
case (if new) and the plan in one transaction, so a file that fails any check changes
nothing. The same plan imported twice (same flow, created stamp and text) is found and
nothing is added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError, NotFoundError
from coach.export.plan_json import FORMAT, VERSION
from coach.fields import InvalidAnswer, normalise
from coach.flowformat.catalogue import Catalogue
from coach.plain_text import clean_text
from coach.user_files import FileTooLarge, NotARegularFile, read_limited

if TYPE_CHECKING:
    from coach.export.case_json import CaseImport

MAX_BYTES = 5_000_000
MAX_MARKDOWN = 500_000
TOP_KEYS = {"format", "version", "flow", "case", "plan", "answers"}


@dataclass(frozen=True)
class PlanImport:
    """A checked plan, ready to store."""

    flow_id: str
    flow_version: int
    case_name: str | None
    title: str
    created: str
    markdown: str
    answers: dict[str, Any]


class ImportProblem(CoachError):
    """The file cannot be imported; the message names the file and what is wrong."""


def read_export_file(path: Path) -> Any:
    """The JSON in an exported file; ImportProblem says in one line why it cannot be read."""

    def problem(what: str) -> ImportProblem:
        return ImportProblem(f"{path}: {what}; nothing was imported")

    try:
        raw = read_limited(path, MAX_BYTES)
    except FileTooLarge as exc:
        raise problem(f"too large to be an export ({exc.size:,} bytes or more)") from None
    except NotARegularFile:
        raise problem(
            "not a regular file (a device, pipe or socket); give the exported .json file"
        ) from None
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportProblem(f"{path} is a folder; give the exported .json file") from None
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise problem("not a text file; expected a plan exported as JSON") from None
    if not text.strip():
        raise problem("the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise problem(
            f"damaged JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        ) from None
    except RecursionError:
        raise problem("damaged JSON (nested too deeply)") from None
    except ValueError:  # an integer of thousands of digits
        raise problem("damaged JSON (a number far too long)") from None


def check_document(path: Path, doc: Any, catalogue: Catalogue) -> PlanImport:
    """Check an exported plan against the format and the flow it was made with."""

    def problem(what: str) -> ImportProblem:
        return ImportProblem(f"{path}: {what}; nothing was imported")

    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise problem(f'not an NVR Coach plan (expected "format": "{FORMAT}")')
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ImportProblem(
            f"{path} is a version {version} plan export from a newer NVR Coach; this one reads "
            f"version {VERSION}. Update the coach to import it; nothing was changed"
        )
    if version != VERSION or isinstance(version, bool):
        raise problem(f"unknown plan export version {version!r} (this coach reads {VERSION})")
    extra = sorted(str(k) for k in doc if k not in TOP_KEYS)
    if extra:
        raise problem(f"unexpected key {extra[0]!r} (a version {VERSION} export has no such key)")
    flow_doc, plan_doc, case_doc = doc.get("flow"), doc.get("plan"), doc.get("case")
    if not isinstance(flow_doc, dict) or not isinstance(flow_doc.get("id"), str):
        raise problem('"flow" should hold the flow\'s "id" and "version"')
    flow_version = flow_doc.get("version")
    if not isinstance(flow_version, int) or isinstance(flow_version, bool) or flow_version < 1:
        raise problem('"flow" "version" should be a whole number of at least 1')
    try:
        flow = catalogue.get(flow_doc["id"])
    except NotFoundError as exc:
        raise problem(f"the plan was made with a flow this coach does not have ({exc})") from None
    if not isinstance(plan_doc, dict):
        raise problem('"plan" should hold "title", "created" and "markdown"')
    title, created, markdown = (plan_doc.get(k) for k in ("title", "created", "markdown"))
    if not isinstance(title, str) or not title.strip():
        raise problem('"plan" "title" should be text')
    if not isinstance(markdown, str) or not markdown.strip():
        raise problem('"plan" "markdown" should be the plan\'s text')
    if len(markdown) > MAX_MARKDOWN:
        raise problem(f"the plan's text is longer than {MAX_MARKDOWN:,} characters")
    if not isinstance(created, str):
        raise problem('"plan" "created" should be a date and time, e.g. 2026-11-27T10:00:00+00:00')
    try:
        made = datetime.fromisoformat(created)
    except ValueError:
        raise problem(f'"plan" "created" is not a date and time: {created!r}') from None
    case_name: str | None = None
    if case_doc is not None:
        if not isinstance(case_doc, dict) or not isinstance(case_doc.get("name"), str):
            raise problem('"case" should be null or hold the case\'s "name"')
        case_name = " ".join(clean_text(case_doc["name"]).split()) or None
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise problem('"answers" should map field ids to answers')
    unknown = sorted(str(k) for k in answers if k not in flow.fields)
    if unknown:
        raise problem(f"answer '{unknown[0]}' is not a field of flow '{flow.id}'")
    checked: dict[str, Any] = {}
    for field_id, value in answers.items():
        try:
            stored = normalise(flow.fields[field_id], value, today=made.date())
        except InvalidAnswer as exc:
            raise problem(f"answer '{field_id}' does not fit flow '{flow.id}': {exc}") from None
        if stored is not None:
            checked[field_id] = stored
    return PlanImport(
        flow_id=flow.id,
        flow_version=flow_version,
        case_name=case_name,
        title=" ".join(clean_text(title).split()),
        created=created,
        markdown=clean_text(markdown),
        answers=checked,
    )


def read_plan_file(path: Path, catalogue: Catalogue) -> PlanImport:
    """The plan in an exported JSON file, checked in full; ImportProblem names what is wrong."""
    return check_document(path, read_export_file(path), catalogue)


def read_import_file(path: Path, catalogue: Catalogue) -> PlanImport | CaseImport:
    """A plan export or a whole case's export, checked in full before anything is stored."""
    from coach.export.case_json import FORMAT as CASE_FORMAT
    from coach.export.case_json import check_case_document

    doc = read_export_file(path)
    if isinstance(doc, dict) and doc.get("format") == CASE_FORMAT:
        return check_case_document(path, doc, catalogue)
    return check_document(path, doc, catalogue)
