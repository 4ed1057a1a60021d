"""Hypothesis strategies that produce valid answers for any field of any flow."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from hypothesis import strategies as st

from coach.fields import choices_for
from coach.flowformat.content import FieldSpec
from coach.plain_text import clean_text

CASE_WITH_EVERYTHING = {
    "name": "Zoë",
    "adults": [
        {"name": "Chris", "relationship": "parent"},
        {"name": "Ana", "relationship": "aunt"},
    ],
    "supporters": [
        {"name": "Ana", "relationship": "aunt", "contact": "0123", "roles": ["sit_in"]},
        {"name": "Ben", "relationship": "neighbour", "roles": ["witness"]},
    ],
    "contacts": [{"name": "Dr Patel", "role": "GP", "phone": "0200"}],
    "priorities": [
        {"behaviour": "Hitting a brother when losing a game", "basket": "top"},
        {"behaviour": "Leaving dishes in the bedroom", "basket": "let_go"},
    ],
}


def _plain_text(min_size: int, max_size: int = 60) -> st.SearchStrategy[str]:
    low = max(min_size, 1)
    return st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
        min_size=low,
        max_size=max(low, min(max_size, 60)),
    ).filter(lambda s: low <= len(" ".join(clean_text(s).split())) <= max_size)


def value_for(spec: FieldSpec, case: dict[str, Any]) -> st.SearchStrategy[Any] | None:
    """A strategy of valid raw answers for ``spec``; None when no valid answer exists."""
    rules = spec.validate_
    kind = spec.type
    if kind in ("text", "long_text"):
        if rules and rules.pattern:
            return st.just(spec.example) if spec.example is not None else None
        low = (rules.min_length or 1) if rules else 1
        generated = _plain_text(low, (rules.max_length or 60) if rules else 60)
        return (
            st.one_of(st.just(spec.example), generated) if spec.example is not None else generated
        )
    if kind in ("choice", "multi_choice"):
        values = [c.value for c in choices_for(spec, case)]
        options = []
        if values:
            options.append(st.sampled_from(values))
        if spec.other:
            options.append(st.sampled_from(["Something else entirely", "Our own idea"]))
        if not options:
            return None
        one = st.one_of(*options)
        if kind == "choice":
            return one
        low = max(rules.min_items or 1, 1) if rules else 1
        high = rules.max_items if rules and rules.max_items else 3
        return st.lists(one, min_size=low, max_size=max(low, high), unique=True).filter(
            lambda items: low <= len(items) <= high
        )
    if kind == "yes_no":
        return st.booleans()
    if kind == "scale":
        return st.integers(spec.min or 0, spec.max if spec.max is not None else 10)
    if kind == "number":
        low = max(x for x in (spec.min, rules.min if rules else None, 0) if x is not None)
        high = min(x for x in (spec.max, rules.max if rules else None, 1000) if x is not None)
        return st.integers(int(low), int(high))
    if kind == "duration":
        low = int(rules.min) if rules and rules.min else 1
        high = int(rules.max) if rules and rules.max else 240
        return st.integers(low, high)
    if kind == "date":
        return st.dates(date(2026, 1, 1), date(2027, 12, 31)).map(date.isoformat)
    if kind == "time":
        return st.times().map(lambda t: time(t.hour, t.minute).strftime("%H:%M"))
    if kind == "group":
        parts = {}
        for sub in spec.fields:
            strategy = value_for(sub, case)
            if strategy is None:
                if sub.required:
                    return None
                continue
            parts[sub.id] = strategy if sub.required else st.one_of(st.none(), strategy)
        row = st.fixed_dictionaries(parts).map(
            lambda r: {k: v for k, v in r.items() if v is not None}
        )
        low = max(rules.min_items or 1, 1) if rules else 1
        high = rules.max_items if rules and rules.max_items else 3
        return st.lists(row, min_size=low, max_size=max(low, high))
    return None
