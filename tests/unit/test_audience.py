"""Parts "not for the family": found by their heading, kept out of what a family is handed."""

from __future__ import annotations

from coach.export.audience import family_answers, family_body, private_parts, split_private

PLAN = """\
# Priorities for Mia

## Top basket
- Throws plates

## Not for the family: worries
- Cuts her arms

### What to do
Call the GP.

## Let go for now
- Wet towels

### Not for the family: how I am doing
I said I was struggling.

## Together
- Chris
"""


def test_a_private_part_runs_to_the_next_heading_of_its_level_or_higher():
    family, private = split_private(PLAN)
    assert "Cuts her arms" not in family and "Call the GP." not in family
    assert "I said I was struggling." not in family
    for kept in ("# Priorities for Mia", "- Throws plates", "## Let go for now", "- Chris"):
        assert kept in family
    assert private.startswith("## Not for the family: worries")
    assert "### What to do\nCall the GP." in private
    assert "### Not for the family: how I am doing" in private
    assert "\n\n\n" not in family


def test_a_heading_with_markdown_escapes_still_counts():
    assert "secret" not in family_body("# T\n\n## Not for the family\\: notes\nsecret\n")


def test_a_plan_without_private_parts_is_unchanged():
    body = "# T\n\n## One\ntext\n"
    assert family_body(body) == body and private_parts(body) == ""


def test_private_answers_and_rows_stay_out(shipped):
    flow = shipped.get("priorities")
    answers = {
        "priorities": [
            {"behaviour": "Throws plates", "basket": "top"},
            {"behaviour": "Cuts her arms", "basket": "concern_self_harm"},
        ],
        "concern_first_step": "GP tomorrow",
        "top_first": "Throws plates",
    }
    assert family_answers(answers, flow) == {
        "priorities": [{"behaviour": "Throws plates", "basket": "top"}],
        "top_first": "Throws plates",
    }
