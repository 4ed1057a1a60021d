"""What the system refuses (a full output, a name too long, an id SQLite cannot hold, a store
held by another program) is one line with advice that fits, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.conftest import ANSWERS
from tests.functional.data_support import coach_env, run_coach

LONG = "x" * 300


@pytest.fixture
def with_plan(home):
    made = run_coach(home, "run", "de_escalation", "--answers", str(ANSWERS / "de_escalation.yaml"))
    assert made.returncode == 0, made.stderr
    return home


def one_line(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("args", [["plans"], ["export", "1", "--format", "md"], ["show", "1"]])
def test_output_into_a_full_device_is_one_line(with_plan, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "coach", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=coach_env(with_plan),
            check=False,
        )
    assert result.returncode == 1
    assert "disk is full" in one_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ["export", "1", "--format", "md", "--out", f"/tmp/{LONG}.md"],
        ["backup", "--out", f"/tmp/{LONG}.db"],
    ],
)
def test_a_file_name_too_long_is_one_line(with_plan, args):
    result = run_coach(with_plan, *args)
    assert result.returncode == 1 and "too long" in one_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "99999999999999999999"],
        ["export", "99999999999999999999"],
        ["follow-up", "99999999999999999999", "--answers", str(ANSWERS / "sit_in.yaml")],
        [
            "run",
            "de_escalation",
            "--answers",
            str(ANSWERS / "de_escalation.yaml"),
            "--resume",
            "99999999999999999999",
        ],
    ],
)
def test_an_id_too_large_for_sqlite_names_nothing(with_plan, args):
    result = run_coach(with_plan, *args)
    assert result.returncode == 1 and "no " in one_line(result)


def test_restore_into_a_home_that_does_not_exist_makes_it(with_plan, tmp_path):
    backup = tmp_path / "copy.db"
    assert run_coach(with_plan, "backup", "--out", str(backup)).returncode == 0
    fresh = tmp_path / "new" / "home"
    result = run_coach(fresh, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert "De-escalation plan" in run_coach(fresh, "plans").stdout


HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.mark.slow
def test_a_store_held_by_another_program_for_long_is_one_line(with_plan):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(with_plan / "coach.db"), "14"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        result = run_coach(
            with_plan, "run", "de_escalation", "--answers", str(ANSWERS / "de_escalation.yaml")
        )
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "held your data" in one_line(result) and waited < 14
