"""The progress report as one self-contained web page: charts as inline SVG, no scripts.

Built on the plan pages' document (the same styles, Content-Security-Policy and no external
fetches), with tables for the check-ins and the diary that repeat their headings on every
printed page. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from coach.campaign.charts import gesture_chart, goal_chart, incident_chart
from coach.campaign.report import (
    CHECK_IN_COLUMNS,
    DIARY_COLUMNS,
    ProgressReport,
    check_in_cells,
    diary_cells,
)
from coach.campaign.summary import day_text, period_line
from coach.export.chart_svg import bar_chart_svg, line_chart_svg
from coach.export.html import document
from coach.fields import clean_text

REPORT_CSS = """
main:has(> .report) { max-width: 60rem; }
.report .period { color: #57606a; margin-top: -.5rem; }
.report figure { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
.report svg { display: block; max-width: 100%; height: auto; }
.report table { width: 100%; border-collapse: collapse; font-size: .85rem; margin: .75rem 0; }
.report th, .report td {
  text-align: left; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid #d0d7de;
  overflow-wrap: anywhere; white-space: pre-line;
}
.report th { background: #f3f5f7; color: #17324a; }
.report .number { text-align: right; white-space: nowrap; }
.report tr { break-inside: avoid; page-break-inside: avoid; }
.report thead { display: table-header-group; }
.report .none { color: #57606a; font-style: italic; }
@media print {
  .report table { font-size: 8.5pt; }
  .report .diary { break-before: page; page-break-before: always; }
}
"""

_NUMBER_COLUMNS = {"How bad", "Helpless", "Calm", "Supported", "Present"}


def _text(value: str) -> str:
    return escape(clean_text(value))


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]], css_class: str) -> str:
    head = "".join(
        f'<th scope="col" class="number">{_text(column)}</th>'
        if column in _NUMBER_COLUMNS
        else f'<th scope="col">{_text(column)}</th>'
        for column in columns
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="number">{_text(cell)}</td>'
            if column in _NUMBER_COLUMNS
            else f"<td>{_text(cell)}</td>"
            for column, cell in zip(columns, row, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="{css_class}">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(body)}\n</tbody>\n</table>"
    )


def _none(text: str) -> str:
    return f'<p class="none">{_text(text)}</p>'


def report_article(report: ProgressReport) -> str:
    figures = report.progress
    parts = [
        '<article class="report">',
        f"<h1>{_text(report_title(report))}</h1>",
        f'<p class="period">{_text(period_line(figures))}</p>',
        "<h2>In short</h2>",
        "<ul>",
        *(f"<li>{_text(line)}</li>" for line in report.summary),
        "</ul>",
        "<h2>Incidents</h2>",
        f"<figure>{bar_chart_svg(incident_chart(figures), 'incidents')}</figure>",
        "<h2>Goals</h2>",
        f"<figure>{line_chart_svg(goal_chart(figures), 'goals')}</figure>",
        "<h2>Reconciliation gestures</h2>",
        f"<figure>{bar_chart_svg(gesture_chart(figures), 'gestures')}</figure>",
        "<h2>Check-ins</h2>",
    ]
    if figures.check_ins:
        rows = [check_in_cells(check_in) for check_in in figures.check_ins]
        parts.append(_table(CHECK_IN_COLUMNS, rows, "check-ins"))
    else:
        parts.append(_none("No check-ins in this period."))
    parts.append("<h2>Plans made</h2>")
    if report.plans:
        parts.append("<ul>")
        parts += [f"<li>{_text(day_text(p.day))}: {_text(p.title)}</li>" for p in report.plans]
        parts.append("</ul>")
    else:
        parts.append(_none("No plans were made in this period."))
    parts.append('<section class="diary">\n<h2>The diary</h2>')
    if report.diary:
        parts.append(_table(DIARY_COLUMNS, [diary_cells(i) for i in report.diary], "diary"))
    else:
        parts.append(_none("No incidents were logged in this period."))
    parts.append("</section>")
    parts.append(
        f'<p class="made">Made on {_text(day_text(report.made_on))} · '
        "Made with NVR Coach, a planning aid to use alongside professional support.</p>"
    )
    parts.append("</article>")
    return "\n".join(parts)


def report_title(report: ProgressReport) -> str:
    name = clean_text(report.case_name).strip()
    return f"Progress report: {name}" if name else "Progress report"


def report_html(report: ProgressReport) -> bytes:
    return document(report_title(report), [report_article(report)], REPORT_CSS).encode()
