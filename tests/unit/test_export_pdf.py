"""PDF export: pages, fonts that print every name, visible replacements, harmless text."""

from __future__ import annotations

import re

from coach.export.pdf import FONT_DIR, FONT_FILES, coverage, render_pdf
from coach.export.registry import exporter
from tests.export_support import NAMES, pdf_text, record
from tests.unit.test_export_html import LETTER_PLAN


def test_the_fonts_and_their_licence_ship_in_the_package():
    for name in FONT_FILES.values():
        assert (FONT_DIR / name).stat().st_size > 100_000
    licence = (FONT_DIR / "LICENSE").read_text()
    assert "Bitstream Vera" in licence and "Arev" in licence


def test_every_name_prints_with_its_accents():
    body = "# Plan for " + NAMES[0] + "\n\n" + "\n".join(f"- **{n}** and *{n}*" for n in NAMES)
    data, warnings = render_pdf([record(body)])
    pages, text = pdf_text(data)
    assert pages == 1 and warnings == []
    for name in NAMES:
        assert name in text
    assert all(ord(c) in coverage() for c in "".join(NAMES))


def test_a_missing_character_is_replaced_visibly_and_reported():
    data, warnings = render_pdf([record("# T\n\nNames: 小明 and Zoë.\n")])
    _, text = pdf_text(data)
    assert "Names: ?? and Zoë." in text
    assert len(warnings) == 1
    assert "小 (U+5C0F)" in warnings[0] and "明 (U+660E)" in warnings[0]
    rendered = exporter("pdf").export(record("# 小\n"), None)  # type: ignore[arg-type]
    assert rendered.data.startswith(b"%PDF") and len(rendered.warnings) == 1


def test_invisible_format_characters_are_dropped_without_a_warning():
    text = "# T\n\n\u2066isolated\u2069 and marked \U000e0100end\n"
    data, warnings = render_pdf([record(text)])
    assert warnings == []
    assert "isolated and marked end" in pdf_text(data)[1]


def test_short_plan_is_one_page_with_footer():
    data, _ = render_pdf([record("# Short plan\n\n## Part\n\nOne line.\n")])
    pages, text = pdf_text(data)
    assert pages == 1
    assert "Created Friday 27 November 2026" in text and "Page 1 of 1" in text


def test_long_plan_numbers_every_page():
    body = "# Long\n\n" + "\n\n".join(f"## Part {i}\n\n" + "Words here. " * 60 for i in range(12))
    data, _ = render_pdf([record(body)])
    pages, text = pdf_text(data)
    assert pages >= 3
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    assert all(f"Part {i}" in text for i in range(12))


def test_the_announcement_letter_starts_on_its_own_page():
    data, _ = render_pdf([record(LETTER_PLAN, flow_id="announcement")])
    from io import BytesIO

    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(BytesIO(data)).pages]
    assert len(pages) == 3
    assert "Announcement for Sam" in pages[0] and "Dear Sam" not in pages[0]
    assert "Dear Sam," in pages[1] and "With love, Mum and Chris" in pages[1]
    assert "Our letter to Sam" not in "".join(pages)
    assert "How we will deliver it" in pages[2] and "Who reads it" in pages[2]
    assert "Page 1 of 3" in pages[0] and "Page 3 of 3" in pages[2]
    assert "Page" not in pages[1] and "NVR Coach" not in pages[1]  # the letter stands alone


def test_a_long_letter_keeps_every_page_plain():
    letter = "\n\n".join(["We love you and we will not give up on you."] * 60)
    body = LETTER_PLAN.replace("We love your sense of humour.", letter)
    data, _ = render_pdf([record(body, flow_id="announcement")])
    from io import BytesIO

    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(BytesIO(data)).pages]
    assert len(pages) >= 4
    assert all("Page" not in page for page in pages[1:-1])
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_links_markup_and_scripts_are_plain_text_in_the_pdf():
    body = (
        "# T\n\n\\<script\\>alert(1)\\</script\\> \\</style\\> {{ 7\\*7 }} "
        "\\[x\\](javascript:alert(1))\n\n[raw](javascript:alert(2)) <script>x</script>\n"
    )
    data, _ = render_pdf([record(body)])
    _, text = pdf_text(data)
    assert "<script>alert(1)</script> </style> {{ 7*7 }} [x](javascript:alert(1))" in text
    assert "raw" in text
    assert b"/JavaScript" not in data and b"/JS" not in data
    assert not re.search(rb"/URI\s*\(javascript", data, re.I)


def test_several_plans_each_start_a_new_page():
    plans = [record("# One\n\nx\n"), record("# Two\n\ny\n", created="2026-12-01T09:00:00")]
    data, _ = render_pdf(plans)
    pages, text = pdf_text(data)
    assert pages == 2
    assert "Created Tuesday 1 December 2026" in text


def test_coverage_is_checked_per_style():
    hamza = "\u0621"  # in DejaVu Sans, not in DejaVu Sans Oblique
    assert ord(hamza) in coverage("") and ord(hamza) not in coverage("I")
    assert render_pdf([record(f"# T\n\nplain {hamza}\n")])[1] == []
    _, warnings = render_pdf([record(f"# T\n\n*slanted {hamza}*\n")])
    assert len(warnings) == 1 and "U+0621" in warnings[0]


def test_the_app_s_pdf_is_made_in_a_child_process_that_is_not_given_the_passphrase(monkeypatch):
    import subprocess

    from coach.export import pdf_apart

    plan = record("# Plan for Zoë\n\n## Part\n\n- **One** step, then 小.\n")
    started: list[dict[str, str]] = []
    real_run = subprocess.run

    def run(*args, **kwargs):
        started.append(kwargs["env"])
        return real_run(*args, **kwargs)

    monkeypatch.setenv("COACH_PASSPHRASE", "a secret")
    monkeypatch.setattr(subprocess, "run", run)
    made = pdf_apart.render_pdf_apart([plan])
    assert len(started) == 1 and "COACH_PASSPHRASE" not in started[0]
    assert made == render_pdf([plan])  # the same bytes, the same warning about 小


def test_when_the_child_cannot_start_or_fails_the_pdf_is_made_here(monkeypatch):
    from coach.export import pdf_apart

    plan = record("# Plan\n\nOne line.\n")
    for python in ("/nonexistent/python", "/bin/false", ""):
        monkeypatch.setattr(pdf_apart.sys, "executable", python)
        assert pdf_apart._from_child("plans", []) is None
        assert pdf_apart.render_pdf_apart([plan]) == render_pdf([plan])
