"""The weekly check-in: right-now check and the parent's own crisis question first, goals kept
on the case so next week only asks for ratings, and a check-in kept on the case (no plan)."""

from __future__ import annotations

import json
from datetime import date

from coach.campaign.from_flows import check_in_from_answers
from coach.engine import Session
from coach.records import GoalRating
from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    SHORT_CHECK_NO,
    SHORT_CHECK_PATH,
    answers_with,
    case_profile,
    message_at,
    words_of,
)
from tests.functional.case_setup import run as run_flow

FLOW = "check_in"
FULL = ANSWERS / "check_in.yaml"


def run(cli, answers, case="Sam"):
    return run_flow(cli, FLOW, answers, case)


def progress(cli, case="Sam") -> dict:
    result = cli("progress", "--case", case, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_full_check_in_is_kept_as_a_check_in_not_a_plan(cli, monkeypatch):
    monkeypatch.setattr("coach.cli.campaign_commands.today", lambda: date.today())
    outcome = run(cli, FULL)
    assert outcome["kind"] == "end" and outcome["unused"] == []
    assert outcome["path"][:8] == [
        "welcome",
        *SHORT_CHECK_PATH,
        "own_crisis_check",
        "coping_check",
        "goals",
    ]
    assert outcome["plan_id"] is None and outcome["check_in_id"] == 1
    assert json.loads(cli("plans", "--json").stdout) == []  # 52 a year would crowd the list
    figures = progress(cli)
    [check_in] = figures["check_ins"]
    assert check_in["goals"] == [
        {"goal": "Calmer mornings before school", "rating": 3},
        {"goal": "We eat together twice a week", "rating": 5},
    ]
    assert (check_in["helpless"], check_in["calm"], check_in["supported"]) == (7, 4, 2)
    assert check_in["present"] == 6
    assert check_in["went_well"] == "We watched a programme together without an argument"
    said = cli("run", FLOW, "--answers", FULL, "--case", "Sam").stdout
    assert said.startswith("Check-in 2 saved.")


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


def test_a_check_in_with_nothing_but_the_safety_questions_is_still_kept(cli, tmp_path):
    answers = tmp_path / "bare.yaml"
    answers.write_text(SHORT_CHECK_NO + "own_crisis: no\nhard_to_cope: no\nhurt_this_week: no\n")
    outcome = run(cli, answers, case="Lee")
    assert outcome["check_in_id"] == 1
    [check_in] = progress(cli, "Lee")["check_ins"]
    assert check_in["goals"] == [] and check_in["calm"] is None


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


def test_someone_hurt_this_week_gets_the_safety_plan(cli, tmp_path, shipped):
    """The weekly check-in is the regular look at how things are: it asks whether anyone was
    hurt or things got worse, and a yes brings the short safety plan before the check-in is
    kept."""
    answers = answers_with(tmp_path, FLOW, hurt_this_week=True)
    outcome = run(cli, answers)
    assert "hurt_note" in outcome["path"] and outcome["check_in_id"] == 1
    said = words_of(message_at(shipped.get(FLOW), "hurt_note", {}))
    assert "A safe room" in said and "It is not a betrayal." in said
    quiet = run(cli, answers_with(tmp_path, FLOW, hurt_this_week=False))
    assert "hurt_note" not in quiet["path"]
