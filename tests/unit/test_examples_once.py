"""A question shows an example once: where its box shows the flow's example ("e.g. ..."), or
a typed box its own format and example (a time, a duration), the hint gives advice instead
of a second example. Checked over every shipped flow and the "Log an incident" form."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coach.campaign.incident_form import INCIDENT_FIELDS
from coach.flowformat.content import FieldSpec
from tests.unit.test_date_fields import FORMAT_WORDS, every_field

GIVES_AN_EXAMPLE = re.compile(r"\bfor example\b|\be\.g\.", re.IGNORECASE)
TYPED_BOXES = ("number", "duration", "date", "time")  # each shows its format with an example


def every_question(shipped) -> Iterator[tuple[str, FieldSpec]]:
    yield from every_field(shipped)
    for spec in INCIDENT_FIELDS:
        yield "log an incident", spec


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def test_a_hint_gives_no_second_example_where_the_box_shows_one(shipped):
    twice = [
        f"{where}: {spec.id}: {spec.hint}"
        for where, spec in every_question(shipped)
        if spec.hint
        and (isinstance(spec.example, str) or spec.type in TYPED_BOXES)
        and (
            GIVES_AN_EXAMPLE.search(spec.hint)
            or any(word in spec.hint for word in FORMAT_WORDS)
            or (isinstance(spec.example, str) and words(spec.example) in words(spec.hint))
        )
    ]
    assert twice == []
