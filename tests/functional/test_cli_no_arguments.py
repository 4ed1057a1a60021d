"""Every command typed with nothing after it, and other command lines that cannot run as typed,
answer in one line through the real console script (not a test runner that hides tracebacks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from coach.cli import app

# `coach serve` with nothing after it works by serving until stopped: tests/functional/web/
# test_command.py starts it (on a free port) and stops it with ctrl+c.
RUNS_UNTIL_STOPPED = {"serve"}
EVERY_COMMAND = typer.main.get_command(app).commands  # type: ignore[attr-defined]
COMMANDS = sorted(set(EVERY_COMMAND) - RUNS_UNTIL_STOPPED)
# These would open the app (which needs a terminal) when nothing is missing; with no sessions
# or flows given they must still stop at one line.
OPENS_THE_APP = {"start", "resume"}


def coach(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("COACH_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_the_command_list_is_complete():
    assert {"import", "restore", "run", "follow-up", "start", "show", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_with_no_arguments_is_one_line_or_works(home, command):
    result = coach(home, command)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    if result.returncode != 0 or command in OPENS_THE_APP:
        assert result.returncode != 0
        line = one_line(result)
        assert line.startswith("coach"), line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["import"], "coach import: missing argument 'FILE'; 'coach import --help'"),
        (["restore"], "coach restore: missing argument 'BACKUP'"),
        (["run", "de_escalation"], "coach run: missing option '--answers'"),
        (["follow-up", "1"], "coach follow-up: missing option '--answers'"),
        (["start"], "coach start: missing argument 'FLOW'"),
        (["show", "abc"], "coach show: invalid value for 'PLAN_ID'"),
        (["--bogus"], "coach: no such option '--bogus'"),
        (["export", "1", "--bogus"], "coach export: no such option '--bogus' (did you mean"),
        (["nosuch"], "coach: no such command 'nosuch'"),
        (["export", "1", "--format"], "coach: option '--format' requires an argument"),
    ],
)
def test_a_command_line_that_cannot_run_says_so_in_one_line(home, args, expected):
    result = coach(home, *args)
    assert result.returncode == 2
    assert one_line(result).startswith(expected)
