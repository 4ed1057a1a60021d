"""A full disk, two ways: a file-size limit on the coach's process (SIGXFSZ ignored, as a real
full disk gives no signal) and a tiny filesystem of its own (tmpfs, which needs root; CI runs as
root and sets COACH_ROOT_TESTS so these never skip there). Each failure is one line that says
the disk is full, and nothing acknowledged before it is lost."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ANSWERS
from tests.functional.data_support import coach_env, run_coach

ROOT_REQUIRED = bool(os.environ.get("COACH_ROOT_TESTS"))


def limited(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def run_limited(home: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=coach_env(home),
        stdin=subprocess.DEVNULL,
        preexec_fn=limited(limit),
        timeout=120,
        check=False,
    )


def stored_answers(home: Path) -> dict[str, object]:
    with sqlite3.connect(home / "coach.db") as db:
        session = db.execute("SELECT MAX(id) FROM sessions").fetchone()[0]
        return {
            field: json.loads(value)
            for field, value in db.execute(
                "SELECT field_id, value FROM answers WHERE session_id = ?", (session,)
            )
        }


def test_a_run_that_fills_the_disk_stops_in_one_line_and_keeps_what_was_saved(home):
    assert run_coach(home, "cases").returncode == 0
    size = (home / "coach.db").stat().st_size
    result = run_limited(
        home,
        size + 20_000,
        "run",
        "de_escalation",
        "--answers",
        str(ANSWERS / "de_escalation.yaml"),
        "--progress",
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    saved = [line.split()[-1] for line in result.stderr.splitlines() if line.startswith("saved ")]
    problem = [line for line in result.stderr.splitlines() if not line.startswith("saved ")]
    assert saved, "the limit came before the first answer"
    assert len(problem) <= 2 and "disk" in problem[-1] and "full" in problem[-1]
    kept = stored_answers(home)
    assert set(saved) <= set(kept)


def test_a_backup_on_a_full_disk_leaves_no_empty_backup(home, tmp_path):
    answers = str(ANSWERS / "de_escalation.yaml")
    for _ in range(3):
        assert run_coach(home, "run", "de_escalation", "--answers", answers).returncode == 0
    size = (home / "coach.db").stat().st_size
    assert size > 40_000
    result = run_limited(home, size - 1, "backup", "--out", str(tmp_path / "copy.db"))
    assert result.returncode == 1
    assert "disk is full" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "copy.db").exists()
    assert not list(tmp_path.glob(".coach-*"))


@pytest.fixture
def tiny_disk(tmp_path) -> Iterator[Path]:
    """A 700 KB filesystem of its own, mounted for this test."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        if ROOT_REQUIRED:
            pytest.fail("COACH_ROOT_TESTS is set, but the tests do not run as root")
        pytest.skip("a tmpfs of its own needs root (CI runs these)")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        if ROOT_REQUIRED:
            pytest.fail(f"cannot mount a tmpfs: {made.stderr.strip()}")
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_tiny_disk_that_fills_up_is_one_line_and_the_store_stays_sound(tiny_disk):
    home = tiny_disk / "home"
    answers = str(ANSWERS / "de_escalation.yaml")
    outcomes = []
    for _ in range(40):
        result = run_coach(home, "run", "de_escalation", "--answers", answers, "--case", "Sam")
        outcomes.append(result)
        if result.returncode != 0:
            break
    failed = outcomes[-1]
    assert failed.returncode == 1, "the disk never filled"
    assert "Traceback" not in failed.stderr
    last = failed.stderr.strip().splitlines()[-1]
    assert "full" in last, failed.stderr
    made = sum(1 for result in outcomes if result.returncode == 0)
    with sqlite3.connect(home / "coach.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM plans").fetchone()[0] >= made
    doctor = run_coach(home, "doctor")
    assert "Traceback" not in doctor.stderr + doctor.stdout
