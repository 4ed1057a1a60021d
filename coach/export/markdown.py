"""Markdown export: the plan's latest revision, as the caregiver last saved it."""

from __future__ import annotations

from coach.flowformat.catalogue import Catalogue
from coach.plain_text import clean_text
from coach.records import PlanRecord


def to_markdown(plan: PlanRecord, _catalogue: Catalogue) -> bytes:
    """The body as stored, with any terminal control sequence removed on the way out."""
    return clean_text(plan.body).encode()
