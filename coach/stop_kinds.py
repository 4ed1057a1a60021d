"""The stops whose way back is worded for them, and the sealed note for leaving a stop.

A stop about danger is left by confirming everyone is safe. The parent's own crisis stop is
about the parent, not "everyone": they say the yes was a mistake. The presence flow's stop
for a young person missing now is left by confirming they are safe. The app words its button
and dialog for each (``coach.tui.screens.stop_words``); the note kept with the session says
the same thing, so the record matches what the caregiver was asked.
"""

from __future__ import annotations

OWN_CRISIS_STOP = "own_crisis_stop"
COPING_NOTE = "coping_note"
MISSING_STOP = "missing_stop"


def left_stop_note(stop: str) -> str:
    """The sealed note for leaving ``stop`` by its way back (a locked stop has none)."""
    said = {
        OWN_CRISIS_STOP: "said the yes was a mistake",
        MISSING_STOP: "confirmed they know the young person is safe",
    }.get(stop, "confirmed everyone is safe now")
    return f"left '{stop}': the caregiver {said}"
