"""Checking, normalising and showing one answer, per field type.

Every check returns a message a tired caregiver can act on. Values are stored in one
normal form per type (see ``normalise``) so conditions, plans and exports never guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from coach import patterns
from coach.flowformat.content import Choice, FieldSpec, FieldType
from coach.phrases import ChoiceLabel
from coach.plain_text import clean_text

TEXT_LIMITS = {FieldType.TEXT: 500, FieldType.LONG_TEXT: 10_000}
MAX_ROWS = 50
MAX_DURATION_MINUTES = 24 * 60

_DURATION = re.compile(
    r"^\s*(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:ute)?s?)?)?\s*$", re.I
)
_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.I)
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d{1,2}")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")
# Far beyond any count, score or length the flows ask for; keeps stored JSON ordinary.
MAX_NUMBER = 10**12
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


class InvalidAnswer(ValueError):
    """An answer that does not fit its field; the text is shown to the caregiver."""


# What names an entry of each case list: a person's name, or a priority's behaviour.
CASE_LIST_LABEL = {"priorities": "behaviour", "goals": "goal"}


def matches(row: Mapping[str, Any], where: Mapping[str, Any] | None) -> bool:
    """Whether a record has these values; a list in ``where`` matches any of its values."""
    return not where or all(
        row.get(key) in value if isinstance(value, list) else row.get(key) == value
        for key, value in where.items()
    )


def choices_for(field: FieldSpec, case: Mapping[str, Any]) -> list[Choice]:
    """The field's own choices, or entries of a case list (supporters, top priorities...)."""
    if field.choices_from is None:
        return list(field.choices)
    key = CASE_LIST_LABEL.get(field.choices_from, "name")
    names: list[str] = []
    for item in case.get(field.choices_from) or []:
        if isinstance(item, dict) and not matches(item, field.choices_filter):
            continue
        name = item.get(key) if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and name not in names:
            names.append(name)
    return [Choice(value=n, label=n) for n in names]


def normalise(
    field: FieldSpec, raw: Any, *, today: date, case: Mapping[str, Any] | None = None
) -> Any:
    """The stored form of ``raw`` for ``field``; None when nothing was given.

    Raises InvalidAnswer with a plain message when the value does not fit.
    """
    if raw is None or (isinstance(raw, str) and not clean_text(raw).strip()):
        return None
    if (
        isinstance(raw, list)
        and not raw
        and field.type in (FieldType.MULTI_CHOICE, FieldType.GROUP)
    ):
        return None
    value = _CONVERTERS[field.type](field, raw, today, case or {})
    _apply_rules(field, value)
    return value


def _text(field: FieldSpec, raw: Any, _today: date, _case: Mapping[str, Any]) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InvalidAnswer("Please write this as text.")
    text = clean_text(str(raw)).strip()
    if field.type is FieldType.TEXT:
        text = " ".join(text.split())
    limit = TEXT_LIMITS.get(field.type, TEXT_LIMITS[FieldType.TEXT])
    if len(text) > limit:
        raise InvalidAnswer(
            f"That is {len(text):,} characters; please keep it under {limit:,} "
            "(a few sentences are plenty here)."
        )
    return text


def _choice_value(field: FieldSpec, raw: Any, case: Mapping[str, Any]) -> str:
    choices = choices_for(field, case)
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InvalidAnswer("Please pick one of the options.")
    text = clean_text(str(raw)).strip()
    for choice in choices:
        if text in (choice.value, choice.label) or text.casefold() == choice.value.casefold():
            return choice.value
    if field.other or field.choices_from:
        return _text(field, text, date.min, case)
    options = ", ".join(c.value for c in choices) or "none yet"
    raise InvalidAnswer(f"That is not one of the options ({options}).")


def _choice(field: FieldSpec, raw: Any, _today: date, case: Mapping[str, Any]) -> str:
    return _choice_value(field, raw, case)


def _multi_choice(field: FieldSpec, raw: Any, _today: date, case: Mapping[str, Any]) -> list[str]:
    items = raw if isinstance(raw, list | tuple) else [raw]
    picked: list[str] = []
    for item in items:
        value = _choice_value(field, item, case)
        if value and value not in picked:
            picked.append(value)
    return picked


def _yes_no(_field: FieldSpec, raw: Any, _today: date, _case: Mapping[str, Any]) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise InvalidAnswer("Please answer yes or no.")


def _number_from(raw: Any) -> float | int:
    """A number as people type it: ``3``, ``2.5``, ``2,5`` (a decimal comma) or ``1,000`` and
    ``1 000`` (thousands). Anything else is refused rather than guessed, so a value is never
    changed on the way in (``1,000`` once became 1)."""
    if isinstance(raw, bool):
        raise InvalidAnswer("Please give a number.")
    if isinstance(raw, int | float):
        number: float | int = raw
    else:
        text = clean_text(str(raw)).strip().replace("\u202f", " ").replace("\xa0", " ")
        if len(text) > 40:
            raise InvalidAnswer("That number is too long; please give a smaller one.")
        if _THOUSANDS.fullmatch(text):
            text = re.sub(r"[, ]", "", text)
        elif _DECIMAL_COMMA.fullmatch(text):
            text = text.replace(",", ".")
        if not _PLAIN_NUMBER.fullmatch(text):
            raise InvalidAnswer("Please give a number, e.g. 3 or 1.5.")
        number = float(text)
    if isinstance(number, int) and abs(number) > MAX_NUMBER:
        raise InvalidAnswer("That number is too large; please give a smaller one.")
    if isinstance(number, float):
        if number != number or abs(number) == float("inf"):
            raise InvalidAnswer("Please give an ordinary number.")
        if abs(number) > MAX_NUMBER:
            raise InvalidAnswer("That number is too large; please give a smaller one.")
        if number.is_integer():
            return int(number)
    return number


def _number(field: FieldSpec, raw: Any, _today: date, _case: Mapping[str, Any]) -> float | int:
    number = _number_from(raw)
    if field.min is not None and number < field.min:
        raise InvalidAnswer(f"Please give a number of at least {field.min}.")
    if field.max is not None and number > field.max:
        raise InvalidAnswer(f"Please give a number no larger than {field.max}.")
    return number


def _scale(field: FieldSpec, raw: Any, _today: date, _case: Mapping[str, Any]) -> int:
    number = _number_from(raw)
    low, high = field.min or 0, field.max if field.max is not None else 10
    if not float(number).is_integer() or not low <= number <= high:
        raise InvalidAnswer(f"Please choose a whole number from {low} to {high}.")
    return int(number)


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


def _duration(_field: FieldSpec, raw: Any, _today: date, _case: Mapping[str, Any]) -> int:
    return parse_duration(raw)


_WEEKDAYS = {
    name: number
    for number, day in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (day, day[:3])
}


def _date(field: FieldSpec, raw: Any, today: date, _case: Mapping[str, Any]) -> str:
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
        if field.direction is None:
            day = text.capitalize()
            raise InvalidAnswer(f"Please say 'last {day}' or 'next {day}', or give the date.")
        return _weekday(today, _WEEKDAYS[text], field.direction)
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(field)
    except ValueError:
        return _bad_date(field)


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


def _bad_date(field: FieldSpec) -> str:
    raise InvalidAnswer(f"Please give the date as {date_format_hint(field)}.")


def _time(_field: FieldSpec, raw: Any, _today: date, _case: Mapping[str, Any]) -> str:
    match = _TIME.match(str(raw)) if not isinstance(raw, bool) else None
    if not match or (match.group(2) is None and match.group(3) is None):
        raise InvalidAnswer("Please give the time as HH:MM, e.g. 19:30.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").casefold()
    if meridiem and not 1 <= hour <= 12:
        raise InvalidAnswer("Please give the time as HH:MM, e.g. 19:30.")
    if meridiem == "pm" and hour != 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise InvalidAnswer("That time does not exist; please give it as HH:MM, e.g. 19:30.")
    return f"{hour:02d}:{minute:02d}"


def normalise_record(
    fields: list[FieldSpec], row: Mapping[str, Any], *, today: date, case: Mapping[str, Any]
) -> dict[str, Any]:
    """One record of several fields: a group's entry, or a plan's follow-up questions."""
    known = {sub.id: sub for sub in fields}
    unknown = [str(k) for k in row if k not in known]
    if unknown:
        raise InvalidAnswer(
            f"{', '.join(unknown)} is not asked here (the parts are: {', '.join(known)})."
        )
    clean: dict[str, Any] = {}
    for sub in fields:
        try:
            value = normalise(sub, row.get(sub.id), today=today, case=case)
        except InvalidAnswer as exc:
            raise InvalidAnswer(f"{sub.label}: {exc}") from None
        if value is None and sub.required:
            raise InvalidAnswer(f"please fill in {sub.label}.")
        if value is not None:
            clean[sub.id] = value
    return clean


def _group(field: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> list[dict]:
    rows = raw if isinstance(raw, list) else [raw]
    if len(rows) > MAX_ROWS:
        raise InvalidAnswer(f"Please keep this to {MAX_ROWS} entries or fewer.")
    result: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            parts = ", ".join(sub.id for sub in field.fields)
            raise InvalidAnswer(f"Entry {number} should have: {parts}.")
        try:
            clean = normalise_record(field.fields, row, today=today, case=case)
        except InvalidAnswer as exc:
            raise InvalidAnswer(f"Entry {number}: {exc}") from None
        if clean:
            result.append(clean)
    return result


_CONVERTERS = {
    FieldType.TEXT: _text,
    FieldType.LONG_TEXT: _text,
    FieldType.CHOICE: _choice,
    FieldType.MULTI_CHOICE: _multi_choice,
    FieldType.YES_NO: _yes_no,
    FieldType.SCALE: _scale,
    FieldType.NUMBER: _number,
    FieldType.DURATION: _duration,
    FieldType.DATE: _date,
    FieldType.TIME: _time,
    FieldType.GROUP: _group,
}


def _apply_rules(field: FieldSpec, value: Any) -> None:
    rules = field.validate_
    if rules is None:
        return
    broken = False
    if isinstance(value, str):
        broken = (
            (rules.min_length is not None and len(value) < rules.min_length)
            or (rules.max_length is not None and len(value) > rules.max_length)
            or (rules.pattern is not None and not _pattern_holds(rules.pattern, value))
        )
    elif isinstance(value, int | float) and not isinstance(value, bool):
        broken = (rules.min is not None and value < rules.min) or (
            rules.max is not None and value > rules.max
        )
    elif isinstance(value, list):
        broken = (rules.min_items is not None and len(value) < rules.min_items) or (
            rules.max_items is not None and len(value) > rules.max_items
        )
    if broken:
        raise InvalidAnswer(rules.message)


def _pattern_holds(pattern: str, value: str) -> bool:
    try:
        return patterns.search(pattern, value)
    except patterns.PatternTooSlow:
        raise InvalidAnswer(
            "This answer could not be checked in time; please write it more simply."
        ) from None


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def format_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day:%A} {day.day} {day:%B %Y}"


def display(field: FieldSpec, value: Any) -> Any:
    """The value as people read it: labels for choices, words for dates and durations.

    Lists stay lists (and group rows stay records) so templates can lay them out.
    """
    if value is None:
        return None
    match field.type:
        case FieldType.CHOICE:
            own = any(choice.value == value for choice in field.choices)
            return ChoiceLabel(field.choice_label(value)) if own else value
        case FieldType.MULTI_CHOICE:
            own = {choice.value for choice in field.choices}
            return [ChoiceLabel(field.choice_label(v)) if v in own else v for v in value]
        case FieldType.DURATION:
            return format_minutes(value)
        case FieldType.DATE:
            return format_date(value)
        case FieldType.GROUP:
            subs = {sub.id: sub for sub in field.fields}
            return [{k: display(subs[k], v) for k, v in row.items() if k in subs} for row in value]
        case _:
            return value


def as_text(field: FieldSpec, value: Any) -> str:
    """One plain-text rendering, for the transcript, summaries and the command line."""
    shown = display(field, value)
    if shown is None:
        return "(not answered)"
    if isinstance(shown, bool):
        return "Yes" if shown else "No"
    if field.type is FieldType.SCALE:
        return f"{shown} (on a scale of {field.min or 0} to {field.max})"
    if field.type is FieldType.GROUP:
        return "\n".join(
            " · ".join(str(as_text(sub, row.get(sub.id))) for sub in field.fields if sub.id in row)
            for row in value
        )
    if isinstance(shown, list):
        return ", ".join(str(item) for item in shown)
    return str(shown)
