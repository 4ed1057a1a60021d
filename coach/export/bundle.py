"""A case's plans in one go, for a practitioner to file: a zip or one HTML document.

The zip holds every plan as Markdown, HTML and PDF, and an ``index.html`` linking them. Only
when asked (``--practitioner``) does a bundle carry the notes of the sessions that produced the
plans, each marked "Practitioner notes - not for the family"; in the zip they are a file of
their own, so they can be taken out before anything is handed over.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape

from coach.export.audience import family_body
from coach.export.document import created_label
from coach.export.files import default_name
from coach.export.html import NOTES_BANNER, document, notes_section, plan_article, to_html
from coach.export.pdf import render_pdf
from coach.fields import format_date
from coach.flowformat.catalogue import Catalogue
from coach.plain_text import clean_text
from coach.records import Case, PlanRecord
from coach.templating import escape_markdown
from coach.timestamps import local

NOTES_STEM = "practitioner-notes"


@dataclass
class Bundle:
    case: Case
    plans: list[PlanRecord]
    notes: dict[int, str] = field(default_factory=dict)  # plan id -> its session's notes
    today: date = field(default_factory=date.today)
    private: dict[int, str] = field(default_factory=dict)  # plan id -> parts not for the family
    # More files for the zip (the diary and check-ins as CSV), by name, linked from its index.
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def with_notes(self) -> bool:
        return bool(self.notes or self.private)

    def noted(self, plan: PlanRecord) -> bool:
        return plan.id in self.notes or plan.id in self.private


def bundle_name(bundle: Bundle, extension: str) -> str:
    """``case-3-plans-2026-11-27.zip``: the case's number, never the young person's name."""
    return f"case-{int(bundle.case.id)}-plans-{bundle.today.isoformat()}.{extension}"


def _stems(bundle: Bundle) -> dict[int, str]:
    return {
        plan.id: f"{n:02d}-{default_name(plan.flow_id, plan.created, 'x')[:-2]}"
        for n, plan in enumerate(bundle.plans, start=1)
    }


def _cover(bundle: Bundle, links: dict[int, list[tuple[str, str]]] | None = None) -> str:
    items = []
    for plan in bundle.plans:
        line = (
            f"{escape(clean_text(plan.title))} <span>({escape(created_label(plan.created))})</span>"
        )
        if links:
            line += " · " + " · ".join(
                f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in links[plan.id]
            )
        items.append(f"<li>{line}</li>")
    count = len(bundle.plans)
    notes = (
        f'<p class="note"><strong>This bundle includes {escape(NOTES_BANNER.lower())}.</strong>'
        " Take them out before handing anything to the family.</p>"
        if bundle.with_notes
        else ""
    )
    return (
        '<section class="cover">\n'
        f"<h1>Plans for {escape(clean_text(bundle.case.name))}</h1>\n"
        f'<p class="note">{count} plan{"s" if count != 1 else ""}, exported on '
        f"{escape(format_date(bundle.today.isoformat()))}. NVR Coach is a planning aid to use "
        "alongside professional support.</p>\n"
        f"{notes}\n<ul>\n{chr(10).join(items)}\n</ul>\n</section>"
    )


def bundle_html(bundle: Bundle) -> bytes:
    """One document: a contents page, then each plan from a new page (notes after its plan)."""
    sections = [_cover(bundle)]
    for plan in bundle.plans:
        sections.append(plan_article(plan))
        if bundle.noted(plan):
            sections.append(
                notes_section(plan, bundle.notes.get(plan.id, ""), bundle.private.get(plan.id, ""))
            )
    title = f"Plans for {bundle.case.name}"
    return document(title, sections).encode()


def _notes_markdown(bundle: Bundle) -> str:
    parts = [f"# {NOTES_BANNER}\n"]
    for plan in bundle.plans:
        if bundle.noted(plan):
            notes = bundle.notes.get(plan.id, "")
            kept = bundle.private.get(plan.id, "")
            parts.append(
                f"## {escape_markdown(clean_text(plan.title))} "
                f"({escape_markdown(created_label(plan.created))})\n\n"
                + (f"{escape_markdown(notes)}\n" if notes else "")
                + (f"\n{clean_text(kept)}\n" if kept else "")
            )
    return "\n".join(parts)


def _zip_time(stamp: str) -> tuple[int, int, int, int, int, int]:
    """A zip entry's time (local, as zip keeps it) from a stored stamp."""
    moment = local(stamp) or datetime(1980, 1, 1)
    if moment.year < 1980:
        moment = datetime(1980, 1, 1)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def bundle_zip(bundle: Bundle, catalogue: Catalogue) -> tuple[bytes, list[str]]:
    """The zip's bytes and any warnings from making its PDFs."""
    stems = _stems(bundle)
    folder = bundle_name(bundle, "zip")[: -len(".zip")]
    buffer = io.BytesIO()
    warnings: list[str] = []
    links: dict[int, list[tuple[str, str]]] = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes, stamp: str) -> None:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_zip_time(stamp))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)

        first = bundle.plans[0].created if bundle.plans else f"{bundle.today.isoformat()}T00:00:00"
        folder_entry = zipfile.ZipInfo(f"{folder}/", date_time=_zip_time(first))
        folder_entry.external_attr = (0o40700 << 16) | 0x10  # a private folder when unpacked
        archive.writestr(folder_entry, b"")
        for plan in bundle.plans:
            stem = stems[plan.id]
            pdf, found = render_pdf([plan])
            warnings += [w for w in found if w not in warnings]
            add(f"{stem}.md", clean_text(family_body(plan.body)).encode(), plan.created)
            add(f"{stem}.html", to_html(plan, catalogue), plan.created)
            add(f"{stem}.pdf", pdf, plan.created)
            links[plan.id] = [(kind, f"{stem}.{ext}") for kind, ext in _KINDS]
        now = bundle.today.isoformat() + "T00:00:00"
        if bundle.with_notes:
            notes_md = _notes_markdown(bundle)
            notes_html = document(
                NOTES_BANNER,
                [
                    notes_section(
                        plan, bundle.notes.get(plan.id, ""), bundle.private.get(plan.id, "")
                    )
                    for plan in bundle.plans
                    if bundle.noted(plan)
                ],
            )
            add(f"{NOTES_STEM}.md", notes_md.encode(), now)
            add(f"{NOTES_STEM}.html", notes_html.encode(), now)
        for name, data in bundle.files.items():
            add(name, data, now)
        index = [_cover(bundle, links)]
        if bundle.files:
            listed = " · ".join(
                f'<a href="{escape(name)}">{escape(name)}</a>' for name in bundle.files
            )
            index.append(f'<p class="note">The diary and check-ins as spreadsheets: {listed}</p>')
        if bundle.with_notes:
            index.append(
                f'<p class="note"><a href="{NOTES_STEM}.html">{escape(NOTES_BANNER)}</a></p>'
            )
        add("index.html", document(f"Plans for {bundle.case.name}", index).encode(), now)
    return buffer.getvalue(), warnings


_KINDS = (("PDF", "pdf"), ("web page", "html"), ("text", "md"))
