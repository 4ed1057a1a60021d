"""Two windows on one store: no corruption, no lost answers, a warning on a shared session."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys

from coach.flowformat.loader import load_folders
from coach.services.sessions import Conversation
from coach.store import Store
from tests.conftest import TODAY
from tests.functional.test_crash_safety import QUESTIONS, long_walk_command


def test_two_processes_writing_at_once(tmp_path, home):
    command = long_walk_command(tmp_path)
    env = {**os.environ, "COACH_HOME": str(home)}
    Store.open(home).close()
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    db = sqlite3.connect(home / "coach.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 2 * QUESTIONS
    assert db.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 2


def test_opening_a_session_open_elsewhere_warns(home, mini):
    catalogue = load_folders([mini.flow_file.parent.parent])
    with Store.open(home) as first:
        conversation = Conversation.start(first, mini, case=None, today=TODAY)
        session_id = conversation.session_id
        other_window = f"{socket.gethostname()}:{os.getppid()}"
        first.claim_session(session_id, other_window)
        with Store.open(home) as second:
            resumed = Conversation.resume(second, catalogue, session_id, TODAY)
            assert any("also open in another window" in n for n in resumed.notices)
            resumed.close()
            first.release_session(session_id, other_window)
            again = Conversation.resume(second, catalogue, session_id, TODAY)
            assert not again.notices


def test_every_window_with_the_session_open_keeps_its_claim(home, mini):
    """Window B opens what A has open and closes again: C is still told about A."""
    host = socket.gethostname()
    window_a, window_b, window_c = f"{host}:{os.getppid()}", f"{host}:1", f"{host}:{os.getpid()}"
    with Store.open(home) as store:
        session_id = Conversation.start(store, mini, case=None, today=TODAY).session_id
        store.release_session(session_id, window_c)
        assert store.claim_session(session_id, window_a) is None
        assert store.claim_session(session_id, window_b) == window_a
        store.release_session(session_id, window_b)
        assert store.claim_session(session_id, window_c) == window_a
        store.release_session(session_id, window_a)
        assert store.claim_session(session_id, window_c) is None


def test_a_claim_left_by_a_dead_process_is_ignored(home, mini):
    catalogue = load_folders([mini.flow_file.parent.parent])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with Store.open(home) as store:
        conversation = Conversation.start(store, mini, case=None, today=TODAY)
        store.claim_session(conversation.session_id, f"{socket.gethostname()}:{dead.pid}")
        resumed = Conversation.resume(store, catalogue, conversation.session_id, TODAY)
        assert resumed.notices == []
