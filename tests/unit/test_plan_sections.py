"""Editing a plan section by section, with the Markdown kept underneath."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.plan_sections import Section, edited, joined, markdown_line, sections, shown_line
from coach.services import Services, Workspace
from tests.conftest import ANSWERS, TODAY


def plan_body(answers: str) -> str | None:
    """The plan an answers file makes (None when it ends at a stop)."""
    services = Services(Workspace())
    flow_id = next(f for f in services.flows.cards if answers.startswith(f))
    walked = services.walks.run(
        flow_id, ANSWERS / f"{answers}.yaml", TODAY, case="Sam", note=lambda _text: None
    )
    return walked.plan.body if walked.plan else None


@pytest.mark.parametrize("answers", sorted(p.stem for p in ANSWERS.glob("*.yaml")))
def test_every_shipped_plan_comes_back_whole_when_nothing_is_changed(answers):
    body = plan_body(answers)
    if body is None:
        pytest.skip("this answers file ends at a stop, with no plan")
    parts = sections(body)
    assert joined(parts) == body
    assert joined([edited(part, part.shown) for part in parts]) == body
    shown = "\n".join(part.shown for part in parts)
    for markdown in ("## ", "**", "- [ ]", "\\"):
        assert markdown not in shown, markdown


def test_sections_are_named_by_their_headings():
    body = "# Plan for Sam\n\nIntro.\n\n## Opening words\n\nSaid once.\n\n## If...\n- a\n"
    parts = sections(body)
    assert [p.title for p in parts] == ["Plan for Sam", "Opening words", "If..."]
    assert parts[1].heading == "## Opening words"
    assert parts[0].shown == "Plan for Sam\n\nIntro.\n"


def test_a_changed_line_keeps_its_kind_and_its_bold_lead_in():
    part = Section(
        "At a glance",
        "## At a glance",
        ("- **When:** Saturday, 19:00", "- **Who:** Jo", "", "- [ ] Tell Ana the time."),
    )
    text = part.shown.replace("19:00", "19:30").replace("☐ Tell", "[x] Tell")
    text += "\n• Bring water (and tissues)*"
    after = edited(part, text)
    assert after.lines == (
        "- **When:** Saturday, 19:30",
        "- **Who:** Jo",
        "",
        "- [x] Tell Ana the time.",
        "- Bring water (and tissues)\\*",
    )


def test_lines_as_typed_become_safe_markdown():
    assert shown_line("> We won't accept it.") == "│ We won't accept it."
    assert markdown_line("│ We won't accept it.") == "> We won't accept it."
    assert markdown_line("  ◦ call Ana") == "  - call Ana"
    assert markdown_line("# not a heading") == "\\# not a heading"
    assert markdown_line("New title", "# Old title") == "# New title"
    assert markdown_line("☑ done") == "- [x] done"


def test_on_screen_a_checklist_shows_boxes():
    from coach.plan_sections import with_boxes

    body = "## Checklist\n- [ ] Tell Ana.\n- [x] Read it once.\n  - [ ] nested\nNot [ ] this\n"
    assert with_boxes(body) == (
        "## Checklist\n- ☐ Tell Ana.\n- ☑ Read it once.\n  - ☐ nested\nNot [ ] this\n"
    )


SECTION = Section(
    "At a glance",
    "## At a glance",
    ("- **When:** Saturday", "- [ ] Tell Ana", "", "> Quote *it*", "Plain \\* star", "### Sub"),
)
MARKS = ["", "• ", "  ◦ ", "☐ ", "☑ ", "│ ", "1. "]
# Typed at the start of a line these are marks too ("* x" is a list item, "[x]" a ticked box),
# and read back as the editor writes them (• and ☑).
TYPED_MARK = re.compile(r"^([-*+] |\[[ xX]\])")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(MARKS),
            st.text(alphabet="ab *_#|<>[]`\\~:.", min_size=1, max_size=12).filter(
                lambda t: t.strip() == t and not TYPED_MARK.match(t)
            ),
        ),
        max_size=8,
    ),
    st.integers(min_value=0, max_value=6),
)
@settings(max_examples=300, deadline=None)
def test_what_is_typed_is_what_is_shown_after_saving(typed, where):
    """Whatever a parent types, with or without the marks, reads back exactly as typed."""
    lines = SECTION.shown.split("\n")
    text = "\n".join([*lines[:where], *(mark + words for mark, words in typed), *lines[where:]])
    assert edited(SECTION, text).shown == text
