"""The sit-in flow: the plan and checklist, case data offered, and every safety stop."""

from __future__ import annotations

import json

import pytest

from coach.fields import choices_for
from coach.templating import render
from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    CONTACTS,
    SUPPORTERS,
    add_to_case,
    answers_with,
    case_profile,
    message_at,
    plan_text,
    run,
    sections,
    set_region,
    words_of,
)


@pytest.fixture
def sam(cli, home):
    """Sam's case as earlier flows leave it: baskets, adults (from the announcement),
    supporters and professional contacts."""
    run(cli, "priorities", ANSWERS / "priorities.yaml", "Sam")
    add_to_case(home, "Sam", supporters=SUPPORTERS, contacts=CONTACTS)
    run(cli, "announcement", ANSWERS / "announcement.yaml", "Sam")
    set_region(home, "GB")
    return "Sam"


def test_full_run_makes_the_plan_with_a_checklist(cli, sam):
    outcome = run(cli, "sit_in", ANSWERS / "sit_in.yaml", sam)
    assert outcome["unused"] == []
    assert "no_supporters" not in outcome["path"] and "not_calm" not in outcome["path"]
    plan = plan_text(cli, outcome)
    assert plan.startswith("# Sit-in plan for Sam\n")
    headings = [line for line in plan.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Stop if..."
    parts = sections(plan)

    stop = parts["Stop if..."]
    assert "**Sam becomes violent:** leave at once and call for help." in stop
    assert "Never hold them or block their way." in stop

    glance = words_of(parts["The sit-in at a glance"])
    for phrase in (
        "**About:** hitting and kicking your sister Mia when you lose a game",
        "**When:** Saturday 12 December 2026, 19:00 to 19:40 (40 minutes)",
        "**Where:** In their bedroom. On two chairs by the wall, leaving the doorway clear.",
        "**Who sits in:** Jo, Chris",
        "**On standby:** Ana. Keeps her phone on and comes over if Jo texts 'now'.",
    ):
        assert phrase in glance, phrase

    opening = words_of(parts["Opening words"])
    assert "Said once, calmly, by Jo:" in opening
    assert "> Sam, we are here because we are very worried about you hitting and kicking Mia." in (
        opening
    )

    suggestion = words_of(parts["If Sam makes a suggestion"])
    assert "going to his room when he feels it building, or saying sorry to Mia." in suggestion
    assert "**When we hear one:** Thank them, say we will give it a try" in suggestion
    assert "**When the time is up (40 minutes) without one:** Stand up and say" in suggestion

    reactions = words_of(parts["If..."])
    for phrase in (
        "**Sam shouts or swears:** Stay seated and quiet",
        "**Sam leaves:** Let them go, without following or blocking the way",
        "**Sam ignores us:** Keep sitting quietly until the time is up",
        "**Sam becomes aggressive:** - End the sit-in at once",
        "- Call our standby person.",
        "- If anyone is in danger, call the emergency number.",
    ):
        assert phrase in reactions, phrase

    afterwards = parts["Afterwards"]
    assert "- Keep up small, everyday kindnesses, whatever happened" in afterwards
    assert "- Jo and Chris talk it over with Ana on Sunday" in afterwards

    checklist = parts["Checklist for the day"]
    assert checklist.count("- [ ] ") >= 8
    for phrase in ("Tell Ana the time.", "At 19:00: go in together", "At 19:40: stand up"):
        assert phrase in checklist, phrase


def test_the_case_top_basket_adults_and_supporters_are_offered(cli, home, sam, shipped):
    flow = shipped.get("sit_in")
    case = case_profile(home, sam)
    behaviour = message_at(flow, "behaviour", case)
    assert "- Hits and kicks his sister Mia when he loses a game" in behaviour
    assert "- Punches holes in the bedroom door when told no" in behaviour
    assert "Demands money" not in behaviour
    assert [c.value for c in choices_for(flow.fields["sit_in_adults"], case)] == ["Jo", "Chris"]
    assert [c.value for c in choices_for(flow.fields["speaker"], case)] == ["Jo", "Chris"]
    assert [c.value for c in choices_for(flow.fields["standby"], case)] == ["Ana", "Dev"]
    assert "- Ana (my sister)" in message_at(flow, "standby", case)


def test_the_opening_example_uses_the_chosen_behaviour(shipped):
    text = message_at(
        shipped.get("sit_in"), "opening", {"name": "Sam"}, {"behaviour": "you hitting Mia"}
    )
    assert "very worried about what has been happening: you hitting Mia." in words_of(
        text.replace("\n> ", "\n")
    )


def test_safety_stop_file_shows_guidance_and_stores_no_plan(cli, home):
    add_to_case(home, "Sam", contacts=CONTACTS)
    set_region(home, "GB")
    result = cli("run", "sit_in", "--answers", ANSWERS / "sit_in_safety_stop.yaml", "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    text = words_of(result.stdout)
    assert "**Someone may be exploiting your young person.**" in text
    assert "Tell the police (999 if they are in danger now)" in text
    assert "Samaritans" in text and "Dr Okafor" in text
    assert json.loads(cli("plans", "--json").stdout) == []


@pytest.mark.parametrize(
    ("words", "advice"),
    [
        ("We are worried about you hitting Mia. Stop it or else.", "could be heard as a threat"),
        ("You are so selfish when you hit Mia.", "could feel shaming or insulting"),
        (" ".join(["We are really very worried about you hitting Mia."] * 6), "long speech"),
    ],
)
def test_opening_words_are_checked_gently(cli, tmp_path, words, advice):
    answers = answers_with(tmp_path, "sit_in", opening_words=words)
    result = cli("run", "sit_in", "--answers", answers, "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    assert "note on 'opening_words'" in result.stderr and advice in result.stderr


def test_calm_short_opening_words_pass_without_advice(cli):
    result = cli("run", "sit_in", "--answers", ANSWERS / "sit_in.yaml", "--case", "Sam")
    assert "note on" not in result.stderr


def test_duration_outside_the_agreed_range_is_refused(cli, tmp_path):
    answers = answers_with(tmp_path, "sit_in", duration=5)
    result = cli("run", "sit_in", "--answers", answers, "--case", "Sam")
    assert result.exit_code != 0
    assert "between 10 minutes and 2 hours" in result.stderr


def test_no_supporters_and_no_standby_still_plans_safely(cli, tmp_path):
    answers = answers_with(tmp_path, "sit_in", standby=None, standby_how=None)
    outcome = run(cli, "sit_in", answers, "Lee")
    assert "no_supporters" in outcome["path"]
    plan = words_of(plan_text(cli, outcome))
    assert "**On standby:** no one yet." in plan
    assert "Keep a charged phone with you." in plan


def test_a_tense_time_gets_advice(cli, tmp_path):
    answers = answers_with(tmp_path, "sit_in", calm_moment=False)
    assert "not_calm" in run(cli, "sit_in", answers, "Sam")["path"]


def test_the_sit_in_is_a_neutral_calendar_event(shipped):
    event = shipped.get("sit_in").block("when").event
    assert event is not None
    assert (event.date, event.time, event.duration) == ("sit_in_date", "sit_in_time", "duration")
    assert "sit" not in event.title.lower()


def test_follow_up_notes_read_as_a_short_record(shipped):
    follow_up = shipped.get("sit_in").content.follow_up
    assert follow_up is not None
    text = render(
        follow_up.template,
        {
            "follow_up": {
                "what_happened": "We sat for 40 minutes.",
                "young_person_response": "Put his headphones on.",
                "suggestion_offered": False,
                "keep": "Sitting by the wall",
            },
            "answers": {},
            "case": {"name": "Sam"},
        },
    )
    assert "We sat for 40 minutes." in text
    assert "**What Sam said or did:** Put his headphones on." in text
    assert "No suggestion this time." in text
    assert "**Keep:** Sitting by the wall" in text
    assert "How calm" not in text and "Change next time" not in text
