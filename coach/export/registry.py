"""The export formats on offer, by name; the CLI and the TUI list and call them from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coach.errors import CoachError
from coach.spec.loader import Catalogue
from coach.store import PlanRecord


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str
    description: str
    render: Callable[[PlanRecord, Catalogue], bytes]


def _exporters() -> dict[str, Exporter]:
    from coach.export.markdown import to_markdown
    from coach.export.plan_json import to_json

    return {
        "md": Exporter("md", "md", "Markdown text", to_markdown),
        "json": Exporter("json", "json", "JSON (can be imported again)", to_json),
    }


def exporter(name: str) -> Exporter:
    found = _exporters().get(name.lower())
    if found is None:
        raise CoachError(f"unknown export format '{name}'; use one of: {', '.join(formats())}")
    return found


def formats() -> list[str]:
    return list(_exporters())
