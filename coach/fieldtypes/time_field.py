"""``time``: a time of day, kept as HH:MM (typed as 19:30, 7.30pm or 7pm)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import COMPARING, FieldKind, InvalidAnswer

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.I)
_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_AS_HH_MM = "Please give the time as HH:MM, e.g. 19:30."


class TimeKind(FieldKind):
    name = "time"
    typed = True

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> str:
        match = _TIME.match(str(raw)) if not isinstance(raw, bool) else None
        if not match or (match.group(2) is None and match.group(3) is None):
            raise InvalidAnswer(_AS_HH_MM)
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        meridiem = (match.group(3) or "").casefold()
        if meridiem and not 1 <= hour <= 12:
            raise InvalidAnswer(_AS_HH_MM)
        if meridiem == "pm" and hour != 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise InvalidAnswer("That time does not exist; please give it as HH:MM, e.g. 19:30.")
        return f"{hour:02d}:{minute:02d}"

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        if operator not in COMPARING or not all(
            isinstance(v, str) and _HH_MM.match(v) for v in values
        ):
            return "compare with a HH:MM value using equals, in, gte or lte"
        return None

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        return "19:30"
