"""The progress report: the chart shapes, the web page (inline SVG, nothing fetched, nothing
run) and the PDF (vector charts, the same content)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import date, time, timedelta
from html import escape

from pypdf import PdfReader

from coach.campaign.charts import (
    count_scale,
    date_labels,
    gesture_chart,
    goal_chart,
    incident_chart,
    week_labels,
)
from coach.campaign.report import ProgressReport, progress_report
from coach.campaign.weeks import Period
from coach.export.chart_svg import bar_chart_svg, line_chart_svg
from coach.export.progress_html import report_html
from coach.export.progress_pdf import report_pdf
from coach.records import AdultResponse, CheckIn, Gesture, GoalRating, Incident, PlanMade
from tests.export_support import NAMES, SCRIPT, pdf_text

START = date(2026, 9, 7)  # a Monday
END = date(2026, 11, 29)  # a Sunday: twelve whole weeks


def sample_report(name: str = "Zoë", what: str = "Slammed the door") -> ProgressReport:
    incidents = [
        Incident(
            START + timedelta(days=3 * n),
            f"{what} ({n})",
            (n * 3) % 11,
            n % 9 == 0,
            at=time(18, 30),
            place="the kitchen",
            who_was_there="me and Mia",
            responses=(AdultResponse.STEPPED_OUT, AdultResponse.DELAYED),
            support_called="my sister Ana" if n % 4 == 0 else "",
        )
        for n in range(28)
    ]
    check_ins = [
        CheckIn(
            START + timedelta(weeks=n, days=1),
            (GoalRating("Calmer mornings", min(10, n)), GoalRating("We eat <b>together</b>", 3)),
            helpless=8 - n // 2,
            calm=2 + n // 3,
        )
        for n in range(12)
    ]
    gestures = [Gesture(START + timedelta(days=5 * n), "snack") for n in range(15)]
    plans = [PlanMade("Sit-in plan for Zoë", date(2026, 10, 1))]
    return progress_report(
        name,
        Period(START, END),
        made_on=END,
        incidents=incidents,
        check_ins=check_ins,
        gestures=gestures,
        plans=plans,
    )


def test_count_axes_start_at_zero_in_whole_steps():
    assert count_scale(0).ticks == (0, 1)
    assert count_scale(7).ticks == (0, 2, 4, 6, 8)
    assert count_scale(23).top == 25 and count_scale(23).ticks[1] == 5
    assert count_scale(400).ticks == (0, 100, 200, 300, 400)


def test_axis_labels_name_weeks_or_months():
    weeks = [START + timedelta(weeks=n) for n in range(4)]
    assert week_labels(weeks, 10) == [(0, "7 Sep"), (1, "14 Sep"), (2, "21 Sep"), (3, "28 Sep")]
    year = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(52)]
    labels = week_labels(year, 6)
    assert labels[0] == (0, "Jan 2026") and len(labels) <= 6
    assert [text for _, text in labels][1:3] == ["Mar", "May"]
    assert date_labels(START, END, 10) == [
        (date(2026, 10, 1), "Oct 2026"),
        (date(2026, 11, 1), "Nov"),
    ]
    six_weeks = date_labels(date(2026, 10, 19), date(2026, 11, 30), 10)
    assert [text for _, text in six_weeks] == [
        "19 Oct",
        "26 Oct",
        "2 Nov",
        "9 Nov",
        "16 Nov",
        "23 Nov",
        "30 Nov",
    ], "a span with one month's start names its weeks, not only the month"
    assert [text for _, text in date_labels(date(2026, 10, 19), date(2026, 11, 30), 3)] == [
        "Nov 2026"
    ]
    assert date_labels(START, START + timedelta(days=9), 10) == [
        (START, "7 Sep"),
        (START + timedelta(days=9), "16 Sep"),
    ]


def test_the_charts_hold_the_figures():
    report = sample_report()
    incidents = incident_chart(report.progress)
    assert len(incidents.weeks) == 12
    assert sum(sum(stack) for stack in incidents.stacks) == len(report.diary) == 28
    assert incidents.series == ("mild (0-3)", "moderate (4-6)", "severe (7-10)")
    assert sum(s[0] for s in gesture_chart(report.progress).stacks) == 15
    goals = goal_chart(report.progress)
    assert [series.latest[1] for series in goals.lines] == [10, 3]


def test_svg_charts_are_well_formed_and_escaped():
    report = sample_report()
    for svg in (
        bar_chart_svg(incident_chart(report.progress), "a"),
        bar_chart_svg(gesture_chart(report.progress), "b"),
        line_chart_svg(goal_chart(report.progress), "c"),
    ):
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("role") == "img"
    goals = line_chart_svg(goal_chart(report.progress), "c")
    assert "We eat &lt;b&gt;together&lt;/b&gt;" in goals and "<b>" not in goals


def test_the_web_report_is_self_contained_and_runs_nothing():
    page = report_html(sample_report(what=SCRIPT)).decode()
    assert "<script" not in page.lower() and "alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "url(" not in page and "@import" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert "default-src 'none'" in page
    assert page.count("<svg") == 3


def test_the_web_report_holds_summary_tables_and_plans():
    report = sample_report()
    page = report_html(report).decode()
    assert "<h1>Progress report: Zoë</h1>" in page
    for line in report.summary:
        assert f"<li>{escape(line)}</li>" in page
    assert page.count("<tr>") == 1 + 12 + 1 + 28  # headings and rows of both tables
    assert "1 October 2026: Sit-in plan for Zoë" in page
    assert "Stepped out of the argument; Said I would come back to it later" in page


def test_an_empty_period_says_so_in_every_section():
    report = progress_report("Sam", Period(START, START), made_on=START)
    page = report_html(report).decode()
    assert "No check-ins in this period." in page
    assert "No plans were made in this period." in page
    assert "No incidents were logged in this period." in page
    assert "No incidents in this period" in page  # in the chart itself
    data, warnings = report_pdf(report)
    assert warnings == [] and "No goals rated in this period" in pdf_text(data)[1]


def test_the_pdf_report_has_the_same_content_and_no_pictures():
    report = sample_report(name=NAMES[3])
    data, warnings = report_pdf(report)
    assert warnings == []
    pages, text = pdf_text(data)
    assert pages >= 3
    assert f"Progress report: {NAMES[3]}" in text
    assert report.summary[1] in text
    assert "Goal ratings at each check-in" in text
    assert "Reconciliation gestures offered per week" in text
    assert "Slammed the door (27)" in text and "1 October 2026: Sit-in plan for Zoë" in text
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources") or {}
        assert "/XObject" not in resources  # the charts are lines and shapes, not images
    assert f"Page {pages} of {pages}" in text


def test_the_apps_report_pdf_is_made_apart_and_is_the_same_file(monkeypatch):
    """The app makes the report's PDF in a process of its own (as a plan's), from the report
    sent as JSON: the same bytes, no passphrase in the child's environment; if the child
    cannot start, the same file is made here."""
    import subprocess

    from coach.export import pdf_apart

    report = sample_report(name=NAMES[3])
    started: list[dict[str, str]] = []
    real_run = subprocess.run

    def run(*args, **kwargs):
        started.append(kwargs["env"])
        return real_run(*args, **kwargs)

    def undated(made: tuple[bytes, list[str]]) -> tuple[bytes, list[str]]:
        """The file without the second it was made in (its CreationDate, and the file's ID,
        a hash that includes it)."""
        data = re.sub(rb"/CreationDate \(D:\d{14}Z\)", b"", made[0])
        return re.sub(rb"/ID \[<[0-9A-F]+><[0-9A-F]+>\]", b"", data), made[1]

    monkeypatch.setenv("COACH_PASSPHRASE", "a secret")
    monkeypatch.setattr(subprocess, "run", run)
    expected = undated(report_pdf(report))
    assert undated(pdf_apart.report_pdf_apart(report)) == expected
    assert len(started) == 1 and "COACH_PASSPHRASE" not in started[0]
    monkeypatch.setattr(pdf_apart.sys, "executable", "/bin/false")
    assert undated(pdf_apart.report_pdf_apart(report)) == expected


def test_a_diary_page_repeats_the_table_headings():
    many = progress_report(
        "Sam",
        Period(START, END),
        made_on=END,
        incidents=[
            Incident(START + timedelta(days=n % 80), "Shouted", 5, False) for n in range(200)
        ],
    )
    reader = PdfReader(io.BytesIO(report_pdf(many)[0]))
    diary_pages = [p.extract_text() for p in reader.pages if "Shouted" in (p.extract_text() or "")]
    assert len(diary_pages) >= 3
    assert all("What happened" in text for text in diary_pages)
