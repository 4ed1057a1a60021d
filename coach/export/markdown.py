"""Markdown export: the plan's latest revision, as the caregiver last saved it."""

from __future__ import annotations

from coach.spec.loader import Catalogue
from coach.store import PlanRecord


def to_markdown(plan: PlanRecord, _catalogue: Catalogue) -> bytes:
    return plan.body.encode()
