"""Looking after yourself: the parent's own crisis question first, then a short plan of rest,
support and small recoveries, with a neutral calendar event and a follow-up."""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

from coach.templating import render
from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    SUPPORTERS,
    add_to_case,
    answers_with,
    plan_text,
    run,
    sections,
    set_region,
    words_of,
)


@pytest.fixture
def sam(home):
    add_to_case(home, "Sam", supporters=SUPPORTERS)
    set_region(home, "GB")
    return "Sam"


def test_full_run_makes_a_short_plan(cli, sam):
    outcome = run(cli, "self_care", ANSWERS / "self_care.yaml", sam)
    assert outcome["unused"] == []
    plan = plan_text(cli, outcome)
    assert plan.startswith("# Looking after myself\n")
    assert "\\_" not in plan, "every choice in the answers file is a known choice"
    parts = sections(plan)
    assert "A planning aid to use alongside professional support." in parts[""]
    assert [h for h in parts if h] == [
        "How I am",
        "Rest",
        "My own support",
        "After a hard moment",
        "When I am running low",
        "If it gets too much",
    ]
    assert "How worn out I feel, most days: 8 out of 10." in parts["How I am"]
    assert "- Walking on eggshells at home" in parts["How I am"]
    rest = words_of(parts["Rest"])
    assert "- An earlier night, two or three times a week" in rest
    assert "**When:** Tuesdays and Thursdays in bed by 22:30" in rest
    support = words_of(parts["My own support"])
    assert "**People I can talk to:** Ana" in support
    assert "- Seeing my GP or doctor about how I'm feeling" in support
    assert (
        "**This week:** Ring Ana on Sunday evening, just to talk, on Sunday 29 November 2026 "
        "at 19:30." in support
    )
    assert "- Breathe slowly: in for four, out for six" in parts["After a hard moment"]
    low = words_of(parts["When I am running low"])
    assert "**My early signs:** I snap at everyone and stop sleeping" in low
    assert "**What I'd say to a friend in my place:** You are doing your best" in low
    too_much = words_of(parts["If it gets too much"])
    assert "I call 999 or talk to someone today" in too_much
    assert "Samaritans" in too_much and "Childline" not in too_much


def test_the_parents_own_crisis_stops_with_help_and_no_plan(cli, home):
    set_region(home, "GB")
    answers = ANSWERS / "self_care_crisis.yaml"
    result = cli("run", "self_care", "--answers", answers, "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    text = words_of(result.stdout)
    assert "## You matter too" in result.stdout
    assert "call 999 now, or go to the emergency department." in text
    assert "Samaritans" in text and "Childline" not in text
    outcome = run(cli, "self_care", answers, "Sam")
    assert outcome["outcome"] == "own_crisis_stop" and outcome["plan_id"] is None
    assert outcome["path"] == ["welcome", "own_crisis_check", "own_crisis_stop"]
    assert json.loads(cli("plans", "--json").stdout) == []


def test_nothing_chosen_for_support_still_reads_well(cli, sam, tmp_path):
    answers = answers_with(
        tmp_path,
        "self_care",
        support_people=None,
        support_kind=None,
        support_step=None,
        support_date=None,
        support_time=None,
        low_steps=None,
    )
    parts = sections(plan_text(cli, run(cli, "self_care", answers, sam)))
    assert (
        "Not decided yet. One person who asks how I am is a good start." in parts["My own support"]
    )
    assert "Then I will tell someone I trust, and ask for help." in parts["When I am running low"]


def test_the_support_step_is_a_neutral_calendar_event(cli, sam):
    outcome = run(cli, "self_care", ANSWERS / "self_care.yaml", sam)
    data = cli("export", str(outcome["plan_id"]), "--format", "ics").stdout_bytes
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Plan: catch-up"


def test_follow_up_compares_how_worn_out_with_before(shipped):
    follow_up = shipped.get("self_care").content.follow_up
    assert follow_up is not None
    text = words_of(
        render(
            follow_up.template,
            {
                "follow_up": {"rest_kept": "Not yet", "worn_out_now": 6, "what_helped": "Ana"},
                "answers": {"worn_out": 8},
            },
        )
    )
    assert "**Rest:** Not yet." in text
    assert "**How worn out I feel now:** 6 out of 10 (it was 8)." in text
    assert "Pick one small thing for the week ahead." in text


@pytest.mark.parametrize(
    "flow_id",
    ["de_escalation", "delayed_action", "announcement", "sit_in", "resisting_rules", "reparation"],
)
def test_the_hard_flows_end_by_offering_it(shipped, flow_id):
    title = shipped.get("self_care").content.title
    done = words_of(shipped.get(flow_id).block("done").say)
    assert f'"{title}" helps you plan some rest and support' in done
