"""The SQLite store: private files, answers committed at once, resuming, migrations, damage."""

import sqlite3
import stat

import pytest

from coach.errors import CoachError
from coach.flowformat.loader import load_folders
from coach.services.sessions import Conversation
from coach.store import SCHEMA_VERSION, Store, StoreError
from tests.conftest import TODAY, drop_extra_step, walk_to_extra


@pytest.fixture
def store(home):
    with Store.open(home) as opened:
        yield opened


def test_folder_and_files_are_private(store, home):
    store.create_case("Sam")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for file in home.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_wal_full_sync_and_schema_version(store):
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_each_answer_is_visible_to_another_connection_at_once(store, mini):
    conversation = Conversation.start(store, mini, case=None, today=TODAY)
    conversation.advance()
    conversation.answer("danger", False)
    other = sqlite3.connect(store.path)
    rows = other.execute("SELECT field_id, value FROM answers").fetchall()
    assert rows == [("danger", "false")]


def test_cases_are_unique_by_name_ignoring_case(store):
    sam = store.create_case("Sam")
    with pytest.raises(CoachError, match="already a case called 'sam'"):
        store.create_case("sam")
    assert store.find_case("SAM") == sam
    assert store.find_case(str(sam.id)) == sam
    assert store.find_case("Alex") is None


def test_resume_picks_up_exactly_where_it_stopped(home, mini):
    with Store.open(home) as store:
        case = store.create_case("Sam")
        conversation = Conversation.start(store, mini, case=case, today=TODAY)
        conversation.advance()
        conversation.answer("danger", False)
        conversation.advance()
        conversation.answer("mood", "low")
        session_id = conversation.session_id
    with Store.open(home) as store:
        catalogue = load_folders([mini.flow_file.parent.parent])
        resumed = Conversation.resume(store, catalogue, session_id, TODAY)
        assert resumed.session.state == "ask"
        assert resumed.session.history == ["start", "check"]
        assert resumed.session.prefill(mini.fields["mood"]) == "low"
        assert resumed.session.case["name"] == "Sam"
        resumed.answer("note", "Tired but fine")
        resumed.advance()
        resumed.answer("more", "Long week")
        resumed.advance()
        resumed.advance()
        plan = store.plan(resumed.plan_id)
    assert plan.title == "Mini plan for Sam"
    assert "Mood: Low" in plan.body and "More: Long week" in plan.body
    assert plan.answers == {
        "danger": False,
        "mood": "low",
        "note": "Tired but fine",
        "more": "Long week",
    }


def test_resume_after_the_flow_lost_a_state(home, mini_folder, edit):
    catalogue = load_folders([mini_folder])
    with Store.open(home) as store:
        conversation = Conversation.start(store, catalogue.flows["mini"], case=None, today=TODAY)
        walk_to_extra(conversation)
        session_id = conversation.session_id
    drop_extra_step(mini_folder, edit)
    changed = load_folders([mini_folder])
    assert not changed.problems, changed.problems
    with Store.open(home) as store:
        resumed = Conversation.resume(store, changed, session_id, TODAY)
    assert resumed.session.state == "ask"
    assert resumed.notices and "has changed" in resumed.notices[0]


def test_plan_revisions_are_kept(store):
    plan_id = store.create_plan(
        session_id=None,
        case_id=None,
        flow_id="mini",
        flow_version=1,
        title="T",
        body="one",
        answers={},
    )
    assert store.add_revision(plan_id, "two") == 2
    assert [r.body for r in store.revisions(plan_id)] == ["one", "two"]
    assert store.plan(plan_id).body == "two"
    assert store.plans()[0].revision == 2


def test_a_newer_schema_is_refused_and_left_alone(home):
    Store.open(home).close()
    db = sqlite3.connect(home / "coach.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = (home / "coach.db").read_bytes()
    with pytest.raises(StoreError, match="written by a newer NVR Coach"):
        Store.open(home)
    assert (home / "coach.db").read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_a_damaged_file_is_reported_and_never_overwritten(home, content):
    home.mkdir(mode=0o700)
    (home / "coach.db").write_bytes(content)
    with pytest.raises(StoreError, match="left as it is"):
        Store.open(home)
    assert (home / "coach.db").read_bytes() == content


def test_a_version_1_store_is_migrated_and_keeps_its_data(home):
    from coach.store import schema as store_module

    home.mkdir(mode=0o700)
    db = sqlite3.connect(home / "coach.db")
    db.executescript(store_module.MIGRATIONS[1] + "; PRAGMA user_version = 1;")
    db.execute("INSERT INTO cases (name, created, updated) VALUES ('Sam', 'x', 'x')")
    db.commit()
    db.close()
    with Store.open(home) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [c.name for c in store.cases()] == ["Sam"]
        assert store.follow_ups(1) == []


def test_a_version_2_store_keeps_its_session_claims(home):
    from coach.store import schema as store_module

    home.mkdir(mode=0o700)
    db = sqlite3.connect(home / "coach.db")
    db.executescript(
        store_module.MIGRATIONS[1] + ";" + store_module.MIGRATIONS[2] + "; PRAGMA user_version = 2;"
    )
    db.execute(
        "INSERT INTO sessions (flow_id, flow_version, state, history, status, created, updated)"
        " VALUES ('mini', 1, 'start', '[]', 'active', 'x', 'x')"
    )
    db.execute("INSERT INTO session_claims VALUES (1, 'host:1', 'x')")
    db.commit()
    db.close()
    with Store.open(home) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        owners = store._db.execute("SELECT session_id, owner FROM session_claims").fetchall()
        assert [tuple(row) for row in owners] == [(1, "host:1")]


def test_a_name_typed_into_a_case_field_renames_the_case(home, mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml",
        "{id: more, type: long_text, label: More}",
        "{id: who, type: text, label: Name, case_field: name}",
    )
    flow = load_folders([mini_folder]).flows["mini"]
    with Store.open(home) as store:
        case = store.create_case("Sam")
        store.create_case("Alex")
        conversation = Conversation.start(store, flow, case=case, today=TODAY)
        conversation.session.history = ["start", "check", "ask"]
        conversation.session._machine.set_state("extra", model=conversation.session._position)
        assert conversation.answer("who", "Sammy").accepted
        assert store.case(case.id).name == "Sammy"
        assert conversation.answer("who", "alex").accepted
        assert store.case(case.id).name == "Sammy"
        assert "already a case called 'alex'" in conversation.notices[-1]


def test_listing_only_what_has_no_case(store):
    sam = store.create_case("Sam")
    for case_id in (sam.id, None):
        store.create_session("mini", 1, case_id, "start")
        store.create_plan(
            session_id=None,
            case_id=case_id,
            flow_id="mini",
            flow_version=1,
            title=f"T{case_id}",
            body="b",
            answers={},
        )
    assert [p.title for p in store.plans(without_case=True)] == ["TNone"]
    assert [s.case_id for s in store.sessions(without_case=True)] == [None]
    assert len(store.plans()) == 2
