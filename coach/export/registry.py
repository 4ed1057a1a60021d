"""The export formats on offer, by name; the CLI and the TUI list and call them from here.

``render(plan, catalogue) -> bytes`` is all a face needs. ``export(plan, catalogue)`` also
returns warnings worth showing (e.g. characters the PDF font cannot draw), one line each.
A format that cannot be made for a plan (a calendar for a plan with no dates) raises
CoachError with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from coach.errors import CoachError
from coach.flowformat.catalogue import Catalogue
from coach.records import PlanRecord


@dataclass(frozen=True)
class Rendered:
    data: bytes
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str
    description: str
    render: Callable[[PlanRecord, Catalogue], bytes]
    binary: bool = False
    media_type: str = "text/plain"
    render_with_warnings: Callable[[PlanRecord, Catalogue], Rendered] | None = None
    name_tag: str = ""
    render_apart: Callable[[PlanRecord], Rendered] | None = None
    """The same file made in a process of its own, for a format slow enough to hold up the
    app's screen (see coach.export.pdf_apart)."""

    def file_name(self, plan: PlanRecord) -> str:
        """The plan's safe default file name in this format."""
        from coach.export.files import default_name

        return default_name(plan.flow_id, plan.created, self.extension, self.name_tag)

    def export(self, plan: PlanRecord, catalogue: Catalogue, *, apart: bool = False) -> Rendered:
        """The file and its warnings; ``apart`` makes a slow format in another process."""
        if apart and self.render_apart is not None:
            return self.render_apart(plan)
        if self.render_with_warnings is not None:
            return self.render_with_warnings(plan, catalogue)
        return Rendered(self.render(plan, catalogue))


def _pdf_with_warnings(plan: PlanRecord, _catalogue: Catalogue) -> Rendered:
    from coach.export.pdf import render_pdf

    data, warnings = render_pdf([plan])
    return Rendered(data, warnings)


def _pdf_apart(plan: PlanRecord) -> Rendered:
    from coach.export.pdf_apart import render_pdf_apart

    data, warnings = render_pdf_apart([plan])
    return Rendered(data, warnings)


def _exporters() -> dict[str, Exporter]:
    from coach.export.calendar import to_ics, to_ics_with_details
    from coach.export.html import to_html
    from coach.export.markdown import to_markdown
    from coach.export.pdf import to_pdf
    from coach.export.plan_json import to_json

    return {
        "md": Exporter("md", "md", "Markdown text", to_markdown, media_type="text/markdown"),
        "html": Exporter("html", "html", "Web page (prints well)", to_html, media_type="text/html"),
        "pdf": Exporter(
            "pdf",
            "pdf",
            "PDF document",
            to_pdf,
            binary=True,
            media_type="application/pdf",
            render_with_warnings=_pdf_with_warnings,
            render_apart=_pdf_apart,
        ),
        "json": Exporter(
            "json",
            "json",
            "JSON (can be imported again)",
            to_json,
            media_type="application/json",
        ),
        "ics": Exporter(
            "ics",
            "ics",
            "Calendar events, nothing private in them",
            to_ics,
            media_type="text/calendar",
        ),
        "ics-details": Exporter(
            "ics-details",
            "ics",
            "Calendar events with the plan's details",
            to_ics_with_details,
            media_type="text/calendar",
            name_tag="-details",  # never the same file as the calendar with nothing private
        ),
    }


def exporter(name: str) -> Exporter:
    found = _exporters().get(name.lower())
    if found is None:
        raise CoachError(f"unknown export format '{name}'; use one of: {', '.join(formats())}")
    return found


def formats() -> list[str]:
    return list(_exporters())
