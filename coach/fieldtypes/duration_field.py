"""``duration``: a length of time, kept as whole minutes (typed as 45, 45m, 1h30m or 1:30)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer
from coach.fieldtypes.number_field import number_operand_problem

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

MAX_DURATION_MINUTES = 24 * 60
_DURATION = re.compile(
    r"^\s*(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:ute)?s?)?)?\s*$", re.I
)


def parse_duration(raw: Any) -> int:
    """Minutes from ``90``, ``"90"``, ``"45m"``, ``"1h30m"`` or ``"1:30"``."""
    if isinstance(raw, bool):
        raise InvalidAnswer("Please give a length of time, e.g. 30m or 1h30m.")
    minutes: float
    if isinstance(raw, int | float):
        minutes = float(raw)
    else:
        text = str(raw).strip()
        clock = re.fullmatch(r"(\d+):(\d{2})", text)
        match = _DURATION.match(text)
        if text.replace(".", "", 1).isdigit():
            minutes = float(text)
        elif clock:
            minutes = float(int(clock.group(1)) * 60 + int(clock.group(2)))
        elif text and match and (match.group(1) or match.group(2)):
            minutes = float(int(match.group(1) or 0) * 60 + int(match.group(2) or 0))
        else:
            raise InvalidAnswer("Please give a length of time, e.g. 30m, 45 or 1h30m.")
    if not minutes.is_integer() or not 1 <= minutes <= MAX_DURATION_MINUTES:
        raise InvalidAnswer("Please give whole minutes between 1 minute and 24 hours.")
    return int(minutes)


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


class DurationKind(FieldKind):
    name = "duration"
    typed = True

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> int:
        return parse_duration(raw)

    def show(self, spec: FieldSpec, value: Any) -> Any:
        return format_minutes(value)

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        return number_operand_problem(operator, values)

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        return 30
