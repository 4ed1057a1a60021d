"""Every flow's safety routes through `coach run`: each question of the shared screen or the
short check stops the flow on its own, shows its own guidance and makes no plan. Self-harm
is the one difference: the full screen stops at any, the short check only at an emergency
now (an injury, an overdose, a plan to end their life); otherwise it notes where to get help
soon, keeps the concern on the case, and goes on."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    answers_with,
    case_profile,
    message_at,
    run,
    set_region,
    words_of,
)

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
    "adult_hurt_child": ("protect_stop", "Please tell your local council's children's services"),
}
SCREEN = {
    **SHORT,
    "self_harm_risk": ("safety_stop", "Self-harm or talk of suicide. An injury that needs"),
    "unmanageable_violence": ("safety_stop", "A safe room you can go to, with a phone"),
    "others_at_risk": ("safety_stop", "Others at home could get hurt."),
    "domestic_abuse_now": ("protect_stop", "Abuse or fear at home. You deserve to be safe"),
    "exploitation_signs": ("protect_stop", "Do not contact or confront the people you suspect"),
    "own_crisis": ("own_crisis_stop", "You matter too"),
    # Not coping stops the full screen too: no confrontation is planned then.
    "hard_to_cope": ("own_crisis_stop", "You matter too"),
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


@pytest.mark.parametrize("flow_id", SHORT_FLOWS)
def test_self_harm_now_stops_a_short_flow_with_emergency_help(cli, tmp_path, flow_id):
    outcome, text = stop_run(cli, tmp_path, flow_id, self_harm_risk=True, self_harm_now=True)
    assert (outcome["outcome"], outcome["plan_id"]) == ("safety_stop", None)
    assert "An injury, an overdose or a plan to end their life. Call 999" in text


@pytest.mark.parametrize("flow_id", SHORT_FLOWS)
def test_self_harm_without_an_emergency_lets_a_short_flow_go_on(cli, home, tmp_path, flow_id):
    """Presence, care and calm at home are the parent's part: the short flows stay open to a
    family whose young person self-harms, once they know where to get help soon, and the
    concern is kept on the case, apart from anything shared."""
    source = f"{flow_id}_no_supporters" if flow_id == "supporter_messages" else None
    answers = answers_with(tmp_path, flow_id, source, self_harm_risk=True, self_harm_now=False)
    outcome = run(cli, flow_id, answers, "Sam")
    assert "self_harm_note" in outcome["path"] and outcome["kind"] == "end"
    if flow_id != "priorities":  # its own answers file sets the concerns list afresh
        renamed = yaml.safe_load(answers.read_text()).get("young_person")  # a name step
        concerns = case_profile(home, renamed or "Sam")["concerns"]
        assert [row["basket"] for row in concerns] == ["concern_self_harm"]
    shared = cli("export", str(outcome["plan_id"]), "--format", "md").stdout
    assert "safety check" not in shared and "hurt themselves" not in shared


def test_self_harm_without_an_emergency_still_stops_the_full_screen(cli, tmp_path):
    outcome, _ = stop_run(cli, tmp_path, "sit_in", self_harm_risk=True, self_harm_now=False)
    assert outcome["outcome"] == "safety_stop"
    assert "now_self_harm" not in outcome["path"]


@pytest.mark.parametrize(
    ("flow_id", "question", "said_once"),
    [
        ("de_escalation", "immediate_danger", "in danger"),
        ("de_escalation", "young_person_missing", "there is no waiting period"),
        ("sit_in", "self_harm_risk", "any overdose"),
    ],
)
def test_a_stop_gives_its_reason_once(cli, tmp_path, flow_id, question, said_once):
    _, text = stop_run(cli, tmp_path, flow_id, **{question: True})
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


@pytest.mark.parametrize(
    "changes",
    [{"weapon_used": True, "weapon_professional": False}, {"others_at_risk": True}],
)
def test_a_stop_for_a_weapon_or_others_at_risk_carries_the_short_safety_plan(
    cli, tmp_path, changes
):
    _, text = stop_run(cli, tmp_path, "sit_in", **changes)
    assert "A safe room you can go to, with a phone" in text
    assert text.count("A safe room") == 1


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


@pytest.mark.parametrize("flow_id", ["delayed_action", "self_care", "check_in"])
def test_finding_it_hard_to_cope_is_met_with_support_and_the_flow_goes_on(
    cli, shipped, tmp_path, flow_id
):
    """Not coping is not a stop in the quick flows: a short note with lines for adults, then
    the flow carries on to its plan (or check-in). Thoughts of self-harm still stop."""
    answers = answers_with(tmp_path, flow_id, hard_to_cope=True)
    outcome = run(cli, flow_id, answers, "Sam")
    assert outcome["kind"] == "end" and outcome["outcome"] == "done"
    path = outcome["path"]
    assert path[path.index("own_crisis_check") + 1 :][:2] == ["coping_check", "coping_note"]
    assert "own_crisis_stop" not in path
    made = outcome["check_in_id"] if flow_id == "check_in" else outcome["plan_id"]
    assert made is not None
    note = words_of(message_at(shipped.get(flow_id), "coping_note", {"name": "Sam"}))
    assert note.startswith("## It is very hard right now")
    assert "not a failing" in note and "One small thing for yourself" in note
    assert "Samaritans: 116 123" in note.replace("**", "") and "Childline" not in note
    made_for_it = "This flow is made for exactly this."
    if flow_id == "self_care":
        assert made_for_it in note
    else:
        assert made_for_it not in note and '"Look after yourself"' in note
    stopped, _ = stop_run(cli, tmp_path, flow_id, own_crisis=True, hard_to_cope=True)
    assert stopped["outcome"] == "own_crisis_stop" and stopped["plan_id"] is None


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


def test_a_missing_young_person_stops_before_any_other_question(cli, tmp_path):
    outcome, _ = stop_run(cli, tmp_path, "sit_in", young_person_missing=True)
    assert outcome["path"][-2:] == ["now_missing", "safety_stop"]


def test_abuse_now_shows_the_domestic_abuse_lines_first_and_once(cli, tmp_path):
    """Read at 80x24, the abuse lines come right after the abuse paragraph, before the lines
    for a parent who is struggling; they are not listed a second time."""
    _, text = stop_run(cli, tmp_path, "reparation", domestic_abuse_now=True)
    helpline = "National Domestic Abuse Helpline (England)"
    assert text.count(helpline) == 1
    assert text.index("Abuse or fear at home.") < text.index(helpline) < text.index("Samaritans")
    assert "F3 hides the coach at once" in text
