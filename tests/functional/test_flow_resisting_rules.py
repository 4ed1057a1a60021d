"""Resisting the 'rules': a full run to the plan, and every safety stop ending with no plan."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from coach.store import Store
from coach.yamlio import read_yaml
from tests.conftest import ANSWERS
from tests.functional.case_setup import run as run_flow
from tests.functional.case_setup import sections

FULL = ANSWERS / "resisting_rules.yaml"
STOP = ANSWERS / "resisting_rules_safety_stop.yaml"
SAFE = {
    **dict.fromkeys(
        [
            "immediate_danger",
            "young_person_missing",
            "self_harm_risk",
            "adult_hurt_child",
            "unmanageable_violence",
            "weapon_used",
            "others_at_risk",
            "domestic_abuse_now",
            "exploitation_signs",
            "abuse_past",
            "own_crisis",
            "hard_to_cope",
        ],
        False,
    ),
    "unsafe_reaction": False,
}


def run(cli, answers: Path, case: str = "Sam"):
    return run_flow(cli, "resisting_rules", answers, case)


def test_full_run_puts_each_answer_in_its_section(cli):
    outcome = run(cli, FULL)
    assert outcome["kind"] == "end" and outcome["unused"] == []
    plan = cli("show", outcome["plan_id"]).stdout
    assert plan.startswith("# Resisting the 'rules': plan for Sam\n")
    part = sections(plan)
    assert list(part)[1:] == [
        "Stop if...",
        "The rules we will stop obeying first",
        "When",
        "Who will support us",
        "Staying calm when it is met with anger",
        "If things get worse for a while",
        "All the rules we named",
    ]
    stop = part["Stop if..."]
    assert "Sam becomes violent: leave the room" in stop
    assert "- Sam's little sister is at home and gets scared" in stop
    first = part["The rules we will stop obeying first"]
    assert "### 1. I may not go out in the evening" in first
    assert "go to my choir practice as usual" in first
    assert "\"I'm going to choir. I'll be back at half past nine.\"" in first
    assert "### 2. We must give Sam money whenever Sam asks" in first
    assert "say once that the answer is no" in first
    when = part["When"]
    assert "**Friday 4 December 2026** at 18:45" in when
    assert "short, calm word" in when and "We always tell them first" in when
    assert (
        "Things often get worse before they get better" in part["If things get worse for a while"]
    )
    support = part["Who will support us"]
    assert "- Chris\n- Ana\n" in support
    assert "Ana will be on the phone" in support
    calm = part["Staying calm when it is met with anger"]
    assert '"I can see you\'re angry. My answer is still no."' in calm
    assert "- Leave the room calmly, and say I'll come back" in calm
    assert "07700 900123" in calm
    named = part["All the rules we named"]
    assert "- **No one goes into Sam's room**: Sam shouts and slams the door" in named
    assert named.count("\n- **") == 2  # three rules, one per line


def test_one_rule_only_leaves_no_second_heading(cli, tmp_path):
    answers = read_yaml(FULL).data
    for key in ("second_rule", "second_how", "second_words", "start_time", "support_people"):
        answers.pop(key)
    file = tmp_path / "one_rule.yaml"
    file.write_text(yaml.safe_dump(answers))
    outcome = run(cli, file)
    assert "how_second" not in outcome["path"]
    plan = cli("show", outcome["plan_id"]).stdout
    assert "### 1. I may not go out in the evening" in plan
    assert "### 2." not in plan
    assert "**Friday 4 December 2026**." in plan
    assert "No one named yet." in plan


def test_supporters_from_the_case_are_offered(cli, home):
    with Store.open(home) as store:
        store.create_case("Sam", {"supporters": [{"name": "Ana"}, {"name": "Grandad Joe"}]})
    answers = read_yaml(FULL).data
    answers["support_people"] = ["Grandad Joe", "Chris"]  # one from the case, one typed
    file = Path(home).parent / "with_case.yaml"
    file.write_text(yaml.safe_dump(answers))
    plan = cli("show", run(cli, file)["plan_id"]).stdout
    assert "- Grandad Joe\n- Chris\n" in sections(plan)["Who will support us"]


def test_a_threatening_plan_gets_a_gentle_note_once(cli, tmp_path):
    answers = read_yaml(FULL).data
    answers["first_how"] = "I will go out, and if Sam wrecks anything I will take away the phone."
    file = tmp_path / "threat.yaml"
    file.write_text(yaml.safe_dump(answers))
    result = cli("run", "resisting_rules", "--answers", file, "--case", "Sam", "--json")
    assert result.exit_code == 0
    assert "note on 'first_how'" in result.stderr and "That sounds like a penalty" in result.stderr


def test_safety_stop_shows_guidance_and_stores_no_plan(cli, home):
    with Store.open(home) as store:
        store.set_setting("region", "GB")
        store.create_case(
            "Sam", {"contacts": [{"name": "Dr Okafor", "role": "GP", "phone": "01632 960001"}]}
        )
    result = cli("run", "resisting_rules", "--answers", STOP, "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    assert "## Safety comes first" in result.stdout
    assert "**Your young person is missing.** Call the police on 999" in result.stdout
    assert "Samaritans" in result.stdout
    assert "**Dr Okafor** (GP): 01632 960001" in result.stdout
    assert json.loads(cli("plans", "--json").stdout) == []


def test_a_feared_reaction_stops_before_any_planning(cli, tmp_path):
    file = tmp_path / "unsafe_reaction.yaml"
    file.write_text(yaml.safe_dump({**SAFE, "unsafe_reaction": True}))
    outcome = run(cli, file)
    assert outcome["outcome"] == "unsafe_reaction_stop" and outcome["kind"] == "safety_stop"
    assert outcome["plan_id"] is None
    text = cli("run", "resisting_rules", "--answers", file, "--case", "Sam").stdout
    assert "## Let's not do this alone" in text and "emergency" in text
    assert json.loads(cli("plans", "--json").stdout) == []


def test_a_routine_that_helps_with_a_need_is_changed_only_with_notice_and_small_steps(
    cli, tmp_path
):
    answers = read_yaml(FULL).data
    answers["first_is_need"] = True
    answers["need_steps"] = "A new plate on Sundays only, talked through with his OT first"
    file = tmp_path / "need.yaml"
    file.write_text(yaml.safe_dump(answers))
    outcome = run(cli, file)
    assert "need_routine" in outcome["path"]
    first = sections(cli("show", outcome["plan_id"]).stdout)["The rules we will stop obeying first"]
    assert "**This routine helps with a need.** We change it only with notice, support" in first
    assert "A new plate on Sundays only" in first


def test_the_flow_always_tells_before_acting(shipped):
    spec = shipped.get("resisting_rules").fields["tell_first"]
    assert spec.required and all("simply start" not in c.label for c in spec.choices)


def test_a_second_rule_that_meets_a_need_is_told_apart_too(cli, tmp_path):
    """Accommodations for anxiety, autism or another need are not coercive 'rules', whichever
    of the two rules it is: change only with notice, support and small steps."""
    data = read_yaml(FULL).data
    data.update(second_is_need=True, need_steps="A new plate on Sundays only, with the OT")
    answers = tmp_path / "second_need.yaml"
    answers.write_text(yaml.safe_dump(data))
    outcome = run_flow(cli, "resisting_rules", answers, "Sam")
    assert "need_routine" in outcome["path"]
    rules = sections(cli("show", str(outcome["plan_id"])).stdout)[
        "The rules we will stop obeying first"
    ]
    second = rules[rules.index("### 2.") :]
    assert "**This routine helps with a need.**" in second
    assert "Our first small step: A new plate on Sundays only" in second
    assert "**This routine helps with a need.**" not in rules[: rules.index("### 2.")]
