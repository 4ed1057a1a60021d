"""The announcement flow: the letter and its delivery plan, case data offered, safety stops."""

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
    """Sam's case as earlier flows leave it: baskets sorted, supporters and contacts known."""
    run(cli, "priorities", ANSWERS / "priorities.yaml", "Sam")
    add_to_case(home, "Sam", supporters=SUPPORTERS, contacts=CONTACTS)
    set_region(home, "GB")
    return "Sam"


def test_full_run_makes_the_letter_and_the_delivery_plan(cli, sam):
    outcome = run(cli, "announcement", ANSWERS / "announcement.yaml", sam)
    assert outcome["unused"] == []
    assert "no_supporters" not in outcome["path"]
    plan = plan_text(cli, outcome)
    assert plan.startswith("# Announcement for Sam\n")
    assert (
        plan.index("## Stop if...") < plan.index("## The letter") < plan.index("## Delivery plan")
    )
    parts = sections(plan)

    stop = parts["Stop if..."]
    assert "Sam becomes violent, or anyone feels unsafe" in stop

    letter = words_of(parts["The letter"])
    assert letter.startswith(" Dear Sam,")  # the name comes from the case
    for phrase in (
        "You make us laugh every single day.",
        "- hitting and kicking your sister Mia when you lose a game",
        "- punching holes in your bedroom door when we say no",
        "We will do everything we can to stand up to it, together.",
        "We are telling our family, your school and our GP, Dr Okafor,",
        "Ana and Dev know about this letter and will stand with us.",
        "Even when we are angry, we will not hit you, call you names or humiliate you.",
        "We hope we can enjoy Saturdays at the match together again",
        "With love, Mum and Chris ---",
    ):
        assert phrase in letter, phrase
    assert "18:30" not in letter and "Stop if" not in letter

    delivery = words_of(parts["Delivery plan"])
    for phrase in (
        "**When:** Saturday 5 December 2026 at 18:30",
        "**Where:** In the living room",
        "**Who reads it:** Jo",
        "**Also in the room:** Chris, Ana",
        "leave it on his desk",
        "**Sam mocks it or laughs:** Keep reading to the end, in a calm, steady voice.",
        "**Sam walks out:** Let them go without following",
        "**Sam tears it up or throws it away:** Say nothing about it, and leave a fresh copy",
        "**Sam becomes aggressive:** stop reading and leave the room calmly together.",
        "Leave the room calmly, text Ana and Dev that it is done, then make tea as usual.",
    ):
        assert phrase in delivery, phrase


def test_the_case_top_basket_and_supporters_are_offered(cli, home, sam, shipped):
    flow = shipped.get("announcement")
    case = case_profile(home, sam)
    behaviours = message_at(flow, "behaviours", case)
    assert "Your top basket has:" in behaviours
    assert "- Hits and kicks his sister Mia when he loses a game" in behaviours
    assert "Stays out past midnight with older lads" not in behaviours  # a worry, not a topic
    assert "Gaming until 2am" not in behaviours  # middle basket: not offered
    supporters = message_at(flow, "supporters", case)
    assert "- Ana (my sister)" in supporters and "- Dev (neighbour)" in supporters
    spec = flow.fields["support_names"]
    assert [c.value for c in choices_for(spec, case)] == ["Ana", "Dev"]


def test_the_adults_are_kept_on_the_case_and_offered_as_readers(cli, home, sam, shipped):
    run(cli, "announcement", ANSWERS / "announcement.yaml", sam)
    case = case_profile(home, sam)
    assert [a["name"] for a in case["adults"]] == ["Jo", "Chris"]
    reader = shipped.get("announcement").fields["reader"]
    assert [c.value for c in choices_for(reader, case)] == ["Jo", "Chris"]


def test_without_priorities_the_coach_points_to_the_priorities_flow(shipped):
    text = message_at(shipped.get("announcement"), "behaviours", {"name": "Lee"})
    assert "Your top basket" not in text
    assert '"Choose your priorities" flow' in text


def test_no_supporters_yet_suggests_the_support_network(cli, shipped):
    outcome = run(cli, "announcement", ANSWERS / "announcement.yaml", "Lee")
    assert "no_supporters" in outcome["path"]
    text = message_at(shipped.get("announcement"), "no_supporters", {"name": "Lee"})
    assert "You have not added any supporters for Lee yet" in text
    assert "support network" in text
    plan = plan_text(cli, outcome)
    assert "Dear Lee," in plan
    assert "Ana and Dev know about this letter" in words_of(plan)  # typed names still count


def test_vague_behaviour_and_late_time_are_nudged_once(cli, sam, tmp_path):
    answers = answers_with(
        tmp_path, "announcement", behaviour_2="being rude", delivery_time="23:15"
    )
    result = cli("run", "announcement", "--answers", answers, "--case", sam)
    assert result.exit_code == 0, result.stderr
    assert "note on 'behaviour_2'" in result.stderr and "mood or a label" in result.stderr
    assert "note on 'delivery_time'" in result.stderr and "late at night" in result.stderr
    assert "note on 'behaviour_1'" not in result.stderr


def test_a_threat_in_the_commitment_is_nudged(cli, sam, tmp_path):
    answers = answers_with(
        tmp_path, "announcement", commitment="Stop now or else you lose your phone."
    )
    result = cli("run", "announcement", "--answers", answers, "--case", sam)
    assert "note on 'commitment'" in result.stderr and "threat" in result.stderr


def test_a_tense_time_gets_advice_and_a_reminder_in_the_plan(cli, sam, tmp_path):
    answers = answers_with(tmp_path, "announcement", calm_moment=False)
    outcome = run(cli, "announcement", answers, sam)
    assert "not_calm" in outcome["path"]
    assert "check on the day that things are calm" in plan_text(cli, outcome)


def test_safety_stop_shows_guidance_and_stores_no_plan(cli, sam):
    result = cli(
        "run",
        "announcement",
        "--answers",
        ANSWERS / "announcement_safety_stop.yaml",
        "--case",
        sam,
    )
    assert result.exit_code == 0, result.stderr
    assert "Safety comes first" in result.stdout
    assert "call 999 or go to the emergency department" in result.stdout  # the region's numbers
    assert "Samaritans" in result.stdout
    assert "Dr Okafor" in result.stdout and "01632 960555" in result.stdout  # the case's contacts
    plans = json.loads(cli("plans", "--json").stdout)
    assert [p["title"] for p in plans] == ["Priorities for Sam"]  # no announcement


def test_delivery_is_a_neutral_calendar_event(shipped):
    event = shipped.get("announcement").block("delivery_when").event
    assert event is not None
    assert (event.date, event.time, event.duration) == ("delivery_date", "delivery_time", 15)
    assert "announcement" not in event.title.lower()


def test_follow_up_notes_read_as_a_short_record(shipped):
    follow_up = shipped.get("announcement").content.follow_up
    assert follow_up is not None
    assert {"what_happened", "young_person_response", "keep", "change"} <= {
        f.id for f in follow_up.fields
    }
    text = render(
        follow_up.template,
        {
            "follow_up": {
                "what_happened": "Jo read it to the end.",
                "young_person_response": "Laughed, then went quiet.",
                "read_to_end": False,
                "adults_calm": 8,
                "keep": "Sitting down first",
                "change": "Pick an earlier time",
            },
            "answers": {"young_name": "Sam"},
            "case": {"name": "Sam"},
        },
    )
    assert "Jo read it to the end." in text
    assert "**What Sam said or did:** Laughed, then went quiet." in text
    assert "We did not get to the end." in text
    assert "**How calm we stayed:** 8 out of 10" in text
    assert "**Keep:** Sitting down first" in text
    assert "**Change next time:** Pick an earlier time" in text
