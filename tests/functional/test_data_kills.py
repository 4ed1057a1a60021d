"""SIGKILL at random moments of every operation that rewrites the whole store: restore, lock,
unlock and backup. After each kill the data is checked; each test asserts that enough kills
landed inside the operation (not before it started or after it ended) and reports the count.

The store is made large enough (a few thousand plans) that each operation takes a good part of
a second. By default each test makes a few kills; `.ci/run` sets COACH_FULL_KILLS for the full
count.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from coach.store import Store
from coach.store.set_aside import LOCK_NOTE, RESTORE_NOTE, backups, set_aside_files
from tests.functional.data_support import SECRET, coach_env, files_holding, run_coach
from tests.functional.kills import kill_count

KILLS = kill_count(full=30, quick=5)
# Lock and unlock seal or open every copy with a key made by scrypt: each kill costs four
# times a restore's, so CI kills them a little less often (still well over the minimum).
SEALING_KILLS = kill_count(full=20, quick=5)
PLANS = 6000
PASSPHRASE = "correct horse battery"
NAME = "Xanthippe"  # the case's name: long enough that no ciphertext spells it by chance
QUESTION = "xq_asked_after_a_yes"  # a question id no shipped flow has (the cache lists theirs)
SESSIONS = 300
WITH_PASS = {"COACH_PASSPHRASE": PASSPHRASE}


def plan_count(db_file: Path, passphrase: str | None = None) -> int:
    # Closed here, not whenever it is collected: the last connection to close removes the
    # store's -shm file, which once vanished while the folder was being copied.
    with closing(sqlite3.connect(db_file)) as db:
        return int(db.execute("SELECT COUNT(*) FROM plans").fetchone()[0])


def answers_kept(home: Path, **env: str) -> int:
    """How many sessions still have their answer to QUESTION, read through the coach."""
    with Store.open(home, (lambda: PASSPHRASE) if env else None) as store:
        return sum(
            store.session(row.id).answers.get(QUESTION) == SECRET for row in store.sessions()
        )


def build_store(home: Path, plans: int) -> None:
    """A store with one case and ``plans`` plans of a few kilobytes each, written in one go."""
    with Store.open(home) as store:
        case = store.create_case(NAME)
        db = store.connection
        db.execute("BEGIN")
        body = f"# Plan\n\n{SECRET}. " + "Calm words, said slowly. " * 150
        for number in range(plans):
            cursor = db.execute(
                "INSERT INTO plans (case_id, flow_id, flow_version, title, answers, created)"
                " VALUES (?, 'de_escalation', 1, ?, '{}', '2026-11-01T10:00:00+00:00')",
                (case.id, f"Plan {number} for {NAME}"),
            )
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created)"
                " VALUES (?, 1, ?, '2026-11-01T10:00:00+00:00')",
                (cursor.lastrowid, body),
            )
        for _ in range(SESSIONS):
            session = store.create_session("de_escalation", 1, case.id, "what_happened")
            db.execute(
                "INSERT INTO answers (session_id, field_id, value, answered)"
                " VALUES (?, ?, ?, '2026-11-01T10:00:00+00:00')",
                (session, QUESTION, json.dumps(SECRET)),
            )
        db.execute("COMMIT")


def start_and_kill(home: Path, args: list[str], after: float, **env: str) -> bool:
    """Start `coach ARGS`, kill it after ``after`` seconds; True when it had already ended."""
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", *args],
        env=coach_env(home, **env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=after)
        return True
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return False


def window(home: Path, args: list[str], marker: str, **env: str) -> tuple[float, float]:
    """When the operation is under way, in seconds from the command's start: from the moment
    its first trace (``marker``, a glob under ``home``) appears to the moment it ends."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", *args],
        env=coach_env(home, **env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    begun = None
    while process.poll() is None:
        if begun is None and list(home.glob(marker)):
            begun = time.monotonic() - started
        time.sleep(0.002)
    ended = time.monotonic() - started
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert begun is not None, f"{marker} never appeared; the window cannot be found"
    return begun, ended


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("prepared") / "home"
    build_store(home, PLANS)
    old = tmp_path_factory.mktemp("backup") / "old.db"
    with sqlite3.connect(home / "coach.db") as source, sqlite3.connect(old) as copy:
        source.backup(copy)
    with Store.open(home) as store:
        store.create_case("Mia")
        store.connection.execute("DELETE FROM plans WHERE id % 2 = 0")
    shutil.copy(old, home.parent / "old.db")
    return home


def fresh_copy(prepared: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(prepared, target)
    return target


@pytest.mark.slow
def test_restore_killed_anywhere_loses_nothing(prepared, tmp_path):
    old = prepared.parent / "old.db"
    before, restored = plan_count(prepared / "coach.db"), plan_count(old)
    home = fresh_copy(prepared, tmp_path / "home")
    begun, done = window(home, ["restore", str(old)], ".coach-*")
    rng = random.Random(1201)
    inside = 0
    for _ in range(KILLS):
        home = fresh_copy(prepared, tmp_path / "home")
        ended = start_and_kill(home, ["restore", str(old)], rng.uniform(begun, done))
        noted = (home / RESTORE_NOTE).exists()
        if not ended and (noted or list(home.glob(".coach-*"))):
            inside += 1
        if noted:
            mend = "--undo" if rng.random() < 0.5 else "--finish"
            result = run_coach(home, "restore", mend)
            assert result.returncode == 0, result.stderr
        listed = run_coach(home, "plans", "--json")
        assert listed.returncode == 0, listed.stderr
        live = plan_count(home / "coach.db")
        kept = [plan_count(copy) for copy in set_aside_files(home)]
        assert live in (before, restored)
        assert live == before or before in kept, "the store before the restore was lost"
        assert not (home / RESTORE_NOTE).exists()
    print(f"restore: {KILLS} kills, {inside} inside the restore")
    assert inside >= KILLS // 3


def locked(home: Path) -> bool:
    with closing(sqlite3.connect(home / "coach.db")) as db:
        return db.execute("SELECT 1 FROM settings WHERE key = 'lock.salt'").fetchone() is not None


def with_copies(prepared: Path, target: Path) -> Path:
    home = fresh_copy(prepared, target)
    folder = home / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    for name in ("coach-2026-11-01-000000-aaaaaaaa.db", "coach-2026-11-02-000000-bbbbbbbb.db"):
        shutil.copy(prepared / "coach.db", folder / name)
    shutil.copy(prepared / "coach.db", home / "coach.db.before-restore-2026-11-03-000000-cccc")
    return home


@pytest.mark.slow
def test_lock_killed_anywhere_leaves_nothing_readable_after_the_next_start(prepared, tmp_path):
    plans = plan_count(prepared / "coach.db")
    home = with_copies(prepared, tmp_path / "home")
    today = run_coach(home, "backup")
    assert today.returncode == 0
    begun, done = window(home, ["lock"], LOCK_NOTE, **WITH_PASS)
    rng = random.Random(1209)
    inside = 0
    for _ in range(SEALING_KILLS):
        home = with_copies(prepared, tmp_path / "home")
        run_coach(home, "backup")
        ended = start_and_kill(home, ["lock"], rng.uniform(begun, done), **WITH_PASS)
        if not ended and (home / LOCK_NOTE).exists():
            inside += 1
        listed = run_coach(home, "plans", "--json", **WITH_PASS)
        assert listed.returncode == 0, listed.stderr
        assert plan_count(home / "coach.db") == plans
        assert not (home / LOCK_NOTE).exists()
        assert answers_kept(home, **WITH_PASS) == SESSIONS
        if locked(home):
            assert files_holding(home, SECRET) == [], "plain text left after a lock"
            assert files_holding(home, NAME) == [], "a name left readable after a lock"
            assert files_holding(home, QUESTION) == [], "a question left readable"
    print(f"lock: {SEALING_KILLS} kills, {inside} inside the lock")
    assert inside >= SEALING_KILLS // 3


def as_locked_by_an_older_version(home: Path) -> None:
    """The store and its copies as an earlier lock left them: names, titles and the
    questions of answers readable."""
    with Store.open(home, lambda: PASSPHRASE) as store:
        vault = store.vault
    assert vault is not None
    for db_file in [home / "coach.db", *backups(home), *set_aside_files(home)]:
        with closing(sqlite3.connect(db_file)) as db, db:
            db.execute("UPDATE cases SET name = 'Mia' WHERE name LIKE '%nvr1:%' AND id > 1")
            db.execute("UPDATE cases SET name = ? WHERE id = 1", (NAME,))
            db.execute("UPDATE plans SET title = 'Plan ' || id || ' for ' || ?", (NAME,))
            db.execute("DELETE FROM settings WHERE key = 'lock.whole'")
            db.execute(
                "UPDATE answers SET field_id = ?, value = ?",
                (QUESTION, vault.seal(json.dumps(SECRET))),
            )


@pytest.mark.slow
def test_sealing_what_an_older_lock_left_killed_anywhere_is_finished_next_start(prepared, tmp_path):
    older = with_copies(prepared, tmp_path / "older")
    assert run_coach(older, "lock", **WITH_PASS).returncode == 0
    as_locked_by_an_older_version(older)
    assert files_holding(older, NAME) and files_holding(older, QUESTION)
    assert answers_kept(older, **WITH_PASS) == SESSIONS
    plans = plan_count(older / "coach.db")
    home = fresh_copy(older, tmp_path / "home")
    begun, done = window(home, ["plans", "--json"], LOCK_NOTE, **WITH_PASS)
    rng = random.Random(1223)
    inside = 0
    for _ in range(SEALING_KILLS):
        home = fresh_copy(older, tmp_path / "home")
        ended = start_and_kill(home, ["plans", "--json"], rng.uniform(begun, done), **WITH_PASS)
        if not ended and (home / LOCK_NOTE).exists():
            inside += 1
        listed = run_coach(home, "plans", "--json", **WITH_PASS)
        assert listed.returncode == 0, listed.stderr
        assert NAME in listed.stdout
        assert plan_count(home / "coach.db") == plans
        assert not (home / LOCK_NOTE).exists()
        assert files_holding(home, NAME) == [], "a name left readable"
        assert files_holding(home, SECRET) == []
        assert files_holding(home, QUESTION) == [], "a question left readable"
        assert answers_kept(home, **WITH_PASS) == SESSIONS
    print(f"sealing an older lock: {SEALING_KILLS} kills, {inside} inside")
    assert inside >= SEALING_KILLS // 3


@pytest.mark.slow
def test_unlock_killed_anywhere_keeps_every_answer_readable(prepared, tmp_path):
    locked_home = with_copies(prepared, tmp_path / "locked")
    assert run_coach(locked_home, "lock", **WITH_PASS).returncode == 0
    plans = plan_count(locked_home / "coach.db")
    home = fresh_copy(locked_home, tmp_path / "home")
    begun, done = window(home, ["unlock"], LOCK_NOTE, **WITH_PASS)
    rng = random.Random(1213)
    inside = 0
    for _ in range(SEALING_KILLS):
        home = fresh_copy(locked_home, tmp_path / "home")
        ended = start_and_kill(home, ["unlock"], rng.uniform(begun, done), **WITH_PASS)
        if not ended and (home / LOCK_NOTE).exists():
            inside += 1
        listed = run_coach(home, "plans", "--json", **WITH_PASS)
        assert listed.returncode == 0, listed.stderr
        assert plan_count(home / "coach.db") == plans
        assert not (home / LOCK_NOTE).exists()
        assert answers_kept(home, **({} if not locked(home) else WITH_PASS)) == SESSIONS
        if not locked(home):
            for copy in [*backups(home), *set_aside_files(home)]:
                with sqlite3.connect(copy) as db:
                    assert (
                        db.execute("SELECT 1 FROM settings WHERE key = 'lock.salt'").fetchone()
                        is None
                    )
    print(f"unlock: {SEALING_KILLS} kills, {inside} inside the unlock")
    assert inside >= SEALING_KILLS // 3


@pytest.mark.slow
def test_backup_killed_anywhere_leaves_only_sound_backups(prepared, tmp_path):
    home = fresh_copy(prepared, tmp_path / "home")
    assert run_coach(home, "backup").returncode == 0
    for copy in backups(home):
        copy.unlink()
    begun, done = window(home, ["backup"], "backups/.coach-*")
    rng = random.Random(1217)
    inside = 0
    for _ in range(KILLS):
        ended = start_and_kill(home, ["backup"], rng.uniform(begun, done))
        if not ended and list((home / "backups").glob(".coach-*")):
            inside += 1
        doctor = run_coach(home, "doctor")
        assert "cannot be restored" not in doctor.stdout, doctor.stdout
        assert run_coach(home, "backup").returncode == 0
        assert not list((home / "backups").glob(".coach-*")), "a killed backup's copy was left"
        for copy in backups(home):
            assert plan_count(copy) == plan_count(home / "coach.db")
            copy.unlink()
    print(f"backup: {KILLS} kills, {inside} inside the backup")
    assert inside >= KILLS // 3
