"""Nothing lost, nothing leaked: restore, backups, lock, unlock and erase, tried the ways a new
user (or bad luck) would try them. Each test stands for an item of issue 12 and failed before."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat

import pytest

from coach.store import Store
from coach.store.backups import KEEP_BACKUPS, prune
from coach.store.set_aside import RESTORE_NOTE, backups, set_aside_files
from tests.functional.data_support import SECRET, another_window, files_holding, make_plan

PASS = {"COACH_PASSPHRASE": "correct horse battery"}


def plans(cli) -> list[str]:
    result = cli("plans", "--json")
    assert result.exit_code == 0, result.stderr
    return [plan["title"] for plan in json.loads(result.stdout)]


# --- restore ------------------------------------------------------------------------------


def test_restoring_the_store_onto_itself_is_refused(cli, home):
    make_plan(cli)
    result = cli("restore", home / "coach.db")
    assert result.exit_code == 1 and "is the store itself" in result.stderr
    assert plans(cli) == ["De-escalation plan for Sam"]


def test_a_stopped_restore_is_explained_then_undone(cli, home, tmp_path):
    make_plan(cli)
    assert cli("backup", "--out", tmp_path / "old.db").exit_code == 0
    make_plan(cli, "Mia")
    (home / RESTORE_NOTE).write_text(json.dumps({"aside": None, "temp": "x", "backup": "y"}))
    (home / RESTORE_NOTE).write_text(
        json.dumps({"aside": "coach.db.before-restore-x", "temp": "gone", "backup": "y"})
    )
    refused = cli("plans")
    assert refused.exit_code == 1
    assert "did not finish" in refused.stderr and "coach restore --undo" in refused.stderr
    assert cli("restore", "--undo").exit_code == 0
    assert sorted(plans(cli)) == ["De-escalation plan for Mia", "De-escalation plan for Sam"]


def test_a_missing_store_beside_a_set_aside_copy_is_never_replaced_by_an_empty_one(
    cli, home, tmp_path
):
    make_plan(cli)
    assert cli("backup", "--out", tmp_path / "old.db").exit_code == 0
    assert cli("restore", tmp_path / "old.db").exit_code == 0
    (home / "coach.db").unlink()
    refused = cli("plans")
    assert refused.exit_code == 1 and "set aside by a restore" in refused.stderr
    assert not (home / "coach.db").exists()


def test_two_restores_in_one_second_keep_both_set_aside_files(cli, home, tmp_path):
    make_plan(cli)
    assert cli("backup", "--out", tmp_path / "one.db").exit_code == 0
    make_plan(cli, "Mia")
    assert cli("restore", tmp_path / "one.db").exit_code == 0
    assert cli("restore", tmp_path / "one.db").exit_code == 0
    aside = set_aside_files(home)
    assert len(aside) == 2
    titles = set()
    for copy in aside:
        with sqlite3.connect(copy) as db:
            titles |= {row[0] for row in db.execute("SELECT title FROM plans")}
    assert "De-escalation plan for Mia" in titles


def test_restore_is_refused_while_another_window_is_open(cli, home, tmp_path):
    make_plan(cli)
    assert cli("backup", "--out", tmp_path / "one.db").exit_code == 0
    make_plan(cli, "Mia")
    with another_window(home):
        result = cli("restore", tmp_path / "one.db")
    assert result.exit_code == 1 and "another coach window has your data open" in result.stderr
    assert len(plans(cli)) == 2 and not set_aside_files(home)


# --- backups ------------------------------------------------------------------------------


def test_backups_made_in_the_same_second_never_overwrite_each_other(cli, home):
    make_plan(cli)
    made = [cli("backup") for _ in range(3)]
    assert all(result.exit_code == 0 for result in made)
    assert len(backups(home)) == 4  # today's automatic one and three more


def test_doctor_opens_every_backup_and_names_a_damaged_one(cli, home):
    make_plan(cli)
    empty = home / "backups" / "coach-2999-01-01-000000-deadbeef.db"
    empty.write_bytes(b"")
    result = cli("doctor")
    assert result.exit_code == 1
    assert f"backup {empty} is empty" in result.stdout
    assert "1 sound backup" in result.stdout


def test_the_rotation_never_drops_the_last_sound_backup(home):
    with Store.open(home):
        pass
    folder = home / "backups"
    folder.mkdir()
    sound = folder / "coach-2026-01-01-000000-00000000.db"
    with sqlite3.connect(home / "coach.db") as source, sqlite3.connect(sound) as copy:
        source.backup(copy)
    for day in range(2, 2 + KEEP_BACKUPS + 2):
        (folder / f"coach-2026-01-{day:02d}-000000-00000000.db").write_bytes(b"")
    prune(home)
    assert sound.exists()
    assert len(backups(home)) == KEEP_BACKUPS + 1


def test_a_daily_backup_that_cannot_be_written_is_a_note_not_a_stop(cli, home):
    make_plan(cli)
    shutil.rmtree(home / "backups")
    (home / "backups").write_text("not a folder")
    result = cli("plans")
    assert result.exit_code == 0
    assert "today's backup could not be made" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- lock and unlock ----------------------------------------------------------------------


def test_lock_keeps_every_backup_and_leaves_no_answer_readable_anywhere(cli, home, tmp_path):
    make_plan(cli)
    assert cli("backup", "--out", tmp_path / "outside.db").exit_code == 0
    assert cli("restore", tmp_path / "outside.db").exit_code == 0
    kept = backups(home)
    holding = files_holding(home, SECRET)
    assert kept and set_aside_files(home)[0] in holding
    result = cli("lock", env=PASS)
    assert result.exit_code == 0, result.stderr
    assert backups(home) == kept
    assert files_holding(home, SECRET) == []
    unlocked = cli("unlock", env=PASS)
    assert unlocked.exit_code == 0, unlocked.stderr
    for copy in holding:
        with sqlite3.connect(copy) as db:
            bodies = [row[0] for row in db.execute("SELECT body FROM plan_revisions")]
        assert any(SECRET in body for body in bodies), copy


@pytest.mark.parametrize("command", ["lock", "unlock"])
def test_lock_and_unlock_are_refused_while_another_window_is_open(cli, home, command):
    make_plan(cli)
    if command == "unlock":
        assert cli("lock", env=PASS).exit_code == 0
    with another_window(home):
        result = cli(command, env=PASS)
    assert result.exit_code == 1 and "another coach window has your data open" in result.stderr
    locked = cli("settings", "--json", env=PASS)
    assert json.loads(locked.stdout)["passphrase_set"] is (command == "unlock")


def test_session_positions_are_sealed_with_a_passphrase(cli, home, tmp_path):
    answers = tmp_path / "stop.yaml"
    answers.write_text(
        "immediate_danger: no\nyoung_person_missing: no\nself_harm_risk: no\n"
        "adult_hurt_child: yes\n"
    )
    assert cli("run", "de_escalation", "--answers", answers, "--case", "Sam").exit_code == 0
    assert cli("lock", env=PASS).exit_code == 0
    with sqlite3.connect(home / "coach.db") as db:
        stored = db.execute("SELECT state, history FROM sessions").fetchall()
    assert all("stop" not in state and "safety" not in history for state, history in stored)
    listed = cli("sessions", "--json", env=PASS)
    assert "stop" in json.loads(listed.stdout)[0]["state"]


@pytest.mark.parametrize("typed", ["        ", "\t \t \t \t "])
def test_a_passphrase_of_only_spaces_is_refused(cli, typed):
    make_plan(cli)
    result = cli("lock", env={"COACH_PASSPHRASE": typed})
    assert result.exit_code == 1 and "only spaces" in result.stderr


def test_the_same_passphrase_typed_in_another_unicode_form_opens_the_store(cli):
    make_plan(cli)
    decomposed, composed = "Zoe\u0308 is twelve", "Zo\u00eb is twelve"
    assert cli("lock", env={"COACH_PASSPHRASE": decomposed}).exit_code == 0
    assert plans_with(cli, composed) == ["De-escalation plan for Sam"]


def test_a_store_sealed_with_the_raw_form_still_opens_and_is_sealed_again(home):
    from coach.store.sealing import LOCK_CHECK
    from coach.vault import CHECK_TEXT, Vault

    decomposed = "Zoe\u0308 is twelve"
    with Store.open(home) as store:
        store.create_case("Sam", {"note": SECRET})
        store.lock(decomposed)
        salt = bytes.fromhex(store.setting("lock.salt"))
        raw = Vault.derive(decomposed, salt, normalise=False)
        store._rekey(raw)
    with Store.open(home, lambda: decomposed) as store:
        assert store.find_case("Sam").profile["note"] == SECRET
        check = store.setting(LOCK_CHECK)
    assert Vault.derive(decomposed, salt).opens(check, CHECK_TEXT)


def plans_with(cli, passphrase: str) -> list[str]:
    result = cli("plans", "--json", env={"COACH_PASSPHRASE": passphrase})
    assert result.exit_code == 0, result.stderr
    return [plan["title"] for plan in json.loads(result.stdout)]


# --- erase --------------------------------------------------------------------------------


def test_erase_finds_a_renamed_case_in_old_backups_and_spares_a_new_one_of_the_same_name(cli, home):
    def names_in(copy):
        with sqlite3.connect(copy) as db:
            return {row[0] for row in db.execute("SELECT name FROM cases")}

    make_plan(cli, "Sam")
    first = cli("backup", "--out", home / "backups" / "coach-0001-first.db")
    assert first.exit_code == 0
    with Store.open(home) as store:
        store.rename_case(store.find_case("Sam").id, "Sammy")
    make_plan(cli, "Sam")
    assert cli("backup", "--out", home / "backups" / "coach-0002-second.db").exit_code == 0
    one, two = home / "backups" / "coach-0001-first.db", home / "backups" / "coach-0002-second.db"
    assert names_in(one) == {"Sam"} and names_in(two) == {"Sam", "Sammy"}
    assert cli("erase", "--case", "Sam", "--yes").exit_code == 0
    assert names_in(one) == {"Sam"}, "the first backup holds the renamed child, who must be kept"
    assert names_in(two) == {"Sammy"}
    assert cli("erase", "--case", "Sammy", "--yes").exit_code == 0
    assert names_in(one) == set() and names_in(two) == set()
    assert files_holding(home, SECRET) == []


def case_names(copy, passphrase: str | None) -> set[str]:
    """The case names a copy holds, opened with the passphrase where sealed."""
    from coach.vault import Vault

    with sqlite3.connect(copy) as db:
        rows = [row[0] for row in db.execute("SELECT name FROM cases")]
        salt = db.execute("SELECT value FROM settings WHERE key = 'lock.salt'").fetchone()
    if passphrase is None or salt is None:
        return set(rows)
    vault = Vault.derive(passphrase, bytes.fromhex(salt[0]))
    return {vault.open(name) for name in rows}


@pytest.mark.parametrize("passphrase", [None, "correct horse battery"])
def test_a_case_only_copies_hold_is_erased_from_them(cli, home, tmp_path, monkeypatch, passphrase):
    """A restore put back a store from before the case was made: the case is in no list,
    but the store set aside and a backup still hold it. 'erase --case' reaches them."""
    if passphrase:
        monkeypatch.setenv("COACH_PASSPHRASE", passphrase)
        make_plan(cli, "Mia")
        assert cli("lock").exit_code == 0
    else:
        make_plan(cli, "Mia")
    assert cli("backup", "--out", tmp_path / "before.db").exit_code == 0
    make_plan(cli, "Xanthippe")
    backup = home / "backups" / "coach-0001-with-her.db"
    assert cli("backup", "--out", backup).exit_code == 0
    assert cli("restore", tmp_path / "before.db").exit_code == 0
    [aside] = set_aside_files(home)
    assert "Xanthippe" in case_names(aside, passphrase) and "Xanthippe" in case_names(
        backup, passphrase
    )
    assert "no case 'Nobody'" in cli("erase", "--case", "Nobody", "--yes").stderr
    erased = cli("erase", "--case", "xanthippe", "--yes")
    assert erased.exit_code == 0, erased.stderr
    assert "Erased 'xanthippe' from 2 copies" in erased.stdout
    for copy in (aside, backup, home / "coach.db"):
        assert case_names(copy, passphrase) == {"Mia"}
    again = cli("erase", "--case", "Xanthippe", "--yes")
    assert again.exit_code == 1 and "no case 'Xanthippe'" in again.stderr


def test_a_name_a_living_case_had_before_is_not_erased_from_copies(cli, home):
    """The child was renamed: a backup still has the old name, but it is the same child,
    still in the data. Erasing the old name would take part of their record: refused."""
    make_plan(cli, "Sam")
    backup = home / "backups" / "coach-0001-first.db"
    assert cli("backup", "--out", backup).exit_code == 0
    with Store.open(home) as store:
        store.rename_case(store.find_case("Sam").id, "Sammy")
    refused = cli("erase", "--case", "Sam", "--yes")
    assert refused.exit_code == 1
    assert "'Sam' is now called 'Sammy' in your data; erase 'Sammy'" in refused.stderr
    assert case_names(backup, None) == {"Sam"}


def test_erase_is_refused_while_another_window_is_open(cli, home):
    make_plan(cli)
    with another_window(home):
        result = cli("erase", "--all", "--yes")
    assert result.exit_code == 1 and "another coach window" in result.stderr
    assert (home / "coach.db").exists()


# --- the data folder is not trusted blindly ---------------------------------------------


def test_a_store_that_is_a_link_is_refused_untouched(cli, home, tmp_path):
    elsewhere = tmp_path / "elsewhere.db"
    with sqlite3.connect(elsewhere) as db:
        db.execute("CREATE TABLE mine (x)")
    home.mkdir()
    (home / "coach.db").symlink_to(elsewhere)
    before = (elsewhere.read_bytes(), stat.S_IMODE(elsewhere.stat().st_mode))
    result = cli("plans")
    assert result.exit_code == 1 and "is a link" in result.stderr
    assert (elsewhere.read_bytes(), stat.S_IMODE(elsewhere.stat().st_mode)) == before


@pytest.mark.parametrize("kind", ["dangling", "loop", "folder"])
def test_odd_things_named_coach_db_are_one_line(cli, home, kind):
    home.mkdir()
    target = home / "coach.db"
    if kind == "dangling":
        target.symlink_to(home / "nowhere.db")
    elif kind == "loop":
        target.symlink_to(target)
    else:
        target.mkdir()
    result = cli("plans")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_another_programs_database_is_refused_untouched(cli, home):
    home.mkdir(mode=0o700)
    other = home / "coach.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    os.chmod(other, 0o644)
    before = other.read_bytes()
    result = cli("plans")
    assert result.exit_code == 1 and "another program's database" in result.stderr
    assert other.read_bytes() == before and stat.S_IMODE(other.stat().st_mode) == 0o644


def test_a_read_only_store_stays_read_only_and_says_so(cli, home):
    make_plan(cli)
    os.chmod(home / "coach.db", 0o400)
    try:
        result = cli("run", "de_escalation", "--answers", "tests/answers/de_escalation.yaml")
        mode = stat.S_IMODE((home / "coach.db").stat().st_mode)
    finally:
        os.chmod(home / "coach.db", 0o600)
    assert mode == 0o400
    if os.geteuid() != 0:
        assert result.exit_code == 1 and "read-only" in result.stderr
    assert "Traceback" not in result.stderr


# --- case names ---------------------------------------------------------------------------


def test_case_names_lose_terminal_escapes(cli):
    nasty = "Sam\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202e"
    make_plan(cli, nasty)
    listed = cli("cases").stdout + cli("plans").stdout
    assert "\x1b" not in listed and "\u202e" not in listed and "Sam" in listed


def test_a_very_long_case_name_is_refused(cli):
    result = cli(
        "run",
        "de_escalation",
        "--answers",
        "tests/answers/de_escalation.yaml",
        "--case",
        "x" * 5000,
    )
    assert result.exit_code == 1 and "too long" in result.stderr


HOT_JOURNAL = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=DELETE")
db.execute("PRAGMA cache_size=1")
db.execute("BEGIN IMMEDIATE")
db.execute("DELETE FROM plan_revisions")
print("writing", flush=True)
time.sleep(60)
"""


def test_a_copy_killed_while_written_is_one_copy_not_two(cli, home, tmp_path):
    """A copy whose erasing or resealing was killed keeps a rollback journal beside it. It
    was taken for a store set aside: opening it after the copy had rolled it back made an
    empty database, and erasing a case ended in a traceback."""
    import subprocess
    import sys

    make_plan(cli, "Mia")
    assert cli("backup", "--out", tmp_path / "before.db").exit_code == 0
    make_plan(cli, "Xanthippe")
    assert cli("restore", tmp_path / "before.db").exit_code == 0
    [aside] = set_aside_files(home)
    writer = subprocess.Popen(
        [sys.executable, "-c", HOT_JOURNAL, str(aside)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    writer.kill()
    writer.wait()
    journal = aside.with_name(aside.name + "-journal")
    assert journal.exists() and set_aside_files(home) == [aside]
    erased = cli("erase", "--case", "Mia", "--yes")
    assert erased.exit_code == 0, erased.stderr
    assert not journal.exists() and set_aside_files(home) == [aside]
    assert case_names(aside, None) == {"Xanthippe"}
    with sqlite3.connect(aside) as db:  # the killed write was rolled back: nothing lost
        assert db.execute("SELECT COUNT(*) FROM plan_revisions").fetchone()[0] == 1


def test_a_copy_that_cannot_be_opened_is_named_and_the_others_are_erased(cli, home):
    make_plan(cli, "Mia")
    good = home / "backups" / "coach-0001-good.db"
    assert cli("backup", "--out", good).exit_code == 0
    damaged = home / "backups" / "coach-0002-damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    damaged.chmod(0o600)
    erased = cli("erase", "--case", "Mia", "--yes")
    assert erased.exit_code == 1
    assert len(erased.stderr.strip().splitlines()) == 1
    assert "erased from your data and 1 copy, but not from" in erased.stderr
    assert str(damaged) in erased.stderr and "Traceback" not in erased.stderr
    assert case_names(good, None) == set()
