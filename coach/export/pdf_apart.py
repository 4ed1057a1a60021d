"""PDFs made in a Python process of their own, for the app: a plan's, and a case's progress
report.

fpdf2 lays a long document out in pure Python for a quarter of a second or more. In a thread
of the app it takes the interpreter lock in turns with the event loop, and the objects it
makes set off full garbage collections, so the screen stood still for 50 to 70 ms at a time
while a PDF was made. In its own process it takes nothing from the app's frames.

What to draw goes to the child over a pipe as JSON (the records' own types read it back) and
the PDF comes back the same way: no file is written, nothing is unpickled, and nothing the
child might print can reach the terminal. If the child cannot be started or fails, the PDF is
made in this process instead, so the person still gets their file; a real fault then surfaces
as it would have.

    python -P -m coach.export.pdf_apart     (the child: JSON in, warnings and PDF out)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from coach.records import PlanRecord

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from coach.campaign.report import ProgressReport

CHILD_SECONDS = 120
"""Long enough for the longest document on a slow, busy machine; past it the PDF is made here."""

PDF = tuple[bytes, list[str]]


def render_pdf_apart(plans: Sequence[PlanRecord]) -> PDF:
    """``render_pdf(plans)``, made in a child process when one can be started."""
    made = _from_child("plans", _codec("plans").dump_python(list(plans), mode="json"))
    if made is not None:
        return made
    from coach.export.pdf import render_pdf

    return render_pdf(plans)


def report_pdf_apart(report: ProgressReport) -> PDF:
    """``report_pdf(report)``, made in a child process when one can be started."""
    made = _from_child("report", _codec("report").dump_python(report, mode="json"))
    if made is not None:
        return made
    from coach.export.progress_pdf import report_pdf

    return report_pdf(report)


@cache
def _codec(kind: str) -> TypeAdapter[Any]:
    """Each kind of document as JSON and back, by its records' types."""
    from pydantic import TypeAdapter

    if kind == "plans":
        return TypeAdapter(list[PlanRecord])
    from coach.campaign.report import ProgressReport

    return TypeAdapter(ProgressReport)


def _draw(kind: str) -> Callable[[Any], PDF]:
    if kind == "plans":
        from coach.export.pdf import render_pdf

        return render_pdf
    from coach.export.progress_pdf import report_pdf

    return report_pdf


def _from_child(kind: str, document: Any) -> PDF | None:
    if not sys.executable:
        return None
    sent = json.dumps({"kind": kind, "document": document}).encode()
    env = {key: value for key, value in os.environ.items() if key != "COACH_PASSPHRASE"}
    try:
        done = subprocess.run(
            [sys.executable, "-P", "-m", __name__],
            input=sent,
            capture_output=True,
            env=env,
            timeout=CHILD_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    head, newline, data = done.stdout.partition(b"\n")
    if done.returncode != 0 or not newline:
        return None
    try:
        warnings = json.loads(head)["warnings"]
    except (ValueError, KeyError, TypeError):
        return None
    return data, [str(line) for line in warnings]


def main() -> None:
    """The child: a document from stdin; one JSON line of warnings, then the PDF, to stdout."""
    given = json.loads(sys.stdin.buffer.read())
    kind = given["kind"]
    data, warnings = _draw(kind)(_codec(kind).validate_python(given["document"]))
    sys.stdout.buffer.write(json.dumps({"warnings": warnings}).encode() + b"\n" + data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
