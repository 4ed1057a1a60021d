"""The reconciliation gestures a plan holds, read from its answers.

The gestures flow asks for up to three gestures, each as ``gesture_N`` (a choice value or
the parent's own words) with its day in ``gesture_N_date``. A gesture counts as offered on
that day; one without a readable day is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from coach.campaign.records import Gesture

GESTURES_FLOW = "reconciliation_gestures"
_GESTURE = re.compile(r"gesture_(\d+)")


def gestures_in(answers: Mapping[str, Any], plan_id: int | None = None) -> list[Gesture]:
    """Every dated gesture in one gestures plan's answers, in the order they were planned."""
    found: list[tuple[int, Gesture]] = []
    for key, what in answers.items():
        match = _GESTURE.fullmatch(str(key))
        if match is None or not isinstance(what, str) or not what.strip():
            continue
        try:
            day = date.fromisoformat(str(answers.get(f"{key}_date")))
        except ValueError:
            continue
        found.append((int(match.group(1)), Gesture(day, what.strip(), plan_id)))
    return [gesture for _, gesture in sorted(found, key=lambda pair: pair[0])]
