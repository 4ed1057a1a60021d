"""Every flow's safety routes through `coach run`: each question of the shared screen or the
short check stops the flow on its own, shows its own guidance and makes no plan."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ANSWERS
from tests.functional.case_setup import answers_with, run, set_region, words_of

SCREEN_FLOWS = ("announcement", "sit_in", "resisting_rules", "reparation")
SHORT_FLOWS = (
    "de_escalation",
    "delayed_action",
    "priorities",
    "support_network",
    "supporter_messages",
    "reconciliation_gestures",
    "self_care",
    "check_in",
)
# parental_presence takes the short check too, but sends a missing young person to its own
# stop with the police first: tests/functional/test_flow_parental_presence.py.
SHORT = {
    "immediate_danger": ("safety_stop", "Someone is in danger now. Call 999 now."),
    "young_person_missing": ("safety_stop", "Your young person is missing. Call the police"),
    "self_harm_risk": ("safety_stop", "Self-harm or talk of suicide. An injury that needs"),
    "adult_hurt_child": ("protect_stop", "Please tell your local council's children's services"),
}
SCREEN = {
    **SHORT,
    "unmanageable_violence": ("safety_stop", "A safe room you can go to, with a phone"),
    "others_at_risk": ("safety_stop", "Others at home could get hurt."),
    "domestic_abuse_now": ("protect_stop", "Abuse or fear at home. You deserve to be safe"),
    "exploitation_signs": ("protect_stop", "Do not contact or confront the people you suspect"),
    "own_crisis": ("own_crisis_stop", "You matter too"),
}


def stop_run(cli, tmp_path, flow_id: str, **changes: object) -> tuple[dict, str]:
    """Run the flow's answers file (every safety answer no) with ``changes``: (outcome, text)."""
    answers = answers_with(tmp_path, flow_id, **changes)
    outcome = run(cli, flow_id, answers, "Sam")
    text = cli("run", flow_id, "--answers", answers, "--case", "Sam").stdout
    return outcome, words_of(text).replace("**", "")


@pytest.fixture(autouse=True)
def _region(home):
    set_region(home, "GB")


@pytest.mark.parametrize("flow_id", SCREEN_FLOWS)
@pytest.mark.parametrize("question", sorted(SCREEN))
def test_each_screen_question_stops_the_flow_with_its_guidance(cli, tmp_path, flow_id, question):
    stop, words = SCREEN[question]
    outcome, text = stop_run(cli, tmp_path, flow_id, **{question: True})
    assert (outcome["outcome"], outcome["kind"], outcome["plan_id"]) == (
        stop,
        "safety_stop",
        None,
    )
    assert words in text
    assert "Samaritans: 116 123" in text
    assert json.loads(cli("plans", "--json").stdout) == []


@pytest.mark.parametrize("flow_id", SHORT_FLOWS)
@pytest.mark.parametrize("question", sorted(SHORT))
def test_each_short_check_question_stops_the_flow(cli, tmp_path, flow_id, question):
    stop, words = SHORT[question]
    outcome, text = stop_run(cli, tmp_path, flow_id, **{question: True})
    assert (outcome["outcome"], outcome["plan_id"]) == (stop, None)
    assert words in text


@pytest.mark.parametrize(
    ("question", "said_once"),
    [
        ("immediate_danger", "in danger"),
        ("young_person_missing", "there is no waiting period"),
        ("self_harm_risk", "any overdose"),
    ],
)
def test_a_stop_gives_its_reason_once(cli, tmp_path, question, said_once):
    _, text = stop_run(cli, tmp_path, "de_escalation", **{question: True})
    assert text.count(said_once) == 1


def test_a_stop_for_other_reasons_still_names_the_emergency_number(cli, tmp_path):
    _, text = stop_run(cli, tmp_path, "sit_in", others_at_risk=True)
    assert "If anyone is in danger right now, call 999." in text


def test_danger_now_stops_before_any_other_question(cli, tmp_path):
    outcome, text = stop_run(cli, tmp_path, "sit_in", immediate_danger=True)
    assert outcome["path"][-2:] == ["now_danger", "safety_stop"]
    assert "Your young person is missing." not in text  # only the sections it needs


def test_a_weapon_without_a_professional_stops_with_the_police_first(cli, tmp_path):
    outcome, text = stop_run(
        cli, tmp_path, "announcement", weapon_used=True, weapon_professional=False
    )
    assert outcome["outcome"] == "safety_stop"
    assert "A weapon. A weapon, used or waved at someone, needs a safety plan" in text


def test_a_weapon_with_a_professional_goes_on(cli, tmp_path):
    answers = answers_with(tmp_path, "announcement", weapon_used=True, weapon_professional=True)
    outcome = run(cli, "announcement", answers, "Sam")
    assert "screen_weapon" in outcome["path"] and outcome["kind"] == "end"


def test_abuse_in_the_past_is_not_a_stop_but_adapts_the_guidance(cli, tmp_path):
    answers = answers_with(tmp_path, "sit_in", abuse_past=True)
    outcome = run(cli, "sit_in", answers, "Sam")
    assert "past_abuse_note" in outcome["path"] and outcome["kind"] == "end"


def test_the_quick_late_night_flow_asks_the_parents_own_crisis(cli, tmp_path):
    outcome, text = stop_run(cli, tmp_path, "delayed_action", own_crisis=True)
    assert outcome["outcome"] == "own_crisis_stop"
    assert "You matter too" in text and "Samaritans: 116 123" in text
    assert "Childline" not in text  # lines for adults, not the young person's


def test_the_safety_stop_files_stop_as_they_say(cli):
    for name, stop in (
        ("announcement_safety_stop", "safety_stop"),
        ("sit_in_safety_stop", "protect_stop"),
        ("resisting_rules_safety_stop", "safety_stop"),
        ("de_escalation_safety_stop", "safety_stop"),
        ("delayed_action_safety_stop", "safety_stop"),
        ("reparation_safety_stop", "safety_stop"),
    ):
        flow_id = name.removesuffix("_safety_stop")
        outcome = run(cli, flow_id, ANSWERS / f"{name}.yaml", "Sam")
        assert (outcome["outcome"], outcome["plan_id"]) == (stop, None), name
