"""Markdown export: the plan's latest revision, as the caregiver last saved it."""

from __future__ import annotations

from coach.export.audience import family_body
from coach.flowformat.catalogue import Catalogue
from coach.plain_text import clean_text
from coach.records import PlanRecord


def to_markdown(plan: PlanRecord, _catalogue: Catalogue) -> bytes:
    """The body as stored, without its "not for the family" parts, and with any terminal
    control sequence removed on the way out."""
    return clean_text(family_body(plan.body)).encode()
