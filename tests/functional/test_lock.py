"""The passphrase lock: sealed at rest, opened only with the passphrase, removable."""

import json

import pytest

from coach.store import Store, StoreLocked
from coach.vault import WrongPassphrase
from tests.conftest import ANSWERS

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
