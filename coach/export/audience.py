"""Who a plan is for: the parts marked "Not for the family" never leave in a family export.

A plan template marks a part private with a heading that starts "Not for the family" (any
level); the part runs to the next heading of the same or a higher level. Safeguarding
concerns, a safety plan against violence and the parent's own crisis are written this way.
The parent's views (the app's plan screen, ``coach show``) show the whole plan; every export a
family might be handed (Markdown, web page, PDF, JSON, calendar, the case bundle without
``--practitioner``, the app's copy) uses ``family_body`` and ``family_answers``; the
practitioner's bundle puts the private parts with the session notes, under the same banner.

Answers follow the same rule: a field marked ``private: true``, and the rows of a group that
its ``private_rows`` picks out, stay out of a family export's answers.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from coach.fields import matches

if TYPE_CHECKING:
    from coach.flowformat.flow import Flow
    from coach.records import PlanRecord

PRIVATE_HEADING = "Not for the family"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def _private(text: str) -> bool:
    return text.replace("\\", "").strip().lower().startswith(PRIVATE_HEADING.lower())


def split_private(markdown: str) -> tuple[str, str]:
    """The plan without its private parts, and the private parts (each with its heading)."""
    family: list[str] = []
    private: list[str] = []
    level = 0  # the heading level of the private part we are in; 0 when in none
    for line in markdown.splitlines(keepends=True):
        found = _HEADING.match(line.rstrip("\n"))
        if found:
            depth = len(found.group(1))
            if level and depth <= level:
                level = 0
            if not level and _private(found.group(2)):
                level = depth
        (private if level else family).append(line)
    return _tidy("".join(family)), "".join(private).strip()


def _tidy(text: str) -> str:
    """No run of blank lines left where a part was taken out."""
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


def family_body(markdown: str) -> str:
    return split_private(markdown)[0]


def private_parts(markdown: str) -> str:
    return split_private(markdown)[1]


def family_answers(answers: Mapping[str, Any], flow: Flow | None) -> dict[str, Any]:
    """The answers without private fields and without the private rows of a group."""
    if flow is None:
        return dict(answers)
    kept: dict[str, Any] = {}
    for field_id, value in answers.items():
        spec = flow.fields.get(field_id)
        if spec is not None and spec.private:
            continue
        if spec is not None and spec.private_rows is not None and isinstance(value, list):
            where = spec.private_rows.where
            value = [row for row in value if not (isinstance(row, dict) and matches(row, where))]
            if not value:
                continue
        kept[field_id] = value
    return kept


def family_plan(plan: PlanRecord, flow: Flow | None) -> PlanRecord:
    """The plan as a family export shows it."""
    return dataclasses.replace(
        plan, body=family_body(plan.body), answers=family_answers(plan.answers, flow)
    )
