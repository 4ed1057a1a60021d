"""Backups, restore, doctor and erase, as a user runs them."""

import sqlite3
import stat

from tests.conftest import ANSWERS


def make_plan(cli, tmp_path, case: str, marker: str) -> None:
    text = (
        (ANSWERS / "de_escalation.yaml")
        .read_text()
        .replace("On the landing outside Sam's room", marker)
    )
    file = tmp_path / f"{case}.yaml"
    file.write_text(text)
    assert cli("run", "de_escalation", "--answers", file, "--case", case).exit_code == 0


def all_bytes(folder) -> bytes:
    return b"".join(f.read_bytes() for f in folder.rglob("*") if f.is_file())


def test_a_daily_backup_is_made_and_private(cli, home, tmp_path):
    make_plan(cli, tmp_path, "Sam", "kitchen")
    backups = list((home / "backups").iterdir())
    assert len(backups) == 1
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    make_plan(cli, tmp_path, "Alex", "garden")
    assert len(list((home / "backups").iterdir())) == 1


def test_only_seven_backups_are_kept(home, tmp_path):
    from datetime import date

    from coach.store import Store
    from coach.store.maintenance import backups, daily_backup

    with Store.open(home) as store:
        for day in range(1, 11):
            daily_backup(store, date(2026, 11, day))
            newest = backups(home)[-1]
            newest.rename(newest.with_name(f"coach-2026-11-{day:02d}-000000.db"))
    assert [b.name[6:16] for b in backups(home)] == [f"2026-11-{d:02d}" for d in range(4, 11)]


def test_restore_keeps_the_damaged_file_aside(cli, home, tmp_path):
    make_plan(cli, tmp_path, "Sam", "kitchen")
    assert cli("backup", "--out", tmp_path / "safe.db").exit_code == 0
    (home / "coach.db").write_bytes(b"\x00" * 4096)
    broken = cli("plans")
    assert broken.exit_code == 1 and "not a coach database" in broken.stderr
    doctor = cli("doctor")
    assert (
        doctor.exit_code == 1
        and "PROBLEM  store" in doctor.stdout
        and "coach restore" in doctor.stdout
    )
    result = cli("restore", tmp_path / "safe.db")
    assert result.exit_code == 0, result.stderr
    aside = [f for f in home.iterdir() if ".before-restore-" in f.name]
    assert aside and aside[0].read_bytes() == b"\x00" * 4096
    assert "De-escalation plan for Sam" in cli("plans").stdout
    assert cli("doctor").exit_code == 0


def test_restore_refuses_a_bad_backup(cli, home, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"nope")
    result = cli("restore", bad)
    assert result.exit_code == 1 and "is not a SQLite database" in result.stderr


def test_erase_one_case_everywhere(cli, home, tmp_path):
    make_plan(cli, tmp_path, "Sam", "Zanzibar kitchen")
    make_plan(cli, tmp_path, "Alex", "Garden shed")
    assert cli("backup").exit_code == 0
    assert b"Zanzibar" in all_bytes(home)
    result = cli("erase", "--case", "Sam", "--yes")
    assert result.exit_code == 0 and "yours to delete" in result.stdout
    assert b"Zanzibar" not in all_bytes(home)
    assert b"Garden shed" in (home / "coach.db").read_bytes()
    db = sqlite3.connect(home / "coach.db")
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] > 0
    assert db.execute("SELECT name FROM cases").fetchall() == [("Alex",)]


def test_erase_all_asks_first(cli, home, tmp_path):
    make_plan(cli, tmp_path, "Sam", "kitchen")
    refused = cli("erase", "--all", input="n\n")
    assert refused.exit_code == 1 and (home / "coach.db").exists()
    done = cli("erase", "--all", input="y\n")
    assert done.exit_code == 0
    assert not home.exists()


def test_erase_needs_a_target(cli):
    result = cli("erase")
    assert result.exit_code == 1 and "--case NAME or --all" in result.stderr
