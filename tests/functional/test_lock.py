"""The passphrase lock: sealed at rest, opened only with the passphrase, removable."""

import json
import shutil
import sqlite3

import pytest

from coach.errors import CoachError
from coach.store import Store, StoreLocked
from coach.vault import WrongPassphrase
from tests.conftest import ANSWERS
from tests.functional.data_support import another_window

SECRET = "Zanzibar landing"


@pytest.fixture
def locked(cli, home, tmp_path, monkeypatch):
    answers = (
        (ANSWERS / "de_escalation.yaml")
        .read_text()
        .replace("On the landing outside Sam's room", SECRET)
    )
    file = tmp_path / "a.yaml"
    file.write_text(answers)
    assert cli("run", "de_escalation", "--answers", file, "--case", "Sam").exit_code == 0
    monkeypatch.setenv("COACH_PASSPHRASE", "correct horse battery")
    result = cli("lock")
    assert result.exit_code == 0, result.stderr
    assert "nobody can get them back" in result.stdout
    return home


def every_byte(home) -> bytes:
    return b"".join(f.read_bytes() for f in home.rglob("*") if f.is_file())


def test_nothing_readable_is_left_on_disk(locked):
    assert SECRET.encode() not in every_byte(locked)
    assert b"Chris and my sister Ana" not in every_byte(locked)


def test_with_the_passphrase_everything_reads_as_before(cli, locked):
    assert SECRET in cli("show", "1").stdout
    document = json.loads(cli("export", "1", "--format", "json").stdout)
    assert document["answers"]["where"] == SECRET


def test_without_the_passphrase_one_clear_line(cli, locked, monkeypatch):
    monkeypatch.delenv("COACH_PASSPHRASE")
    result = cli("show", "1")
    assert result.exit_code == 1
    assert "locked with a passphrase" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_wrong_passphrase_is_refused(cli, locked, monkeypatch):
    monkeypatch.setenv("COACH_PASSPHRASE", "wrong guess!")
    result = cli("plans")
    assert result.exit_code == 1 and "does not open this store" in result.stderr
    with pytest.raises(WrongPassphrase):
        Store.open(locked, lambda: "wrong guess!")
    with pytest.raises(StoreLocked):
        Store.open(locked)


def test_new_answers_are_sealed_too(cli, locked, tmp_path):
    file = tmp_path / "b.yaml"
    file.write_text(
        (ANSWERS / "de_escalation.yaml").read_text().replace("Chris and my sister Ana", "Quetzal")
    )
    assert cli("run", "de_escalation", "--answers", file).exit_code == 0
    assert b"Quetzal" not in every_byte(locked)


def test_unlock_makes_it_plain_again(cli, locked, monkeypatch):
    assert cli("unlock").exit_code == 0
    monkeypatch.delenv("COACH_PASSPHRASE")
    assert SECRET in cli("show", "1").stdout


def test_lock_twice_and_short_passphrase(cli, locked, monkeypatch):
    assert "already locked" in cli("lock").stderr
    cli("unlock")
    monkeypatch.setenv("COACH_PASSPHRASE", "short")
    assert "at least 8 characters" in cli("lock").stderr


def test_an_import_into_a_locked_store_is_sealed_and_duplicates_are_found(cli, locked, tmp_path):
    exported = tmp_path / "plan.json"
    exported.write_text(
        cli("export", "1", "--format", "json").stdout.replace(SECRET, "Quetzal place")
    )
    first = cli("import", exported)
    assert first.exit_code == 0, first.stderr
    assert b"Quetzal" not in (locked / "coach.db").read_bytes()
    assert "Quetzal place" in cli("show", "2").stdout
    again = cli("import", exported)
    assert again.exit_code == 0 and "nothing was added" in again.stdout


NAME = "Xanthippe"  # a name no ciphertext spells by chance


def test_case_names_plan_titles_and_events_are_sealed_too(cli, home, monkeypatch, tmp_path):
    """The young person's name, the plan titles that carry it, and the fact that a safety
    stop was left are not readable in a locked store or its copies."""
    assert (
        cli(
            "run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", NAME
        ).exit_code
        == 0
    )
    store = Store.open(home)
    session_id = store.sessions()[0].id
    store.record_event(session_id, "left_stop", "went back")
    store.close()
    monkeypatch.setenv("COACH_PASSPHRASE", "correct horse battery")
    assert cli("lock").exit_code == 0
    assert NAME.encode() not in every_byte(home) and b"left_stop" not in every_byte(home)
    assert f"for {NAME}" in cli("plans").stdout
    # Found by name, ignoring case, and never made twice.
    again = cli(
        "run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", NAME.upper()
    )
    assert again.exit_code == 0, again.stderr
    store = Store.open(home, lambda: "correct horse battery")
    assert [c.name for c in store.cases()] == [NAME]
    with pytest.raises(CoachError, match="already a case called"):
        store.create_case(NAME.lower())
    assert [e.kind for e in store.events(session_id)] == ["left_stop"]
    store.close()
    assert NAME.encode() not in every_byte(home)
    assert cli("unlock").exit_code == 0
    monkeypatch.delenv("COACH_PASSPHRASE")
    assert NAME.encode() in (home / "coach.db").read_bytes()
    assert f"for {NAME}" in cli("plans").stdout


def test_a_store_locked_by_an_older_version_is_sealed_whole_at_its_next_start(
    cli, home, monkeypatch
):
    """Before, a lock left case names, plan titles and event kinds readable: such a store,
    and its backups, are sealed at the next start with the passphrase, once."""
    assert (
        cli(
            "run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", NAME
        ).exit_code
        == 0
    )
    monkeypatch.setenv("COACH_PASSPHRASE", "correct horse battery")
    assert cli("lock").exit_code == 0
    older = sqlite3.connect(home / "coach.db")
    with older:
        older.execute("UPDATE cases SET name = ?", (NAME,))
        older.execute("UPDATE plans SET title = ?", (f"De-escalation plan for {NAME}",))
        older.execute("DELETE FROM settings WHERE key = 'lock.whole'")
    older.close()
    backup = home / "backups" / "coach-2026-01-01-older.db"
    backup.parent.mkdir(exist_ok=True)
    shutil.copy(home / "coach.db", backup)
    assert NAME.encode() in every_byte(home)
    with another_window(home):  # sealing waits for a start with no other window open
        meanwhile = cli("plans")
        assert meanwhile.exit_code == 0 and f"for {NAME}" in meanwhile.stdout
        assert "now also protects" not in meanwhile.stderr and NAME.encode() in every_byte(home)
    first = cli("plans")
    assert first.exit_code == 0, first.stderr
    assert f"for {NAME}" in first.stdout
    assert "your passphrase now also protects case names" in first.stderr
    assert NAME.encode() not in every_byte(home)
    later = cli("plans")
    assert "now also protects" not in later.stderr and f"for {NAME}" in later.stdout
