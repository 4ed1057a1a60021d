"""A plan's checklist prints as boxes to tick, in the web page and in the PDF, and its lists
read as sentences."""

from __future__ import annotations

from coach.export.html import render_markdown
from coach.export.pdf import render_pdf
from coach.services import Services, Workspace
from tests.conftest import ANSWERS, TODAY
from tests.export_support import pdf_text, record

CHECKLIST = "## Checklist\n\n- [ ] Tell Ana the time.\n- [x] Read the words aloud.\n- A note\n"


def test_a_checklist_in_html_has_boxes_not_brackets():
    html = render_markdown(CHECKLIST)
    assert '<li class="box"><span class="tick" aria-hidden="true">☐</span> Tell Ana' in html
    assert '<li class="box"><span class="tick" aria-hidden="true">☑</span> Read the' in html
    assert "<li>A note</li>" in html
    assert "[ ]" not in html and "[x]" not in html


def test_a_checklist_in_a_pdf_has_boxes_the_font_can_draw():
    data, warnings = render_pdf([record(CHECKLIST)])
    _, text = pdf_text(data)
    assert "☐ Tell Ana the time." in text and "☑ Read the words aloud." in text
    assert "[ ]" not in text and "[x]" not in text
    assert warnings == []


def test_choices_in_a_plan_read_as_a_sentence():
    """Before: "What: A sit-in; Messages from supporters" and "Who will help: Ana, Tom"."""
    walked = Services(Workspace()).walks.run(
        "delayed_action",
        ANSWERS / "delayed_action.yaml",
        TODAY,
        case="Sam",
        note=lambda _text: None,
    )
    body = walked.plan.body
    assert "- **What:** A sit-in and messages from supporters\n" in body
    assert "- **Who will help:** Ana and Tom\n" in body
