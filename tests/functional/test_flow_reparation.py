"""Making amends: the hurt person first, ideas offered, a go-between, the words checked, what to
do if the young person is not ready, and the safety routes that make no plan."""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

from coach.templating import render
from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    CONTACTS,
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


def test_full_run_makes_the_plan(cli, sam):
    outcome = run(cli, "reparation", ANSWERS / "reparation.yaml", sam)
    assert outcome["unused"] == []
    assert "someone_hurt" not in outcome["path"] and "not_calm" not in outcome["path"]
    plan = plan_text(cli, outcome)
    assert plan.startswith("# Plan for making amends (Sam)\n")
    parts = sections(plan)
    assert "A planning aid to use alongside professional support." in parts[""]
    assert "Making amends is a way back for Sam. It is never a punishment." in parts[""]
    assert [h for h in parts if h] == [
        "What happened",
        "The person who was harmed comes first",
        "Ideas we will offer",
        "The go-between",
        "Suggesting it",
        "If Sam is not ready",
        "When Sam makes amends",
    ]
    happened = parts["What happened"]
    assert "Sam threw Mia's lamp at the wall" in happened
    assert "- **When:** Tuesday 24 November 2026" in happened
    assert "  - A brother or sister" in happened
    harmed = words_of(parts["The person who was harmed comes first"])
    assert "**What they need:** Mia wants her lamp fixed" in harmed
    assert "They don't have to meet, accept an apology or forgive." in harmed
    ideas = parts["Ideas we will offer"]
    assert "- Repair what was broken, or help to repair it" in ideas
    assert "Sam can choose one, or suggest their own." in ideas
    go_between = parts["The go-between"]
    assert "**Ana** will:" in go_between
    assert "- Say they know what happened, that it was not OK, and that they stand with us" in (
        go_between
    )
    suggesting = words_of(parts["Suggesting it"])
    assert "- **When:** Sunday 29 November 2026 at 17:00" in suggesting
    assert "> Sam, on Tuesday you broke Mia's lamp when you were angry." in suggesting
    not_ready = words_of(parts["If Sam is not ready"])
    assert 'say: "The offer stays open."' in not_ready
    assert "It is never a condition for anything else." in not_ready
    assert "- Ana tells Sam she heard he fixed the lamp" in parts["When Sam makes amends"]


def test_someone_injured_puts_safety_first(cli, sam, tmp_path):
    answers = answers_with(tmp_path, "reparation", anyone_injured=True, injury_recorded=False)
    outcome = run(cli, "reparation", answers, sam)
    assert "someone_hurt" in outcome["path"]
    safety = words_of(sections(plan_text(cli, outcome))["Safety first"])
    for phrase in (
        "We agree a safe room with a phone, and keep sharp objects out of reach.",
        "photograph injuries and damage",
        "Calling the police is protection, not betrayal.",
        "- [ ] Write down what happened, and any injuries, today.",
    ):
        assert phrase in safety, phrase


def test_no_go_between_yet_says_so(cli, sam, tmp_path):
    answers = answers_with(tmp_path, "reparation", go_between=None, go_between_role=None)
    go_between = sections(plan_text(cli, run(cli, "reparation", answers, sam)))["The go-between"]
    assert "No one yet." in go_between


def test_a_tense_time_gets_advice(cli, sam, tmp_path):
    answers = answers_with(tmp_path, "reparation", calm_moment=False)
    assert "not_calm" in run(cli, "reparation", answers, sam)["path"]


def test_safety_stop_shows_guidance_and_stores_no_plan(cli, home):
    add_to_case(home, "Sam", contacts=CONTACTS)
    set_region(home, "GB")
    answers = ANSWERS / "reparation_safety_stop.yaml"
    result = cli("run", "reparation", "--answers", answers, "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    text = words_of(result.stdout)
    assert "Making amends can wait." in text
    assert "Samaritans" in text and "Dr Okafor" in text
    outcome = run(cli, "reparation", answers, "Sam")
    assert outcome["kind"] == "safety_stop" and outcome["plan_id"] is None
    assert "harm" not in outcome["path"]
    assert json.loads(cli("plans", "--json").stdout) == []


def test_suggesting_it_is_a_neutral_calendar_event(cli, sam):
    outcome = run(cli, "reparation", ANSWERS / "reparation.yaml", sam)
    data = cli("export", str(outcome["plan_id"]), "--format", "ics").stdout_bytes
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Plan: family talk"


def test_follow_up_keeps_the_offer_open(shipped):
    follow_up = shipped.get("reparation").content.follow_up
    assert follow_up is not None
    text = words_of(
        render(
            follow_up.template,
            {
                "follow_up": {"what_happened": "Sam said no.", "amends_made": "Not yet"},
                "answers": {},
            },
        )
    )
    assert "**Amends made:** Not yet." in text
    assert "The offer stays open." in text
