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
    assert plan.startswith("# Making amends: plan for Sam\n")
    assert "\\_" not in plan, "every choice in the answers file is a known choice"
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
    safety = words_of(sections(plan_text(cli, outcome))["Not for the family: safety first"])
    for phrase in (
        "If an injury needs treatment, we get it treated",
        "**A safe room** you can go to, with a phone",
        "**Sharp objects and anything that could be used as a weapon** put away.",
        "**Where you would go**",
        "**Whom you would call**: 999 in danger",
        "**Keep a record**: dates, what happened, photos of injuries",
        "It is not a betrayal.",
        "- [ ] Write down what happened, and any injuries, today.",
    ):
        assert phrase in safety, phrase
    family_copy = cli("export", str(outcome["plan_id"]), "--format", "md").stdout
    assert "A safe room" not in family_copy and "Ideas we will offer" in family_copy


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
    assert "**Violence that is hard to handle safely.**" in text
    assert "**A safe room** you can go to, with a phone" in text
    assert "Samaritans" in text and "Dr Okafor" in text
    outcome = run(cli, "reparation", answers, "Sam")
    assert outcome["kind"] == "safety_stop" and outcome["plan_id"] is None
    assert outcome["outcome"] == "safety_stop" and "harm" not in outcome["path"]
    assert json.loads(cli("plans", "--json").stdout) == []


def test_a_weapon_with_a_professional_helping_goes_on_and_the_plan_says_talk_first(
    cli, sam, tmp_path
):
    answers = answers_with(tmp_path, "reparation", weapon_used=True, weapon_professional=True)
    outcome = run(cli, "reparation", answers, sam)
    assert outcome["kind"] == "end"
    talk = words_of(sections(plan_text(cli, outcome))["Not for the family: talk it through first"])
    assert "we talk this plan through with the professional helping us" in talk


def test_abuse_in_the_past_adapts_the_go_between_step(cli, sam, tmp_path, shipped):
    from tests.functional.case_setup import message_at

    flow = shipped.get("reparation")
    plain = words_of(message_at(flow, "go_between", {"name": "Sam"}, {"abuse_past": False}))
    adapted = words_of(message_at(flow, "go_between", {"name": "Sam"}, {"abuse_past": True}))
    assert "never that person" not in plain
    assert "Choose a go-between you trust, never that person." in adapted
    outcome = run(cli, "reparation", answers_with(tmp_path, "reparation", abuse_past=True), sam)
    assert "past_abuse_note" in outcome["path"] and outcome["kind"] == "end"


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


def test_the_shipped_answers_get_no_advice(cli, sam):
    result = cli("run", "reparation", "--answers", ANSWERS / "reparation.yaml", "--case", sam)
    assert result.exit_code == 0 and "note on" not in result.stderr


@pytest.mark.parametrize(
    ("field", "words", "advice"),
    [
        ("proposal_words", "You will pay for the lamp from your pocket money, or else.", "threat"),
        ("amends_notes", "He can have his phone back once he has earned it.", "depend on"),
        ("if_refuses", ["stay_calm", "No phone until he has fixed it"], "penalty"),
        ("what_happened", "He was rude and totally out of control again.", "label"),
    ],
)
def test_the_words_and_steps_get_the_shared_advice(cli, sam, tmp_path, field, words, advice):
    answers = answers_with(tmp_path, "reparation", **{field: words})
    result = cli("run", "reparation", "--answers", answers, "--case", sam, "--json")
    assert result.exit_code == 0, result.stderr
    notes = json.loads(result.stdout)["advice"]
    assert [note["field"] for note in notes] == [field]
    assert advice in notes[0]["message"]
