"""What the store hands back, as typed records: cases, sessions, plans and their parts.

They live outside the store so that faces and exporters can name them without importing it;
the store fills them, the use cases pass them on, and nothing changes them (all frozen).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    """A young person the adults plan for, with what earlier flows gathered (the profile)."""

    id: int
    name: str
    profile: dict[str, Any]
    created: str


@dataclass(frozen=True)
class SessionRecord:
    """A session with its answers and where it stands: enough to resume it."""

    id: int
    case_id: int | None
    flow_id: str
    flow_version: int
    state: str
    history: list[str]
    status: str
    notes: str
    created: str
    updated: str
    answers: dict[str, Any]


@dataclass(frozen=True)
class SessionSummary:
    """A session as the lists show it: no answers, no notes."""

    id: int
    case_id: int | None
    flow_id: str
    state: str
    status: str
    created: str
    updated: str


@dataclass(frozen=True)
class SessionEvent:
    """Something that happened in a session besides answers (leaving a safety stop)."""

    kind: str
    detail: str
    at: str


@dataclass(frozen=True)
class PlanRecord:
    """A plan with its latest revision's text."""

    id: int
    session_id: int | None
    case_id: int | None
    case_name: str | None
    flow_id: str
    flow_version: int
    title: str
    answers: dict[str, Any]
    created: str
    revision: int
    body: str
    revised: str


@dataclass(frozen=True)
class PlanSummary:
    """A plan as the lists show it: no text, no answers."""

    id: int
    title: str
    flow_id: str
    case_id: int | None
    case_name: str | None
    created: str
    revision: int


@dataclass(frozen=True)
class Revision:
    revision: int
    body: str
    created: str


@dataclass(frozen=True)
class FollowUp:
    """One "how did it go", as answered."""

    answers: dict[str, Any]
    created: str


@dataclass(frozen=True)
class ImportedPlan:
    """What an import did: the plan added (or the one already here), and its case."""

    plan_id: int
    case_id: int | None
    duplicate: bool = False
    new_case: bool = False
