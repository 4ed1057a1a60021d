"""Checking, normalising and showing one answer, of any field type.

Every check returns a message a tired caregiver can act on. Values are stored in one
normal form per type (see ``normalise``) so conditions, plans and exports never guess. What
differs by type is in ``coach.fieldtypes`` (one module each); this module applies a field's
own rules (``validate``) whatever its type (advice on an answer is in ``answer_advice``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from coach import patterns
from coach.fieldtypes import InvalidAnswer
from coach.fieldtypes.choice_field import CASE_LIST_LABEL, choices_for, matches
from coach.fieldtypes.date_field import date_format_hint, format_date
from coach.fieldtypes.duration_field import format_minutes, parse_duration
from coach.flowformat.content import FieldSpec
from coach.plain_text import clean_text

__all__ = [
    "CASE_LIST_LABEL",
    "InvalidAnswer",
    "as_text",
    "choices_for",
    "clean_text",
    "date_format_hint",
    "display",
    "format_date",
    "format_minutes",
    "matches",
    "normalise",
    "normalise_record",
    "parse_duration",
]


def normalise(
    field: FieldSpec, raw: Any, *, today: date, case: Mapping[str, Any] | None = None
) -> Any:
    """The stored form of ``raw`` for ``field``; None when nothing was given.

    Raises InvalidAnswer with a plain message when the value does not fit.
    """
    if raw is None or (isinstance(raw, str) and not clean_text(raw).strip()):
        return None
    value = field.kind.parse(field, raw, today, case or {})
    if value is not None:
        _apply_rules(field, value)
    return value


def part_missing(part: FieldSpec) -> str:
    """What a record (a group's entry, a follow-up) says when a required part is empty."""
    what = "a choice" if part.kind.takes_choices else "an answer"
    return f'"{part.label}" needs {what}.'


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
            raise InvalidAnswer(part_missing(sub))
        if value is not None:
            clean[sub.id] = value
    return clean


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


def display(field: FieldSpec, value: Any) -> Any:
    """The value as people read it: labels for choices, words for dates and durations.

    Lists stay lists (and group rows stay records) so templates can lay them out.
    """
    return None if value is None else field.kind.show(field, value)


def as_text(field: FieldSpec, value: Any) -> str:
    """One plain-text rendering, for the transcript, summaries and the command line."""
    return "(not answered)" if value is None else field.kind.as_text(field, value)
