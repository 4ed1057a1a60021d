"""The moments the coach records (an answer given, a plan made), as ISO 8601 text."""

from __future__ import annotations

from datetime import datetime


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
