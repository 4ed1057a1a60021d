"""Advice on one answer: the shared rules its field names, then a group's rows, then the
field's own ``warn``. Advice never refuses an answer; the engine shows it once and keeps the
answer when it is sent again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coach import patterns
from coach.advice import advice_for
from coach.fields import matches
from coach.flowformat.content import FieldSpec, Warn


def warning_for(field: FieldSpec, value: Any, row: Mapping[str, Any] | None = None) -> str | None:
    """The first piece of advice this answer triggers, if any (group rows included).

    The shared advice rules (``advice:``) come first, then a group's rows, then the field's
    own ``warn`` (a row that sounds like a worry matters more than how many rows there are);
    within a group, ``row`` is the record the value belongs to.
    """
    for text in _own_words(field, value):
        for use in field.advice:
            if use.where is None or matches(row or {}, use.where):
                advice = advice_for([use.rule], text)
                if advice:
                    return advice
    if field.kind.takes_fields and isinstance(value, list):
        for number, record in enumerate(value, start=1):
            for sub in field.fields:
                advice = warning_for(sub, record.get(sub.id), record)
                if advice:
                    return f"Entry {number}: {advice}" if len(value) > 1 else advice
    for rule in field.warn:
        if _breaks(rule, value):
            return rule.message
    return None


def _own_words(field: FieldSpec, value: Any) -> list[str]:
    """The text the person wrote themselves: a text answer, or a choice typed as "other"."""
    offered = {choice.value for choice in field.choices}
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str) and item not in offered]


def _breaks(rule: Warn, value: Any) -> bool:
    if isinstance(value, list):
        counted = [v for v in value if not isinstance(v, dict) or matches(v, rule.where)]
        return (rule.max_items is not None and len(counted) > rule.max_items) or (
            rule.min_items is not None and len(counted) < rule.min_items
        )
    if not isinstance(value, str):
        return False
    words = len(value.split())
    folded = value.casefold()
    return bool(
        (rule.max_length is not None and len(value) > rule.max_length)
        or (rule.min_length is not None and len(value) < rule.min_length)
        or (rule.max_words is not None and words > rule.max_words)
        or (rule.min_words is not None and words < rule.min_words)
        or (rule.pattern is not None and _advice_pattern_found(rule.pattern, value))
        or any(_has_phrase(folded, phrase) for phrase in rule.contains_any)
    )


def _advice_pattern_found(pattern: str, value: str) -> bool:
    """Advice is a nudge: a pattern that runs too long gives none rather than stop anyone."""
    try:
        return patterns.search(pattern, value, ignore_case=True)
    except patterns.PatternTooSlow:
        return False


def _has_phrase(folded_text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase.casefold())}(?!\w)", folded_text) is not None
