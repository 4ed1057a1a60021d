"""HTML export: self-contained, print-friendly, and every answer stays text."""

from __future__ import annotations

import re

import pytest

from coach.export.document import split_letter
from coach.export.html import render_markdown, to_html
from coach.export.registry import exporter, formats
from tests.export_support import record

LETTER_PLAN = """# Announcement for Sam

*Written on Friday 27 November 2026.*

## Our letter to Sam

Dear Sam,

We love your sense of humour.

With love, Mum and Chris

## How we will deliver it

- **Who reads it:** Mum
"""


def test_the_registry_lists_every_format_once():
    assert formats() == ["md", "html", "pdf", "json", "ics", "ics-details"]
    assert exporter("PDF").binary and not exporter("html").binary
    assert {exporter(name).extension for name in formats()} == {"md", "html", "pdf", "json", "ics"}


def test_a_page_is_self_contained_and_print_friendly(shipped):
    page = to_html(record("# Title\n\nHello.\n", title="Plan for Zoë"), shipped).decode()
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Plan for Zoë</title>" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for fetch in ("<script", "<link", "<img", "src=", "@import", "url(", "http://", "https://"):
        assert fetch not in page
    assert "@page" in page and "break-before: page" in page
    assert "color-scheme: light" in page
    assert "Created Friday 27 November 2026" in page


def test_title_and_names_are_escaped(shipped):
    plan = record("# x\n", title="<b>Sam</b> & </title><script>")
    page = to_html(plan, shipped).decode()
    assert "<title>&lt;b&gt;Sam&lt;/b&gt; &amp; &lt;/title&gt;&lt;script&gt;</title>" in page
    assert "<script" not in page


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](java\tscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_unsafe_links_are_never_produced_even_from_raw_markdown(markdown):
    html = render_markdown(markdown)
    assert "href" not in html
    assert "x" in html or "javascript" in html


def test_safe_links_stay_links_and_images_become_their_alt_text():
    html = render_markdown("[help](https://example.org/help) and ![a photo](http://e.x/p.png)")
    assert '<a href="https://example.org/help">help</a>' in html
    assert "<img" not in html and "e.x/p.png" not in html and "a photo" in html


def test_raw_html_in_the_markdown_is_shown_as_text():
    html = render_markdown('<script>alert(1)</script>\n\n<div onclick="x">hi</div> <b>b</b>')
    assert "<script" not in html and "<div" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_terminal_sequences_never_reach_the_page(shipped):
    page = to_html(record("# T\n\nred \x1b[31mtext\x1b[0m \x1b]52;c;SGk=\x07 end\n"), shipped)
    assert b"\x1b" not in page and b"\x07" not in page
    assert b"red text  end" in page


def test_the_letter_of_an_announcement_gets_its_own_section(shipped):
    page = to_html(record(LETTER_PLAN, flow_id="announcement"), shipped).decode()
    letter = re.search(r'<section class="letter">(.*?)</section>', page, re.S)
    assert letter is not None
    assert "Dear Sam," in letter.group(1) and "Our letter to Sam" not in letter.group(1)
    assert '<section class="after-letter">' in page
    assert page.index("Dear Sam") < page.index("Who reads it")


def test_other_plans_have_no_letter(shipped):
    page = to_html(record(LETTER_PLAN, flow_id="de_escalation"), shipped).decode()
    assert 'class="letter"' not in page and "Our letter to Sam" in page


def test_split_letter_finds_the_letter_section():
    parts = split_letter("announcement", LETTER_PLAN)
    assert parts.intro.startswith("# Announcement for Sam")
    assert parts.letter is not None and parts.letter.strip().startswith("Dear Sam,")
    assert "With love" in parts.letter and "How we will deliver" not in parts.letter
    assert parts.rest.startswith("## How we will deliver it")


def test_without_a_letter_heading_the_first_section_is_the_letter():
    parts = split_letter("announcement", "# A\n\n## To Sam\n\nDear Sam\n\n## Delivery\n\nx\n")
    assert parts.letter == "\nDear Sam\n\n"
    assert parts.rest == "## Delivery\n\nx\n"
    assert split_letter("announcement", "# Only a title\n").letter is None
