"""``date``: a day, kept as YYYY-MM-DD; typed as that, or today, yesterday, tomorrow, or a
weekday (last Saturday, next Monday, or Saturday in a question that says which way it looks)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import COMPARING, FieldKind, InvalidAnswer
from coach.plain_text import clean_text

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEKDAYS = {
    name: number
    for number, day in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (day, day[:3])
}


def _weekday(today: date, weekday: int, direction: str) -> str:
    """The nearest such weekday before today (past) or after it (future), never today."""
    if direction == "past":
        return (today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)).isoformat()
    return (today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)).isoformat()


def date_format_hint(field: FieldSpec) -> str:
    """What may be typed into a date box, with examples that fit the question's direction."""
    if field.direction == "past":
        return "YYYY-MM-DD, today, yesterday or last Saturday"
    if field.direction == "future":
        return "YYYY-MM-DD, today, tomorrow or Saturday"
    return "YYYY-MM-DD, today, yesterday or tomorrow"


def format_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day:%A} {day.day} {day:%B %Y}"


def _bad_date(field: FieldSpec) -> str:
    raise InvalidAnswer(f"Please give the date as {date_format_hint(field)}.")


class DateKind(FieldKind):
    name = "date"
    typed = True

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> str:
        if isinstance(raw, datetime):
            return raw.date().isoformat()
        if isinstance(raw, date):
            return raw.isoformat()
        text = " ".join(clean_text(str(raw)).casefold().split())
        named = {
            "today": today,
            "yesterday": today - timedelta(days=1),
            "tomorrow": today + timedelta(days=1),
        }
        if text in named:
            return named[text].isoformat()
        word, _, rest = text.partition(" ")
        if rest and word in ("last", "next", "this") and rest in _WEEKDAYS:
            return _weekday(today, _WEEKDAYS[rest], "past" if word == "last" else "future")
        if text in _WEEKDAYS:
            if spec.direction is None:
                day = text.capitalize()
                raise InvalidAnswer(f"Please say 'last {day}' or 'next {day}', or give the date.")
            return _weekday(today, _WEEKDAYS[text], spec.direction)
        try:
            return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(spec)
        except ValueError:
            return _bad_date(spec)

    def show(self, spec: FieldSpec, value: Any) -> Any:
        return format_date(value)

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        if operator not in COMPARING or not all(
            isinstance(v, str) and _ISO_DATE.match(v) for v in values
        ):
            return "compare with a YYYY-MM-DD value using equals, in, gte or lte"
        return None

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        return "2026-01-05"
