"""The words for leaving a safety stop, by the kind of stop.

A stop about danger (someone in danger, a missing young person, self-harm, violence) is left
by saying everyone is safe. The parent's own crisis stop is about the parent, not "everyone":
its way back asks about them, and its button says the yes was a mistake. The presence flow's
stop for a young person missing now asks whether they are safe. A locked stop
(abuse, exploitation, an adult hurting the young person) has no button at all: the note says
how to answer that step again, which its own dialog confirms.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.stop_kinds import MISSING_STOP, OWN_CRISIS_STOP


@dataclass(frozen=True)
class LeavingStop:
    """What the dock and the confirmation say about going back from one kind of stop."""

    note: str  # after "The coach stops here and makes no plan from this session."
    button: str | None  # None: no button, only the keys the note names
    title: str = ""
    body: str = ""
    yes: str = ""
    no: str = "No, stay here"
    notice: str = ""


DANGER = LeavingStop(
    note="",
    button="It was a mistake: everyone is safe",
    title="Is everyone safe right now?",
    body="Go back only if your answer was a mistake and no one is in danger now. "
    "This is noted in the session.",
    yes="Yes, everyone is safe",
    notice="Noted: everyone is safe now. You can change your answer.",
)

OWN_CRISIS = LeavingStop(
    note="",
    button="I said yes by mistake",
    title="Did you say yes by mistake?",
    body="Go back only if your answer was a mistake. If you are struggling, "
    "please stay here and use the lines on this page.",
    yes="Yes, go back",
    notice="You can change your answer. The lines for adults stay in Help now (F2).",
)

MISSING = LeavingStop(
    note="",
    button="It was a mistake: I know they are safe",
    title="Do you know where they are, and that they are safe?",
    body="Go back only if your answer was a mistake. If you are worried for their safety, "
    "please stay here and call the police.",
    yes="Yes, they are safe",
    notice="Noted: they are safe. You can change your answer.",
)

LOCKED = LeavingStop(
    note="If an answer was wrong, press ctrl+b to answer that step again.",
    button=None,
)


def leaving(state: str, *, locked: bool) -> LeavingStop:
    """The words for going back from the stop ``state``."""
    if locked:
        return LOCKED
    return {OWN_CRISIS_STOP: OWN_CRISIS, MISSING_STOP: MISSING}.get(state, DANGER)
