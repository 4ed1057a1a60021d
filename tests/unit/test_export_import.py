"""Checking a plan file before import: every problem is one line naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coach.export.importing import ImportProblem, check_document, read_plan_file
from coach.export.plan_json import FORMAT, VERSION
from coach.services.plans import store_plan_import
from coach.store import Store


def import_plan_file(file, store, catalogue):
    return store_plan_import(read_plan_file(file, catalogue), store)


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "flow": {"id": "de_escalation", "version": 1},
        "case": {"name": "Zoë"},
        "plan": {
            "title": "De-escalation plan for Zoë",
            "created": "2026-11-27T10:00:00+00:00",
            "markdown": "# De-escalation plan for Zoë\n\nCalm.\n",
        },
        "answers": {"what_happened": "Zoë slammed the door twice.", "heat": 6, "phrase": "not_ok"},
    }
    doc.update(changes)
    return doc


def check(doc: Any, shipped) -> Any:
    return check_document(Path("plan.json"), doc, shipped)


def test_a_good_document_passes_with_answers_normalised(shipped):
    doc = document(answers={"heat": "7", "later_when": "2026-12-05", "later_time": "7:30pm"})
    checked = check(doc, shipped)
    assert checked.answers == {"heat": 7, "later_when": "2026-12-05", "later_time": "19:30"}
    assert checked.case_name == "Zoë" and checked.flow_version == 1


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([1, 2], "not an NVR Coach plan"),
        (document(format="something-else"), "not an NVR Coach plan"),
        (document(version=0), "unknown plan export version 0"),
        (document(version="1"), "unknown plan export version '1'"),
        (document(version=True), "unknown plan export version True"),
        (document(extra=1), "unexpected key 'extra'"),
        (document(flow={"id": "nope", "version": 1}), "flow this coach does not have"),
        (document(flow={"id": "de_escalation"}), '"flow" "version" should be a whole number'),
        (document(plan={"title": "x", "created": "2026-11-27"}), '"markdown" should be'),
        (
            document(plan={"title": "x", "created": "yesterday", "markdown": "# x"}),
            "is not a date and time",
        ),
        (document(case={"who": "x"}), '"case" should be null'),
        (document(answers=[]), '"answers" should map'),
        (document(answers={"favourite_colour": "red"}), "'favourite_colour' is not a field"),
        (document(answers={"heat": 99}), "answer 'heat' does not fit flow 'de_escalation'"),
        (document(answers={"what_happened": "short"}), "answer 'what_happened' does not fit"),
        (document(answers={"phrase": ["a", "b"]}), "answer 'phrase' does not fit"),
    ],
)
def test_each_problem_is_one_line_naming_the_file(shipped, doc, message):
    with pytest.raises(ImportProblem) as caught:
        check(doc, shipped)
    text = str(caught.value)
    assert text.startswith("plan.json")
    assert message in text and "\n" not in text
    assert text.endswith("nothing was imported")


def test_a_future_version_says_to_update(shipped):
    with pytest.raises(ImportProblem, match="version 2 plan export from a newer NVR Coach"):
        check(document(version=2), shipped)


def test_markdown_and_title_lose_terminal_sequences(shipped):
    plan = {
        "title": "A \x1b[31mred\x1b[0m title",
        "created": "2026-11-27T10:00:00",
        "markdown": "# T\n\n\x1b]52;c;SGk=\x07copied\n",
    }
    checked = check(document(plan=plan), shipped)
    assert checked.title == "A red title"
    assert checked.markdown == "# T\n\ncopied\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "nvr-coach-plan", "version": 1,', "damaged JSON at line 1, column"),
        (b"", "the file is empty"),
        (b"\xff\xfe\x00garbage", "not a text file"),
        (b"[" * 100_000, "damaged JSON"),
    ],
)
def test_damaged_files_change_nothing(tmp_path, shipped, content, message):
    store = Store.open(tmp_path / "home")
    file = tmp_path / "plan.json"
    file.write_bytes(content)
    with pytest.raises(ImportProblem, match=message) as caught:
        import_plan_file(file, store, shipped)
    assert str(caught.value).startswith(str(file))
    assert store.plans() == [] and store.cases() == []


def test_import_finds_the_case_by_name_and_spots_a_duplicate(tmp_path, shipped):
    store = Store.open(tmp_path / "home")
    existing = store.create_case("zoë")
    file = tmp_path / "plan.json"
    file.write_text(json.dumps(document()))
    first = import_plan_file(file, store, shipped)
    assert not first.duplicate and not first.new_case and first.case_id == existing.id
    again = import_plan_file(file, store, shipped)
    assert again.duplicate and again.plan_id == first.plan_id
    assert len(store.plans()) == 1 and len(store.cases()) == 1
    plan = store.plan(first.plan_id)
    assert plan.created == "2026-11-27T10:00:00+00:00" and plan.session_id is None
    assert plan.answers == {
        "what_happened": "Zoë slammed the door twice.",
        "heat": 6,
        "phrase": "not_ok",
    }


def test_an_edited_plan_still_counts_as_already_here(tmp_path, shipped):
    store = Store.open(tmp_path / "home")
    file = tmp_path / "plan.json"
    file.write_text(json.dumps(document(case=None)))
    first = import_plan_file(file, store, shipped)
    assert first.case_id is None
    store.add_revision(first.plan_id, "# Edited\n")
    assert import_plan_file(file, store, shipped).duplicate


def test_a_plan_made_in_another_time_zone_is_kept_in_utc_and_found_again(tmp_path, shipped):
    store = Store.open(tmp_path / "home")
    doc = document(case=None)
    doc["plan"]["created"] = "2026-11-27T12:00:00+02:00"
    file = tmp_path / "plan.json"
    file.write_text(json.dumps(doc))
    first = import_plan_file(file, store, shipped)
    assert store.plan(first.plan_id).created == "2026-11-27T10:00:00+00:00"
    assert import_plan_file(file, store, shipped).duplicate
