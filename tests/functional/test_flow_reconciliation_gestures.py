"""Reconciliation gestures: the schedule, the log, the calendar events and the follow-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from coach.fields import display, normalise
from coach.paths import shipped_flows_folder
from coach.templating import render
from coach.yamlio import read_yaml
from tests.conftest import ANSWERS
from tests.functional.case_setup import run as run_flow
from tests.functional.case_setup import sections

FULL = ANSWERS / "reconciliation_gestures.yaml"


def run(cli, answers: Path) -> dict:
    return run_flow(cli, "reconciliation_gestures", answers, "Sam")


def test_full_run_lists_each_gesture_with_its_date(cli):
    outcome = run(cli, FULL)
    assert outcome["kind"] == "end" and outcome["unused"] == []
    assert "after_blowup" in outcome["path"]  # a recent blow-up: plan now, offer later
    plan = cli("show", outcome["plan_id"]).stdout
    assert plan.startswith("# Reconciliation gestures for Sam\n")
    part = sections(plan)
    assert list(part)[1:] == [
        "Keep in mind",
        "Our gesture schedule",
        "If it is turned down or ignored",
        "Log: how each one went",
    ]
    assert "**Not a reward.**" in part["Keep in mind"]
    assert "**Not taken back.**" in part["Keep in mind"]
    schedule = part["Our gesture schedule"]
    order = [
        "### Sunday 29 November 2026 at 16:30\nFood or a treat: leave their favourite snack",
        "Salt and vinegar crisps, left on Sam's desk",
        "### Wednesday 2 December 2026\nTime in their world: watch their programme",
        "show me the new level of the racing game",
        "### Sunday 6 December 2026 at 10:00\nA card with the photo of Sam and Grandad fishing",
    ]
    positions = [schedule.index(text) for text in order]
    assert positions == sorted(positions)
    refused = part["If it is turned down or ignored"]
    assert "- Say something light, like 'No problem', and leave it there" in refused
    assert "- Try a different gesture another day" in refused
    log = part["Log: how each one went"]
    assert "| Sunday 29 November 2026 | Food or a treat: leave their favourite snack" in log
    assert "| Sunday 6 December 2026 | A card with the photo of Sam and Grandad fishing" in log
    assert log.count("| | | |") == 3  # one empty row per gesture, to fill in


def test_one_gesture_when_no_more_are_wanted(cli, tmp_path):
    answers = {
        k: v
        for k, v in read_yaml(FULL).data.items()
        if not k.startswith(("gesture_2", "gesture_3", "another_after"))
    }
    answers["home_now"] = "calm"
    file = tmp_path / "one.yaml"
    file.write_text(yaml.safe_dump(answers))
    outcome = run(cli, file)
    assert "gesture_2" not in outcome["path"] and "after_blowup" not in outcome["path"]
    plan = cli("show", outcome["plan_id"]).stdout
    assert sections(plan)["Our gesture schedule"].count("### ") == 1
    assert "December" not in plan


def test_a_conditional_gesture_gets_a_gentle_note(cli, tmp_path):
    answers = read_yaml(FULL).data
    answers["gesture_1_notes"] = "Crisps, but only if Sam has been polite all day"
    file = tmp_path / "conditional.yaml"
    file.write_text(yaml.safe_dump(answers))
    result = cli("run", "reconciliation_gestures", "--answers", file, "--case", "Sam")
    assert result.exit_code == 0
    assert "note on 'gesture_1_notes'" in result.stderr
    assert "kindness is given freely" in result.stderr


def test_every_dated_gesture_is_a_calendar_event(shipped):
    flow = shipped.get("reconciliation_gestures")
    for n in (1, 2, 3):
        event = flow.block(f"gesture_{n}").event
        assert event is not None
        assert (event.date, event.time) == (f"gesture_{n}_date", f"gesture_{n}_time")
        assert "gesture" not in event.title.casefold()  # neutral on a lock screen


def test_follow_up_adds_how_it_went(shipped):
    flow = shipped.get("reconciliation_gestures")
    follow = flow.content.follow_up
    assert follow is not None
    given = {
        "which_gesture": "The crisps on Sunday",
        "response": "quietly",
        "response_detail": "Sam said 'whatever' but ate them later",
        "how_i_felt": "Nervous, then relieved",
        "keep_or_change": "keep",
        "next_time": "Leave them without saying anything",
        "hurt_or_escalated": "no",
        "own_crisis": "no",
        "hard_to_cope": "no",
    }
    specs = {spec.id: spec for spec in follow.fields}
    assert set(given) == set(specs)
    shown = {
        fid: display(specs[fid], normalise(specs[fid], raw, today=date(2026, 11, 30)))
        for fid, raw in given.items()
    }
    text = render(
        follow.template, {"follow_up": shown, "answers": {}, "raw": {}, "case": {}}
    ).strip()
    assert text.splitlines() == [
        "### The crisps on Sunday",
        "- **How they responded:** Took it without saying much "
        "(Sam said 'whatever' but ate them later)",
        "- **How I felt:** Nervous, then relieved",
        "- **What next:** Keep it; offer it again some time. Leave them without saying anything",
    ]


def test_the_reminders_say_how_many_there_are():
    words = {"three": 3, "four": 4, "five": 5, "six": 6}
    content = shipped_flows_folder() / "flows" / "reconciliation_gestures.yaml"
    say = yaml.safe_load(content.read_text())["states"]["reminders"]["say"]
    heading = say.splitlines()[0].lower()
    count = sum(1 for line in say.splitlines() if line.startswith("- **Not "))
    assert any(f"## {word} things" in heading and n == count for word, n in words.items())
