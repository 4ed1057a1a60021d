"""Supporter messages: names come from the case's network; one card per supporter."""

import pytest

from coach.advice import RULES
from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    SHORT_CHECK_NO,
    SHORT_CHECK_PATH,
    answers_with,
    run,
    sections,
)

FLOW = "supporter_messages"


def test_messages_for_supporters_named_in_the_support_network(cli):
    run(cli, "support_network", ANSWERS / "support_network.yaml", "Sam")
    outcome = run(cli, FLOW, ANSWERS / "supporter_messages.yaml", "Sam")
    assert outcome["kind"] == "end" and outcome["unused"] == []
    assert outcome["path"] == [
        "welcome",
        *SHORT_CHECK_PATH,
        "kinds",
        "noticing",
        "challenge",
        "reconciliation",
        "schedule",
        "check_in",
        "summary",
        "done",
    ]
    plan = cli("show", str(outcome["plan_id"])).stdout
    assert plan.startswith("# Supporter messages for Sam\n")
    part = sections(plan)

    glance = part["At a glance"].strip().splitlines()
    assert glance == [
        "- **Monday 30 November 2026:** Ana, noticing a good moment",
        "- **Tuesday 1 December 2026:** Tom, speaking up after an incident",
        "- **Wednesday 2 December 2026:** Mrs Okafor, noticing a good moment",
        "- **Friday 4 December 2026:** Tom, offering to reconnect",
    ]

    cards = sections(plan, level=3)
    assert list(cards)[1:] == [
        "Ana (my sister)",
        "Tom (Sam's uncle)",
        "Mrs Okafor (next-door neighbour)",
    ]
    ana = cards["Ana (my sister)"]
    assert "*How to reach them: 07700 900123*" in ana
    assert "**Monday 30 November 2026: Noticing a good moment** (Text or message)" in ana
    assert "- What to mention: Helped Mia with her homework on Tuesday" in ana
    assert "- Something personal: Mention the drawing he showed her" in ana
    assert "A starting point, for Ana to put in their own words:" in ana
    assert "> Hi Sam, I heard you helped Mia with her homework on Tuesday.\n" in ana
    assert "> That was really kind of you.\n" in ana

    tom = cards["Tom (Sam's uncle)"]
    assert "**Tuesday 1 December 2026: Speaking up after an incident** (Voice note)" in tom
    assert "- What happened: On Friday, pushed his mum against the wall" in tom
    assert "> Sam, I heard that on Friday you pushed your mum against the wall." in tom
    assert "**Friday 4 December 2026: Offering to reconnect** (In person)" in tom
    assert "- What to offer: Chips and watching the match on Saturday" in tom
    assert "Noticing" not in tom

    okafor = cards["Mrs Okafor (next-door neighbour)"]
    assert "**Wednesday 2 December 2026: Noticing a good moment** (Card or note)" in okafor
    assert "Mrs Okafor's own words:" in okafor
    assert "> Sam, thank you for carrying my shopping in on Tuesday. That was kind." in okafor
    assert "Hi Sam, I heard you helped Mia" not in okafor  # not the same text for everyone

    every = part["For every supporter"]
    assert "If Sam answers angrily, don't argue" in every
    assert "never one text copied to everyone" in every.replace("\n  ", " ")
    assert "follow your own organisation's safeguarding rules" in every.replace("\n  ", " ")
    check = part["Checking in"]
    assert "- **Checking in with supporters:** Sunday 6 December 2026 at 19:00" in check
    assert "I'll send each of them their part of this plan" in check


def test_no_supporters_yet_suggests_the_network_and_saves_the_names_typed(cli):
    outcome = run(cli, FLOW, ANSWERS / "supporter_messages_no_supporters.yaml", "Kai")
    assert outcome["path"][:8] == [
        "welcome",
        *SHORT_CHECK_PATH,
        "kinds",
        "no_supporters",
        "add_supporters",
    ]
    plan = cli("show", str(outcome["plan_id"])).stdout
    cards = sections(plan, level=3)
    assert list(cards)[1:] == ["Grandad Joe (my dad)", "Lena (family friend)"]
    joe = cards["Grandad Joe (my dad)"]
    assert "**Sunday 29 November 2026: Appreciating an exception** (Voice note)" in joe
    assert "- What to mention: On Sunday, came off the game when asked" in joe
    assert "Written in Grandad Joe's own words." in joe
    assert "- Something personal: Mention the bike ride" in cards["Lena (family friend)"]

    # The names were saved to the case: the next walk goes straight to the kinds of message.
    again = run(cli, FLOW, ANSWERS / "supporter_messages_no_supporters.yaml", "Kai")
    assert "no_supporters" not in again["path"]
    assert "supporters" in again["unused"]


def test_a_threatening_challenge_draft_gets_a_gentle_warning(cli, tmp_path):
    run(cli, "support_network", ANSWERS / "support_network.yaml", "Sam")
    answers = tmp_path / "harsh.yaml"
    text = (ANSWERS / "supporter_messages.yaml").read_text()
    harsh = "challenge_draft: Sam, you pushed your mum. Do that again and you'll be sorry.\n"
    answers.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("challenge_draft"))
        + "\n"
        + harsh
    )
    result = cli("run", FLOW, "--answers", answers, "--case", "Sam")
    assert result.exit_code == 0
    assert "note on 'challenge_draft'" in result.stderr
    assert "could be heard as a threat" in result.stderr


def test_only_the_chosen_kinds_are_drafted(cli, tmp_path):
    answers = tmp_path / "noticing.yaml"
    answers.write_text(
        SHORT_CHECK_NO + "supporters: [{name: Ana}]\n"
        "kinds: [noticing]\n"
        "noticing_draft: I heard you made everyone tea on Sunday. That was kind.\n"
        "messages: [{supporter: Ana, kind: noticing, when: 2026-12-03}]\n"
    )
    outcome = run(cli, FLOW, answers, "Jo")
    assert outcome["path"] == [
        "welcome",
        *SHORT_CHECK_PATH,
        "kinds",
        "no_supporters",
        "add_supporters",
        "noticing",
        "schedule",
        "check_in",
        "summary",
        "done",
    ]
    plan = cli("show", str(outcome["plan_id"])).stdout
    assert "### Ana\n" in plan
    assert "> I heard you made everyone tea on Sunday. That was kind." in plan
    assert "## Checking in" not in plan


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("incident", "on Friday, she cut her arms after the argument"),
        ("challenge_draft", "Sam, I heard you met up with an older man you met online."),
    ],
)
def test_a_safeguarding_worry_is_never_the_subject_of_a_message(cli, tmp_path, field, words):
    """Supporters' drafts are shared: a concern named there is advised against, not sent."""
    run(cli, "support_network", ANSWERS / "support_network.yaml", "Sam")
    outcome = run(cli, FLOW, answers_with(tmp_path, FLOW, **{field: words}), "Sam")
    assert {"field": field, "message": RULES["concern_message"].message} in outcome["advice"]
