"""Helpers for the export tests: real plans made through `coach run`, and hostile answers."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import yaml

from coach.records import PlanRecord
from coach.yamlio import read_yaml
from tests.conftest import ANSWERS

NAME = "Zoë Łukasz-Δημήτρης Дмитрий"
NAMES = ["Zoë", "Łukasz", "Siobhán", "Δημήτρης", "Дмитрий"]

SCRIPT = "<script>alert(1)</script>"
STYLE_END = "</style>"
TEMPLATE = "{{ 7*7 }}"
LINK = "[x](javascript:alert(1))"
ESCAPES = ("\x1b[31m", "\x1b]52;c;SGVsbG8=\x07")

# Every answer a caregiver (or a mischievous file) might type that must stay plain text.
HOSTILE = {
    "what_happened": f"{SCRIPT} Sam kicked the door {STYLE_END} and said {TEMPLATE}",
    "where": f"{LINK} on the landing",
    "who_was_there": "Zoë, Łukasz, Siobhán, Δημήτρης and Дмитрий",
    "lead_up": f"{ESCAPES[0]}A hard day{ESCAPES[1]} at school for Siobhán",
    "later_support": f"{SCRIPT} Siobhán and Дмитрий {LINK} {TEMPLATE} {ESCAPES[0]}",
    "recovery": "![pic](http://example.com/track.png) <img src=x onerror=alert(1)> a walk",
}
# The same answers as they are stored: terminal sequences removed by coach.fields.clean_text.
HOSTILE_STORED = {
    key: value.replace(ESCAPES[0], "").replace(ESCAPES[1], "").strip()
    for key, value in HOSTILE.items()
}


def answers_file(folder: Path, name: str = "answers.yaml", **changes: Any) -> Path:
    """The de-escalation answers with ``changes`` applied (None removes an answer)."""
    answers = dict(read_yaml(ANSWERS / "de_escalation.yaml").data)
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    path = folder / name
    path.write_text(yaml.safe_dump(answers, allow_unicode=True))
    return path


def make_plan(cli: Any, folder: Path, case: str | None = NAME, **changes: Any) -> int:
    """Run the de-escalation flow to its plan; returns the plan id."""
    path = answers_file(folder, f"answers-{len(list(folder.glob('answers-*')))}.yaml", **changes)
    args = ["run", "de_escalation", "--answers", path, "--json"]
    if case is not None:
        args += ["--case", case]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    plan_id = json.loads(result.stdout)["plan_id"]
    assert plan_id
    return plan_id


def record(
    body: str,
    *,
    flow_id: str = "de_escalation",
    title: str = "A plan",
    answers: dict[str, Any] | None = None,
    created: str = "2026-11-27T10:00:00+00:00",
    plan_id: int = 1,
) -> PlanRecord:
    return PlanRecord(
        id=plan_id,
        session_id=None,
        case_id=None,
        case_name=None,
        flow_id=flow_id,
        flow_version=1,
        title=title,
        answers=answers or {},
        created=created,
        revision=1,
        body=body,
        revised=created,
    )


def counts(home: Path) -> dict[str, int]:
    """Rows in every table of the store, to show that a failed command changed nothing."""
    with sqlite3.connect(home / "coach.db") as db:
        tables = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def pdf_text(data: bytes) -> tuple[int, str]:
    """The number of pages and the text of a PDF, whitespace folded to single spaces."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)
