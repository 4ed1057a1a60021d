"""Kill the app itself with SIGKILL at random moments while a caregiver types answers in a
terminal: the store stays sound and every answer the screen acknowledged is kept. Eight kills by
default, fifty in CI (COACH_FULL_KILLS, see kills.py)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import random
import re
import select
import signal
import sqlite3
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from coach.services.settings import WELCOMED_SETTING
from coach.store import Store
from tests.functional.kills import kill_count
from tests.functional.test_crash_safety import write_long_flow

KILLS = kill_count(full=50, quick=8)
QUESTIONS = 12


def write_flow(folder: Path) -> None:
    write_long_flow(folder, flow_id="typing", questions=QUESTIONS, label="Question number {}")


class Terminal:
    """The app in a pseudo-terminal of 100x32, read as a stream of screen updates."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.execve(command[0], command, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
        self.seen = ""

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never saw {text!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536).decode(errors="replace")
                except OSError:
                    said = re.sub(
                        r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9])", "", self.seen
                    )
                    raise AssertionError(
                        f"the app ended before showing {text!r}; it printed: {said[-600:]!r}"
                    ) from None

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.mark.slow
def test_sigkill_of_the_app_never_loses_an_acknowledged_answer(tmp_path, home):
    flows = tmp_path / "flows"
    write_flow(flows)
    with Store.open(home) as store:
        store.set_setting(WELCOMED_SETTING, "1")
    command = [
        sys.executable,
        "-m",
        "coach",
        "--flows",
        str(flows),
        "start",
        "typing",
        "--case",
        "Sam",
    ]
    env = {
        **os.environ,
        "COACH_HOME": str(home),
        "TERM": "xterm-256color",
        "COLUMNS": "100",
        "LINES": "32",
    }
    rng = random.Random(1127)
    checked = 0
    for _ in range(KILLS):
        terminal = Terminal(command, env)
        acknowledged: list[str] = []
        try:
            terminal.wait_for("Question number 00")
            target = rng.randint(0, QUESTIONS - 1)
            for number in range(target):
                terminal.type(f"answer {number}\r")
                terminal.wait_for(f"Question number {number + 1:02d}")
                acknowledged.append(f"q{number:02d}")
            terminal.type(f"answer {target}\r")
            time.sleep(rng.uniform(0, 0.05))
        finally:
            terminal.kill()
        db = sqlite3.connect(home / "coach.db")
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            session = db.execute("SELECT MAX(id) FROM sessions").fetchone()[0]
            stored = dict(
                db.execute("SELECT field_id, value FROM answers WHERE session_id = ?", (session,))
            )
        finally:
            db.close()
        for field in acknowledged:
            assert json.loads(stored[field]) == f"answer {int(field[1:])}", field
        checked += len(acknowledged)
    assert checked > KILLS
    print(f"{KILLS} kills of the app survived, {checked} acknowledged answers checked")
