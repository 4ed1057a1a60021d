"""The versioned JSON form of a plan: what `coach export --format json` writes and
`coach import` reads back."""

from __future__ import annotations

import json
from typing import Any

from coach.flowformat.catalogue import Catalogue
from coach.records import PlanRecord

FORMAT = "nvr-coach-plan"
VERSION = 1


def plan_document(plan: PlanRecord) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "flow": {"id": plan.flow_id, "version": plan.flow_version},
        "case": {"name": plan.case_name} if plan.case_name else None,
        "plan": {"title": plan.title, "created": plan.created, "markdown": plan.body},
        "answers": plan.answers,
    }


def to_json(plan: PlanRecord, _catalogue: Catalogue) -> bytes:
    return (json.dumps(plan_document(plan), ensure_ascii=False, indent=2) + "\n").encode()
