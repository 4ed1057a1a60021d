"""The versioned JSON form of a plan: what `coach export --format json` writes and
`coach import` reads back."""

from __future__ import annotations

import json
from typing import Any

from coach.export.audience import family_plan
from coach.flowformat.catalogue import Catalogue
from coach.records import PlanRecord

FORMAT = "nvr-coach-plan"
VERSION = 1


def plan_document(plan: PlanRecord) -> dict[str, Any]:
    """The plan as JSON; give it ``family_plan(plan, flow)`` for anything that leaves."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "flow": {"id": plan.flow_id, "version": plan.flow_version},
        "case": {"name": plan.case_name} if plan.case_name else None,
        "plan": {"title": plan.title, "created": plan.created, "markdown": plan.body},
        "answers": plan.answers,
    }


def to_json(plan: PlanRecord, catalogue: Catalogue) -> bytes:
    """A family export: the parts and answers "not for the family" are left out."""
    shared = family_plan(plan, catalogue.flows.get(plan.flow_id))
    return (json.dumps(plan_document(shared), ensure_ascii=False, indent=2) + "\n").encode()
