"""The passphrase lock: sealed at rest, opened only with the passphrase, removable."""

import json
import shutil

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
    assert "nobody can get it back" in result.stdout
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
    with Store.open(home, lambda: "correct horse battery") as store:
        db, vault = store.connection, store.vault
        with db:
            db.execute("UPDATE cases SET name = ?", (NAME,))
            db.execute("UPDATE plans SET title = ?", (f"De-escalation plan for {NAME}",))
            db.execute("DELETE FROM settings WHERE key = 'lock.whole'")
            rows = db.execute("SELECT session_id, field_id, value FROM answers").fetchall()
            for session_id, key, stored in rows:  # keyed by the question's id, as before
                field_id, plain = json.loads(vault.open(stored))
                db.execute(
                    "UPDATE answers SET field_id = ?, value = ? WHERE session_id = ?"
                    " AND field_id = ?",
                    (field_id, vault.seal(plain), session_id, key),
                )
    backup = home / "backups" / "coach-2026-01-01-older.db"
    backup.parent.mkdir(exist_ok=True)
    shutil.copy(home / "coach.db", backup)
    assert NAME.encode() in every_byte(home)
    assert b"what_happened" in (home / "coach.db").read_bytes()
    with another_window(home):  # sealing waits for a start with no other window open
        meanwhile = cli("plans")
        assert meanwhile.exit_code == 0 and f"for {NAME}" in meanwhile.stdout
        assert "now also protects" not in meanwhile.stderr and NAME.encode() in every_byte(home)
        with Store.open(home, lambda: "correct horse battery") as store:
            store.save_answer(1, "where", "In the kitchen")  # replaces the row keyed by id
            assert store.session(1).answers["where"] == "In the kitchen"
            keys = [k for (k,) in store.connection.execute("SELECT field_id FROM answers")]
            assert "where" not in keys and "what_happened" in keys
    first = cli("plans")
    assert first.exit_code == 0, first.stderr
    assert f"for {NAME}" in first.stdout
    assert "your passphrase now also protects case names" in first.stderr
    assert NAME.encode() not in every_byte(home)
    assert b"what_happened" not in (home / "coach.db").read_bytes()
    with Store.open(home, lambda: "correct horse battery") as store:
        answers = store.session(1).answers
        assert answers["where"] == "In the kitchen" and answers["heat"] == 8
    later = cli("plans")
    assert "now also protects" not in later.stderr and f"for {NAME}" in later.stdout


QUESTIONS = ("immediate_danger", "self_harm_risk", "adult_hurt_child", "what_happened")


def stored_bytes(home) -> bytes:
    """The store and its copies (the flow cache names every question of every flow)."""
    files = [home / "coach.db", home / "coach.db-wal", *(home / "backups").glob("*.db")]
    return b"".join(f.read_bytes() for f in files if f.exists())


def test_which_questions_were_answered_is_sealed(cli, home, monkeypatch):
    """A question asked only after a yes (a weapon, an adult hurting the child) would say
    what was answered: in a locked store no row names its question."""
    answers = ANSWERS / "de_escalation.yaml"
    assert cli("run", "de_escalation", "--answers", answers, "--case", NAME).exit_code == 0
    monkeypatch.setenv("COACH_PASSPHRASE", "correct horse battery")
    assert cli("lock").exit_code == 0
    assert cli("run", "de_escalation", "--answers", answers, "--case", NAME).exit_code == 0
    for question in QUESTIONS:
        assert question.encode() not in stored_bytes(home)
    with Store.open(home, lambda: "correct horse battery") as store:
        for session in (1, 2):
            assert store.session(session).answers["what_happened"].startswith("When I asked")
        store.save_draft(2, "where", "half typed")
        assert store.drafts(2) == {"where": "half typed"}
        store.save_draft(2, "where", "")
        assert store.drafts(2) == {}
        store.save_answer(2, "where", None)
        assert "where" not in store.session(2).answers
    assert b"half typed" not in stored_bytes(home)
    assert cli("unlock").exit_code == 0
    monkeypatch.delenv("COACH_PASSPHRASE")
    assert b"what_happened" in (home / "coach.db").read_bytes()
    with Store.open(home) as store:
        assert store.session(1).answers["heat"] == 8 and "where" not in store.session(2).answers


def test_sealing_an_older_lock_on_a_full_disk_says_so_and_is_tried_again(cli, home, monkeypatch):
    from coach.errors import StoreError
    from coach.store.locking import seal_what_was_left_readable
    from coach.store.set_aside import LOCK_NOTE

    answers = ANSWERS / "de_escalation.yaml"
    assert cli("run", "de_escalation", "--answers", answers, "--case", NAME).exit_code == 0
    monkeypatch.setenv("COACH_PASSPHRASE", "correct horse battery")
    assert cli("lock").exit_code == 0
    with Store.open(home, lambda: "correct horse battery") as store:
        store.connection.execute("DELETE FROM settings WHERE key = 'lock.whole'")

        def full(*_args):
            raise StoreError("the disk is full")

        with monkeypatch.context() as patched:
            patched.setattr(type(store), "seal_whole", full)
            [said] = seal_what_was_left_readable(store)
        assert "not yet protected" in said and "the disk is full" in said
        assert not store.is_sealed_whole and not (home / LOCK_NOTE).exists()
    again = cli("plans")
    assert again.exit_code == 0 and "now also protects" in again.stderr


def test_a_question_kept_twice_by_an_older_lock_keeps_its_later_answer_when_resealed(home):
    """An older lock kept an answer under the question's id; answered again under a
    passphrase before the store was sealed whole, the question had a second row. Unlocking
    (or sealing) keeps the later one, and fails on none."""
    with Store.open(home) as store:
        store.lock("correct horse battery")
        session = store.create_session("de_escalation", 1, None, "where")
        vault = store.vault
        assert vault is not None
        store.connection.execute(
            "INSERT INTO answers (session_id, field_id, value, answered) VALUES (?, ?, ?, ?)",
            (session, "where", vault.seal(json.dumps("the hall")), "2026-11-01T10:00:00+00:00"),
        )
        key, stored = vault.opaque_key(f"{session}:where"), json.dumps(["where", '"the kitchen"'])
        store.connection.execute(
            "INSERT INTO answers (session_id, field_id, value, answered) VALUES (?, ?, ?, ?)",
            (session, key, vault.seal(stored), "2026-11-02T10:00:00+00:00"),
        )
        assert store.session(session).answers == {"where": "the kitchen"}
        store.unlock()
        assert store.session(session).answers == {"where": "the kitchen"}
        rows = store.connection.execute("SELECT field_id FROM answers").fetchall()
        assert [row[0] for row in rows] == ["where"]
