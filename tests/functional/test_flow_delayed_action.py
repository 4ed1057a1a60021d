"""Delayed action: a quick incident log and a calm response planned for later; safety first."""

import json

from tests.conftest import ANSWERS
from tests.functional.case_setup import run as run_flow
from tests.functional.case_setup import sections

FLOW = "delayed_action"


def run(cli, answers, case="Sam"):
    return run_flow(cli, FLOW, answers, case)


def test_full_run_logs_the_incident_and_plans_the_response(cli):
    cli("run", "support_network", "--answers", ANSWERS / "support_network.yaml", "--case", "Sam")
    outcome = run(cli, ANSWERS / "delayed_action.yaml")
    assert outcome["kind"] == "end" and outcome["unused"] == []
    assert "injuries" in outcome["path"]
    plan = cli("show", str(outcome["plan_id"])).stdout
    assert plan.startswith("# Delayed response plan for Sam\n")
    part = sections(plan)

    opening = part[""]
    assert "**Stop if:**" in opening
    assert "Sam becomes violent while you respond: stop, leave calmly and call for help" in opening

    log = part["Incident log"]
    assert "- **What happened:** Sam shouted and threw a mug at the kitchen wall" in log
    assert "- **How bad it was:** 7 out of 10" in log
    assert "- **When:** Friday 27 November 2026 at 21:15" in log
    assert "- **Who was there:** Me, Sam and Mia" in log
    assert "- **Was anyone hurt:** yes" in log
    assert "A small cut" not in log  # the injuries are kept with the safety plan
    private = part["Not for the family: our safety plan"]
    assert "**Who was hurt, and how:** A small cut on my hand" in private
    shared = cli("export", str(outcome["plan_id"]), "--format", "md").stdout
    assert "A small cut" not in shared
    assert "- **What I did:** I said a short, calm phrase; I stepped away or left the room" in log

    phrase = part["My holding phrase"]
    assert "\"This is not OK. We'll talk when we're both calm.\"" in phrase
    assert "I said it this time." in phrase

    response = part["My planned response"]
    assert "- **What:** A sit-in and messages from supporters" in response
    assert "- **When:** Tuesday 1 December 2026 at 19:30" in response
    assert "- **Who will help:** Ana and Tom" in response
    assert "**To remember:** Ask Ana to be on the phone" in response
    assert "Plan the sit-in in detail with the sit-in flow." in response
    assert "supporter messages flow" in response
    assert "announcement flow" not in response
    assert "Delay never overrides safety" in response


def test_a_short_log_without_a_case_still_makes_a_plan(cli, tmp_path):
    answers = tmp_path / "short.yaml"
    answers.write_text(
        "immediate_danger: no\nyoung_person_missing: no\nself_harm_risk: no\n"
        "adult_hurt_child: no\nown_crisis: no\nhard_to_cope: no\n"
        "what_happened: Swore at me and slammed the door\n"
        "severity: 3\nanyone_hurt: no\nphrase: I won't fight about this now.\n"
        "responses: [conversation]\nresponse_date: 2026-11-29\nhelpers: [My neighbour Bea]\n"
    )
    result = cli("run", FLOW, "--answers", answers, "--json")
    assert result.exit_code == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert "injuries" not in outcome["path"]
    plan = cli("show", str(outcome["plan_id"])).stdout
    assert plan.startswith("# Delayed response plan\n")
    part = sections(plan)
    assert "your young person becomes violent" in part[""]
    assert "- **When:**" not in part["Incident log"]
    assert "- **Was anyone hurt:** no" in part["Incident log"]
    assert '"I won\'t fight about this now."' in part["My holding phrase"]
    response = part["My planned response"]
    assert "- **When:** Sunday 29 November 2026\n" in response
    assert "- **Who will help:** My neighbour Bea" in response
    assert "### Next steps" not in response


def test_immediate_danger_shows_its_help_at_the_first_yes(cli):
    outcome = run(cli, ANSWERS / "delayed_action_safety_stop.yaml")
    assert outcome["kind"] == "safety_stop" and outcome["plan_id"] is None
    assert outcome["path"] == ["welcome", "now_danger", "safety_stop"]
    assert json.loads(cli("plans", "--json").stdout) == []
