"""A plan's PDF made in a Python process of its own, for the app.

fpdf2 lays a long plan out in pure Python for a quarter of a second or more. In a thread of
the app it takes the interpreter lock in turns with the event loop, and the objects it makes
set off full garbage collections, so the screen stood still for 50 to 70 ms at a time while a
PDF was made. In its own process it takes nothing from the app's frames.

The plans go to the child over a pipe as JSON and the PDF comes back the same way: no file is
written, nothing is unpickled, and nothing the child might print can reach the terminal. If the
child cannot be started or fails, the PDF is made in this process instead, so the person still
gets their file; a real fault then surfaces as it would have.

    python -P -m coach.export.pdf_apart     (the child: JSON plans in, warnings and PDF out)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict

from coach.records import PlanRecord

CHILD_SECONDS = 120
"""Long enough for the longest plan on a slow, busy machine; past it the PDF is made here."""


def render_pdf_apart(plans: Sequence[PlanRecord]) -> tuple[bytes, list[str]]:
    """``render_pdf(plans)``, made in a child process when one can be started."""
    made = _from_child(plans)
    if made is not None:
        return made
    from coach.export.pdf import render_pdf

    return render_pdf(plans)


def _from_child(plans: Sequence[PlanRecord]) -> tuple[bytes, list[str]] | None:
    if not sys.executable:
        return None
    sent = json.dumps([asdict(plan) for plan in plans]).encode()
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
    """The child: the plans from stdin; one JSON line of warnings, then the PDF, to stdout."""
    from coach.export.pdf import render_pdf

    plans = [PlanRecord(**fields) for fields in json.loads(sys.stdin.buffer.read())]
    data, warnings = render_pdf(plans)
    sys.stdout.buffer.write(json.dumps({"warnings": warnings}).encode() + b"\n" + data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
