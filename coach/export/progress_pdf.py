"""The progress report as a PDF: the web report's content, with charts as vector graphics.

Headings and lists go through the plan PDF's Markdown writer (same font, sizes and colours),
the charts through ``chart_pdf`` and the tables through ``pdf_table``. The diary starts on a
landscape page of its own, so the charts and scores stay together for a review and each
entry mostly fits on one line.
"""

from __future__ import annotations

from coach.campaign.charts import gesture_chart, goal_chart, incident_chart
from coach.campaign.report import (
    CHECK_IN_COLUMNS,
    DIARY_COLUMNS,
    ProgressReport,
    check_in_cells,
    diary_cells,
)
from coach.campaign.summary import day_text, period_line
from coach.export.chart_pdf import ChartPen
from coach.export.pdf import MARGIN, MUTED, Glyphs, MarkdownWriter, new_pdf
from coach.export.pdf_table import PdfTable
from coach.export.progress_html import report_title
from coach.plain_text import clean_text
from coach.templating import escape_markdown

BAR_HEIGHT = 62.0
GESTURE_HEIGHT = 48.0
LINE_HEIGHT = 64.0
CHECK_IN_WIDTHS = (25.0, 52.0, 16.0, 11.0, 21.0, 15.0, 30.0)  # 'Supported' fits whole
DIARY_WIDTHS = (34.0, 24.0, 66.0, 12.0, 28.0, 10.0, 57.0, 26.0)  # landscape: 257 mm
MADE_WITH = "Made with NVR Coach, a planning aid to use alongside professional support."


def _room_for(pdf: object, height: float) -> None:
    """A new page unless ``height`` mm still fit on this one."""
    if pdf.get_y() + height > pdf.page_break_trigger:  # type: ignore[attr-defined]
        pdf.add_page()  # type: ignore[attr-defined]


def report_pdf(report: ProgressReport) -> tuple[bytes, list[str]]:
    """The report as PDF bytes, and warnings about characters the font could not draw."""
    glyphs = Glyphs()
    pdf = new_pdf()
    title = report_title(report)
    pdf.set_title(clean_text(title))
    pdf.footer_left = glyphs.fit(f"Made {day_text(report.made_on)} · NVR Coach")
    pdf.add_page()
    width = pdf.w - 2 * MARGIN
    figures = report.progress
    writer = MarkdownWriter(pdf, glyphs)
    intro = [
        f"# {escape_markdown(title)}",
        f"*{escape_markdown(period_line(figures))}*",
        "## In short",
        "\n".join(f"- {escape_markdown(line)}" for line in report.summary),
    ]
    writer.markdown("\n\n".join(intro))
    pen = ChartPen(pdf, glyphs)
    for chart, height in (
        (incident_chart(figures), BAR_HEIGHT),
        (gesture_chart(figures), GESTURE_HEIGHT),
    ):
        _room_for(pdf, height + 4)
        pdf.ln(4)
        pen.bars(chart, MARGIN, pdf.get_y(), width, height)
        pdf.set_y(pdf.get_y() + height)
    goals = goal_chart(figures)
    _room_for(pdf, LINE_HEIGHT + 8 + 4.6 * len(goals.lines))
    pdf.ln(4)
    pdf.set_y(pen.lines(goals, MARGIN, pdf.get_y(), width, LINE_HEIGHT))

    writer.markdown("## Check-ins")
    if figures.check_ins:
        rows = [check_in_cells(check_in) for check_in in figures.check_ins]
        PdfTable(pdf, glyphs, CHECK_IN_COLUMNS, CHECK_IN_WIDTHS).draw(rows)
    else:
        writer.markdown("*No check-ins in this period.*")
    plans = "\n".join(
        f"- {escape_markdown(day_text(plan.day))}: {escape_markdown(plan.title)}"
        for plan in report.plans
    )
    writer.markdown(f"## Plans made\n\n{plans or '*No plans were made in this period.*'}")
    pdf.add_page(orientation="landscape")  # wide columns: most entries fit on one line
    writer.markdown("## The diary")
    if report.diary:
        rows = [diary_cells(incident) for incident in report.diary]
        PdfTable(pdf, glyphs, DIARY_COLUMNS, DIARY_WIDTHS).draw(rows)
    else:
        writer.markdown("*No incidents were logged in this period.*")
    pdf.set_text_color(*MUTED)
    writer.markdown(f"*{MADE_WITH}*")
    return bytes(pdf.output()), glyphs.warnings()
