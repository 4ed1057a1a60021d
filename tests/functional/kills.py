"""How many times a kill test kills: a few by default, so the suite stays quick for the person
running it, and the full count in CI (`.ci/run` sets COACH_FULL_KILLS before the tests)."""

from __future__ import annotations

import os


def kill_count(*, full: int, quick: int) -> int:
    return full if os.environ.get("COACH_FULL_KILLS") else quick
