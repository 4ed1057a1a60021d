"""The weekly check-in: right-now check and the parent's own crisis question first, goals kept
on the case so next week only asks for ratings, and a plan that reads well."""

from __future__ import annotations

import json
from datetime import date

from coach.campaign.entries import GoalRating
from coach.campaign.from_flows import check_in_from_answers
from coach.engine import Session
from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    SHORT_CHECK_NO,
    SHORT_CHECK_PATH,
    answers_with,
    case_profile,
    plan_text,
    sections,
)
from tests.functional.case_setup import run as run_flow

FLOW = "check_in"
FULL = ANSWERS / "check_in.yaml"


def run(cli, answers, case="Sam"):
    return run_flow(cli, FLOW, answers, case)


def test_a_full_check_in_makes_a_short_plan(cli):
    outcome = run(cli, FULL)
    assert outcome["kind"] == "end" and outcome["unused"] == []
    assert outcome["path"][:6] == ["welcome", *SHORT_CHECK_PATH, "own_crisis_check", "goals"]
    plan = plan_text(cli, outcome)
    assert plan.startswith("# Weekly check-in for Sam\n")
    assert "A planning aid to use alongside professional support." in plan
    part = sections(plan)
    assert list(part)[1:] == [
        "Our goals",
        "How this week felt",
        "What went a little better",
        "Next week",
    ]
    assert "- **Calmer mornings before school**: 3 out of 10" in part["Our goals"]
    assert "- **We eat together twice a week**: 5 out of 10" in part["Our goals"]
    felt = part["How this week felt"]
    for line in (
        "**Helpless:** 7",
        "**Able to stay calm:** 4",
        "**Supported:** 2",
        "**Present:** 6",
    ):
        assert line in felt


def test_goals_stay_on_the_case_and_are_offered_next_week(cli, home, shipped):
    run(cli, FULL)
    goals = case_profile(home, "Sam")["goals"]
    assert [row["goal"] for row in goals] == [
        "Calmer mornings before school",
        "We eat together twice a week",
    ]
    session = Session(shipped.get(FLOW), today=date(2026, 12, 4), case={"goals": goals})
    spec = shipped.get(FLOW).fields["goals"]
    assert session.prefill(spec) == goals


def test_a_check_in_with_nothing_but_the_safety_questions_still_reads_well(cli, tmp_path):
    answers = tmp_path / "bare.yaml"
    answers.write_text(SHORT_CHECK_NO + "own_crisis: no\n")
    plan = plan_text(cli, run(cli, answers, case="Lee"))
    part = sections(plan)
    assert "No goals were rated this week." in part["Our goals"]
    assert "No ratings this week." in part["How this week felt"]
    assert "What went a little better" not in part


def test_a_fourth_goal_is_refused_kindly(cli, tmp_path):
    four = [{"goal": f"Goal {n}", "rating": n} for n in range(4)]
    answers = answers_with(tmp_path, FLOW, goals=four)
    result = cli("run", FLOW, "--answers", answers, "--case", "Sam")
    assert result.exit_code != 0
    assert "Three goals are plenty" in result.stderr
    assert "Traceback" not in result.stderr


def test_danger_right_now_stops_at_once_without_a_plan(cli, tmp_path):
    answers = tmp_path / "danger.yaml"
    answers.write_text("immediate_danger: yes\n")
    outcome = run(cli, answers)
    assert outcome["outcome"] == "safety_stop" and outcome["kind"] == "safety_stop"
    assert outcome["path"] == ["welcome", "now_danger", "safety_stop"]
    assert outcome["plan_id"] is None


def test_the_parent_s_own_crisis_leads_to_support_for_them(cli):
    result = cli("run", FLOW, "--answers", ANSWERS / "check_in_own_crisis.yaml", "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    assert "You matter too" in result.stdout
    assert "If you might act on thoughts of harming yourself" in result.stdout
    assert json.loads(cli("plans", "--json").stdout) == []


def test_the_answers_become_a_check_in_record(shipped):
    answers = {
        "goals": [{"goal": "Calmer mornings", "rating": 3}],
        "felt_helpless": 7,
        "felt_calm": 4,
    }
    check_in = check_in_from_answers(answers, date(2026, 11, 27))
    assert check_in.goals == (GoalRating("Calmer mornings", 3),)
    assert check_in.calm == 4 and check_in.supported is None
    assert {f"felt_{name}" for name in ("helpless", "calm", "supported", "present")} <= set(
        shipped.get(FLOW).fields
    )
