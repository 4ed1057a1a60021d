"""Kill `coach run` with SIGKILL at random moments: the store stays sound, nothing acknowledged
is lost. (The TUI has its own kill test.) Eight kills by default, fifty in CI (COACH_FULL_KILLS,
see kills.py)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.functional.kills import kill_count

KILLS = kill_count(full=50, quick=8)
QUESTIONS = 60


def write_long_flow(
    folder: Path,
    *,
    flow_id: str = "long_walk",
    questions: int = QUESTIONS,
    label: str = "{}",
    plan_template: str = "{{ answers.q00 }}",
) -> None:
    """A flow of many one-question steps, so answers are saved steadily over time.

    Step ``qNN`` asks a text question labelled ``label`` filled with ``NN``.
    """
    (folder / "flows").mkdir(parents=True)
    (folder / "state_machines").mkdir()
    names = [f"q{i:02d}" for i in range(questions)]
    machine = {
        "machine": flow_id,
        "initial": names[0],
        "states": [*names, {"name": "done", "kind": "end"}],
        "transitions": [
            {"source": a, "dest": b} for a, b in zip(names, [*names[1:], "done"], strict=True)
        ],
    }
    content = {
        "flow": flow_id,
        "machine": flow_id,
        "version": 1,
        "title": "Long walk",
        "summary": "Many small steps.",
        "minutes": 5,
        "states": {
            **{
                n: {"say": n, "fields": [{"id": n, "type": "text", "label": label.format(n[1:])}]}
                for n in names
            },
            "done": {"say": "Done."},
        },
        "plan": {"title": "Long walk", "template": plan_template},
    }
    (folder / "state_machines" / f"{flow_id}.yaml").write_text(json.dumps(machine))
    (folder / "flows" / f"{flow_id}.yaml").write_text(json.dumps(content))


def run_and_kill(command: list[str], env: dict[str, str], delay: float) -> list[str]:
    """Start the command, kill it after ``delay`` seconds, return the answers it acknowledged."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    acknowledged: list[str] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("saved "):
                acknowledged.append(line.split()[1])

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join()
    return acknowledged


def long_walk_command(folder: Path) -> list[str]:
    """`coach run` of the long flow with every question answered ('answer number N')."""
    flows = folder / "flows"
    write_long_flow(flows)
    answers = folder / "answers.yaml"
    answers.write_text("".join(f"q{i:02d}: answer number {i}\n" for i in range(QUESTIONS)))
    return [
        sys.executable,
        "-m",
        "coach",
        "--flows",
        str(flows),
        "run",
        "long_walk",
        "--answers",
        str(answers),
    ]


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_answer(tmp_path, home):
    command = [*long_walk_command(tmp_path), "--progress"]
    env = {**os.environ, "COACH_HOME": str(home)}
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    full_run = time.monotonic() - started
    rng = random.Random(20261127)
    checked = 0
    for _ in range(KILLS):
        acknowledged = run_and_kill(command, env, rng.uniform(0.2 * full_run, 1.1 * full_run))
        db = sqlite3.connect(home / "coach.db")
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            session = db.execute("SELECT MAX(id) FROM sessions").fetchone()[0]
            stored = {
                field: json.loads(value)
                for field, value in db.execute(
                    "SELECT field_id, value FROM answers WHERE session_id = ?", (session,)
                )
            }
        finally:
            db.close()
        for field in acknowledged:
            assert stored.get(field) == f"answer number {int(field[1:])}", field
        checked += len(acknowledged)
    assert checked > KILLS, "the kills all came too early to test anything"
    print(f"{KILLS} kills survived, {checked} acknowledged answers checked")
