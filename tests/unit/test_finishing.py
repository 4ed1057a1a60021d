"""Finishing a session and answering one are all-or-nothing, even with two windows open.

Issue 12, items 1 and 8: the plan is rendered before anything is written, then the position,
the plan and the finished status are kept in one transaction; an answer and the case field
it sets are one transaction too.
"""

from __future__ import annotations

import sqlite3

import pytest

from coach.errors import CoachError
from coach.flowformat.loader import load_folders
from coach.services.sessions import Conversation
from coach.store import Store
from tests.conftest import TODAY


def walk_to_summary(conversation: Conversation, mood: str = "good") -> None:
    conversation.advance()
    conversation.answer("danger", False)
    conversation.advance()
    conversation.answer("mood", mood)
    conversation.advance()
    if mood != "good":
        conversation.advance()  # past the optional "tell me more"
    assert conversation.session.state == "summary"


def stored(store: Store, session_id: int) -> tuple[str, str, int]:
    record = store.session(session_id)
    return record.status, record.state, len(store.plans())


def fail_every(store: Store, table: str, event: str) -> None:
    """A write the disk refuses, stood in for by a trigger (from another connection)."""
    other = sqlite3.connect(store.path)
    other.execute(
        f"CREATE TRIGGER refuse_{table} BEFORE {event} ON {table}"
        " BEGIN SELECT RAISE(ABORT, 'the disk refused this write'); END"
    )
    other.commit()
    other.close()


def test_a_template_that_fails_when_rendered_leaves_the_session_at_its_last_step(
    home, mini_folder, edit
):
    """Only one answer breaks this template, so checking the flow does not catch it."""
    edit(
        mini_folder / "flows/mini.yaml",
        "Mood: {{ answers.mood }}",
        "Mood: {{ answers.mood }}{% if raw.mood == 'low' %}{{ 1 // 0 }}{% endif %}",
    )
    catalogue = load_folders([mini_folder])
    assert not catalogue.problems
    with Store.open(home) as store:
        conversation = Conversation.start(store, catalogue.get("mini"), case=None, today=TODAY)
        walk_to_summary(conversation, mood="low")
        with pytest.raises(CoachError, match="the plan could not be made") as failed:
            conversation.advance()
        assert "division" in str(failed.value) and "still at 'summary'" in str(failed.value)
        assert conversation.session.state == "summary" and conversation.plan_id is None
        assert stored(store, conversation.session_id) == ("active", "summary", 0)
        again = Conversation.resume(store, catalogue, conversation.session_id, TODAY)
        assert again.session.state == "summary" and again.session.answers["mood"] == "low"


def test_a_plan_that_cannot_be_stored_leaves_nothing_finished(home, mini):
    with Store.open(home) as store:
        conversation = Conversation.start(store, mini, case=None, today=TODAY)
        walk_to_summary(conversation)
        fail_every(store, "plans", "INSERT")
        with pytest.raises(sqlite3.IntegrityError):
            conversation.advance()
        assert stored(store, conversation.session_id) == ("active", "summary", 0)
        assert conversation.session.state == "summary"


def test_a_session_finished_without_a_plan_is_reopened_at_its_last_step(home, mini_folder):
    """Older stores finished a session before making its plan; a kill in between left it
    finished with no plan, and its answers could not be reached."""
    catalogue = load_folders([mini_folder])
    with Store.open(home) as store:
        conversation = Conversation.start(store, catalogue.get("mini"), case=None, today=TODAY)
        walk_to_summary(conversation)
        history = [*conversation.session.history, "summary"]
        store.save_position(conversation.session_id, "done", history, "finished")
        resumed = Conversation.resume(store, catalogue, conversation.session_id, TODAY)
        assert resumed.session.state == "summary"
        assert "ended before its plan was made" in resumed.notices[0]
        assert stored(store, conversation.session_id) == ("active", "summary", 0)
        resumed.advance()
        assert resumed.plan_id is not None
        assert stored(store, conversation.session_id) == ("finished", "done", 1)


def test_two_windows_that_finish_one_session_make_one_plan(home, mini_folder):
    catalogue = load_folders([mini_folder])
    with Store.open(home) as first, Store.open(home) as second:
        here = Conversation.start(first, catalogue.get("mini"), case=None, today=TODAY)
        walk_to_summary(here)
        there = Conversation.resume(second, catalogue, here.session_id, TODAY)
        assert there.session.state == "summary"
        here.advance()
        there.advance()
        assert there.plan_id == here.plan_id is not None
        assert len(first.plans()) == 1


def test_an_answer_and_the_case_field_it_sets_are_kept_together(home, mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml",
        "{id: more, type: long_text, label: More}",
        "{id: helpers, type: group, label: Helpers, case_field: supporters,"
        " fields: [{id: name, type: text, label: Name}]}",
    )
    flow = load_folders([mini_folder]).flows["mini"]
    with Store.open(home) as store:
        case = store.create_case("Sam")
        conversation = Conversation.start(store, flow, case=case, today=TODAY)
        conversation.advance()
        conversation.answer("danger", False)
        conversation.advance()
        conversation.answer("mood", "low")
        conversation.advance()
        assert conversation.session.state == "extra"
        fail_every(store, "cases", "UPDATE")
        with pytest.raises(sqlite3.IntegrityError):
            conversation.answer("helpers", [{"name": "Ana"}])
        assert "helpers" not in store.session(conversation.session_id).answers
        assert "supporters" not in store.case(case.id).profile
        assert "helpers" not in conversation.session.answers
        assert "supporters" not in conversation.session.case
