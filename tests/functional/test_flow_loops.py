"""A practitioner's flow that goes round in circles is refused by `coach validate`, and a walk
that comes back to a step with nothing new answered stops instead of spinning for ever."""

from __future__ import annotations

import subprocess
import sys

MACHINE = "state_machines/mini.yaml"


def test_a_transition_back_to_its_own_state_is_refused(cli, mini_folder, edit):
    edit(
        mini_folder / MACHINE,
        "  - {trigger: next, source: extra, dest: summary}",
        "  - {trigger: next, source: extra, dest: extra, when: {field: more, answered: false}}\n"
        "  - {trigger: next, source: extra, dest: summary}",
    )
    result = cli("validate", mini_folder)
    assert result.exit_code == 1
    assert "leads from 'extra' back to itself" in result.stdout


def test_a_round_of_steps_that_ask_nothing_is_refused(cli, mini_folder, edit):
    edit(
        mini_folder / MACHINE,
        "  - {trigger: next, source: start, dest: check}",
        "  - {trigger: next, source: start, dest: summary, when: {case: name, answered: true}}\n"
        "  - {trigger: next, source: start, dest: check}",
    )
    edit(
        mini_folder / MACHINE,
        "  - {trigger: next, source: summary, dest: done}",
        "  - {trigger: next, source: summary, dest: start, when: {case: name, answered: true}}\n"
        "  - {trigger: next, source: summary, dest: done}",
    )
    result = cli("validate", mini_folder)
    assert result.exit_code == 1
    assert "states start -> summary -> start go round without asking anything" in result.stdout


def test_a_walk_round_a_loop_of_questions_stops_with_one_line(home, mini_folder, edit, tmp_path):
    edit(
        mini_folder / MACHINE,
        "  - {trigger: next, source: extra, dest: summary}",
        "  - {trigger: next, source: extra, dest: ask, when: {field: mood, equals: low}}\n"
        "  - {trigger: next, source: extra, dest: summary}",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("danger: no\nmood: low\nnote: tired\nmore: a little more\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coach",
            "--home",
            str(home),
            "--flows",
            str(mini_folder),
            "run",
            "mini",
            "--answers",
            str(answers),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "comes back to step 'ask' with nothing new answered" in lines[0]


def test_going_back_and_on_again_is_not_a_loop(mini):
    from coach.engine import Session
    from tests.conftest import TODAY

    session = Session(mini, today=TODAY)
    session.advance()
    session.answer("danger", False)
    session.advance()
    session.answer("mood", "low")
    session.advance()
    assert session.state == "extra"
    session.back()
    session.back()
    session.advance()
    session.advance()
    assert session.state == "extra"
