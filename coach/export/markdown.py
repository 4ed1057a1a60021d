"""Markdown export: the plan's latest revision, as the caregiver last saved it."""

from __future__ import annotations

from coach.store import PlanRecord


def to_markdown(plan: PlanRecord) -> bytes:
    return plan.body.encode()
