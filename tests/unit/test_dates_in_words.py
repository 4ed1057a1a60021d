"""Dates typed in words: "yesterday" for what happened, weekday names in the question's
direction ("last Saturday" looking back, "Saturday" for a plan ahead)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.fields import InvalidAnswer, date_format_hint, normalise
from coach.flowformat.content import FieldSpec

MONDAY = date(2026, 11, 30)


def field(direction: str | None) -> FieldSpec:
    return FieldSpec(id="when", type="date", label="When?", direction=direction)


@pytest.mark.parametrize(
    ("direction", "typed", "expected"),
    [
        ("past", "yesterday", "2026-11-29"),
        ("past", "Saturday", "2026-11-28"),
        ("past", "last saturday", "2026-11-28"),
        ("past", "Mon", "2026-11-23"),
        ("future", "Saturday", "2026-12-05"),
        ("future", "monday", "2026-12-07"),
        ("future", "tomorrow", "2026-12-01"),
        (None, "next Friday", "2026-12-04"),
        (None, "last Sunday", "2026-11-29"),
        (None, "today", "2026-11-30"),
        (None, "2026-12-24", "2026-12-24"),
    ],
)
def test_dates_in_words(direction, typed, expected):
    assert normalise(field(direction), typed, today=MONDAY) == expected


def test_a_bare_weekday_without_a_direction_asks_which_one():
    with pytest.raises(InvalidAnswer, match="'last Saturday' or 'next Saturday'"):
        normalise(field(None), "saturday", today=MONDAY)


@pytest.mark.parametrize(
    ("direction", "example", "absent"),
    [("past", "yesterday", "tomorrow"), ("future", "tomorrow", "yesterday")],
)
def test_the_examples_fit_the_direction(direction, example, absent):
    hint = date_format_hint(field(direction))
    assert example in hint and absent not in hint
    with pytest.raises(InvalidAnswer) as caught:
        normalise(field(direction), "someday", today=MONDAY)
    assert example in str(caught.value) and absent not in str(caught.value)
