"""What the data-lifecycle tests share: a store with a plan in it, a second process that holds
the store open as another window would, and a search for answer text in every file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ANSWERS

# Words of the de-escalation answers file that appear nowhere in the flow's own text.
SECRET = "kicked the bedroom door"


def coach_env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "COACH_HOME": str(home), **extra}
    env.pop("COACH_FLOWS", None)
    return env


def run_coach(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *map(str, args)],
        capture_output=True,
        text=True,
        env=coach_env(home, **extra),
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def make_plan(cli, case: str = "Sam") -> None:
    made = cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", case)
    assert made.exit_code == 0, made.stderr


def files_holding(home: Path, text: str) -> list[Path]:
    """Every file under ``home`` whose bytes contain ``text``."""
    needle = text.encode()
    return [p for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]


HOLDER = """
import sys, time
from pathlib import Path
from coach.store import Store
store = Store.open(Path(sys.argv[1]), lambda: "correct horse battery", wait=True)
print("open", flush=True)
sys.stdin.read()
"""


@contextmanager
def another_window(home: Path) -> Iterator[subprocess.Popen[str]]:
    """A second coach process with the store open (at its home screen, say) until the block
    ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=coach_env(home),
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "open"
        yield process
    finally:
        process.kill()
        process.wait()
