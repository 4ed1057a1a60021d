"""Small wording helpers shared by the screens: step titles, times, durations."""

from __future__ import annotations

from datetime import date

from coach.flow_info import step_title
from coach.timestamps import local

__all__ = ["duration_text", "step_title", "when"]


def when(stamp: str, *, today: date | None = None) -> str:
    """``today 14:05``, ``yesterday 09:10`` or ``3 Dec 2026`` from a stored timestamp, in
    local time."""
    moment = local(stamp)
    if moment is None:
        return stamp
    today = today or date.today()
    days = (today - moment.date()).days
    if days == 0:
        return f"today {moment:%H:%M}"
    if days == 1:
        return f"yesterday {moment:%H:%M}"
    return f"{moment.day} {moment:%b %Y}"


def duration_text(minutes: int) -> str:
    """Minutes as someone would type them: ``45m``, ``1h``, ``1h30m``."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"
