"""Every cross-check of the loader, each with a minimal flow broken in one way."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.flowformat.loader import check_machine_file, load_flow, load_folders
from coach.flowformat.problems import FlowInvalid


def problems_of(folder: Path) -> list[str]:
    try:
        load_flow(folder / "flows" / "mini.yaml")
    except FlowInvalid as exc:
        return [str(p) for p in exc.problems]
    return []


def only(folder: Path, fragment: str) -> str:
    """The one problem reported, which must mention ``fragment``."""
    found = problems_of(folder)
    assert len(found) == 1, found
    assert fragment in found[0], found[0]
    return found[0]


def test_the_minimal_flow_is_valid(mini_folder):
    assert problems_of(mini_folder) == []


def test_unknown_key_is_refused_with_line_and_suggestion(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "label: Mood\n", "label: Mood\n        requird: true\n")
    problem = only(mini_folder, "unknown key 'requird'; did you mean 'required'?")
    assert problem.startswith(f"{mini_folder / 'flows/mini.yaml'}:23:")


def test_unknown_field_type(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "type: long_text", "type: essay")
    only(mini_folder, "'essay' is not allowed")


def test_state_without_content(mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml",
        "  extra:\n    say: Tell me more.\n    fields:\n"
        "      - {id: more, type: long_text, label: More}\n",
        "",
    )
    problem = only(mini_folder, "state 'extra' has no content")
    assert "state_machines/mini.yaml:8:" in problem


def test_content_without_state(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "  done:\n", "  spare:\n    say: Hi.\n  done:\n")
    only(mini_folder, "content for 'spare', which is not a state")


def test_condition_reads_a_missing_field(mini_folder, edit):
    edit(mini_folder / "state_machines/mini.yaml", "field: mood,", "field: mod,")
    problem = only(mini_folder, "reads field 'mod', which this flow does not have")
    assert "state_machines/mini.yaml:15:" in problem


def test_condition_value_not_a_choice(mini_folder, edit):
    edit(mini_folder / "state_machines/mini.yaml", "in: [low, very_low]", "in: [low, awful]")
    only(mini_folder, "'awful' is not one of its choices")


def test_condition_value_of_the_wrong_type(mini_folder, edit):
    edit(mini_folder / "state_machines/mini.yaml", "equals: true", "equals: 'yes'")
    only(mini_folder, "compare with true or false")


@pytest.mark.parametrize(
    "never",
    [
        "{all: [{field: danger, equals: true}, {field: danger, equals: false}]}",
        "{not: {any: [{field: danger, equals: true}, {field: danger, equals: false},"
        " {field: danger, answered: false}]}}",
        "{all: [{field: danger, equals: true}, {not: {field: danger, answered: true}}]}",
    ],
)
def test_a_condition_that_can_never_hold_is_named(mini_folder, edit, never):
    """The safety check's way to its stop: a flow that could never stop for safety."""
    edit(
        mini_folder / "state_machines/mini.yaml",
        "when: {field: danger, equals: true}",
        f"when: {never}",
    )
    problem = only(mini_folder, "this condition can never hold")
    assert "state_machines/mini.yaml:13:" in problem and "from 'check' to 'stop'" in problem


def test_a_choice_asked_for_two_values_at_once_never_holds(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "when: {field: mood, in: [low, very_low]}",
        "when: {all: [{field: mood, equals: good}, {field: mood, in: [low, very_low]}]}",
    )
    only(mini_folder, "from 'ask' to 'extra' never fires")


@pytest.mark.parametrize(
    "possible",
    [
        # A test on an open answer (text) may be true or false: never reported.
        "{all: [{field: note, contains: tired}, {field: danger, equals: true}]}",
        "{any: [{field: danger, equals: true}, {case: supporters, answered: true}]}",
        "{not: {field: danger, equals: false}}",
    ],
)
def test_a_condition_that_can_hold_is_not_reported(mini_folder, edit, possible):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "when: {field: danger, equals: true}",
        f"when: {possible}",
    )
    assert problems_of(mini_folder) == []


def test_unreachable_state(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "  - {trigger: next, source: ask, dest: extra, when: {field: mood, in: [low, very_low]}}\n",
        "",
    )
    only(mini_folder, "state 'extra' can never be reached")


def test_state_without_fallback(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "  - {trigger: next, source: ask, dest: summary}\n",
        "",
    )
    only(mini_folder, "state 'ask' has no transition without 'when'")


def test_transition_after_the_fallback_never_fires(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "  - {trigger: next, source: extra, dest: summary}\n",
        "  - {trigger: next, source: extra, dest: summary}\n"
        "  - {trigger: next, source: extra, dest: ask, when: {field: more, answered: true}}\n",
    )
    only(mini_folder, "never fires")


def test_duplicate_field_ids(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "{id: more,", "{id: note,")
    only(mini_folder, "field id 'note' is already used")


def test_confrontation_path_that_skips_the_safety_check(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "  - {trigger: next, source: start, dest: check}\n",
        "  - {trigger: next, source: start, dest: check, when: {field: danger, answered: true}}\n"
        "  - {trigger: next, source: start, dest: ask}\n",
    )
    only(mini_folder, "end state 'done' can be reached without passing a safety check")


def test_confrontation_flow_with_no_safety_stop(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "{name: stop, kind: safety_stop}",
        "{name: stop, kind: info}",
    )
    found = problems_of(mini_folder)
    assert any("no safety_check state leads to a safety_stop" in p for p in found), found


def test_unknown_dest_and_initial(mini_folder, edit):
    edit(mini_folder / "state_machines/mini.yaml", "initial: start", "initial: begin")
    edit(
        mini_folder / "state_machines/mini.yaml",
        "dest: summary}\n  - {trigger: next, source: summary",
        "dest: sumary}\n  - {trigger: next, source: summary",
    )
    found = problems_of(mini_folder)
    assert any("initial state 'begin' is not in 'states'" in p for p in found), found
    assert any("dest 'sumary' is not a state" in p for p in found), found


def test_choice_field_without_choices(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "{id: more, type: long_text,", "{id: more, type: choice,")
    only(mini_folder, "'more' is a choice field with no choices")


def test_scale_needs_range_and_labels(mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml",
        "{id: more, type: long_text, label: More}",
        "{id: more, type: scale, label: More, min: 5, max: 1}",
    )
    found = problems_of(mini_folder)
    assert any("min below max" in p for p in found), found
    assert any("min_label" in p for p in found), found


def test_example_must_be_a_valid_answer(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "example: Tired but fine", "example: ok")
    only(mini_folder, "example for 'note' is not a valid answer")


def test_text_with_minimum_length_needs_an_example(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "        example: Tired but fine\n", "")
    only(mini_folder, "needs an 'example'")


def test_bad_regular_expression(mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml", "validate: {min_length: 3,", "validate: {pattern: '([a-z',"
    )
    only(mini_folder, "not a valid regular expression")


def test_template_syntax_error_points_into_the_template(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "{% if answers.note %}", "{% if answers.note %")
    problem = only(mini_folder, "plan template")
    assert ":45:" in problem


def test_fields_in_a_final_state_are_refused(mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml",
        "  done:\n    say: Done.\n",
        "  done:\n    say: Done.\n    fields:\n      - {id: late, type: text, label: Late}\n",
    )
    only(mini_folder, "'done' is final (end); its fields would never be asked")


def test_flow_id_must_match_the_file(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "flow: mini", "flow: other")
    only(mini_folder, "differs from the file name")


def test_missing_machine_file(mini_folder):
    (mini_folder / "state_machines/mini.yaml").unlink()
    only(mini_folder, "has no file")


def test_only_next_triggers(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "{trigger: next, source: start",
        "{trigger: go, source: start",
    )
    found = problems_of(mini_folder)
    assert any("the only trigger is 'next'" in p for p in found), found


def test_condition_shape_is_checked(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "{field: danger, equals: true}",
        "{field: danger, equals: true, answered: true}",
    )
    found = problems_of(mini_folder)
    assert any("exactly one of equals, in, contains" in p for p in found), found


def test_yaml_syntax_error_has_a_line(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "title: A small test flow", "title: [unclosed")
    problem = only(mini_folder, "not valid YAML")
    assert ":5:" in problem and "flow sequence that began on line 4" in problem


def test_aliases_are_refused(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "minutes: 2", "minutes: &m 2\nextra_minutes: *m")
    only(mini_folder, "anchors and aliases")


def test_every_problem_is_reported_at_once(mini_folder, edit):
    edit(mini_folder / "flows/mini.yaml", "type: long_text", "type: essay")
    edit(mini_folder / "flows/mini.yaml", "minutes: 2", "minutes: two")
    assert len(problems_of(mini_folder)) == 2


def test_lone_machine_file_is_checked_on_its_own(mini_folder, edit):
    edit(
        mini_folder / "state_machines/mini.yaml",
        "  - {trigger: next, source: ask, dest: summary}\n",
        "",
    )
    found = check_machine_file(mini_folder / "state_machines/mini.yaml")
    assert [p.message for p in found] == [
        "state 'ask' has no transition without 'when', so some answers would leave the "
        "caregiver stuck; add a fallback transition last"
    ]


def test_an_added_flow_may_not_replace_a_shipped_one(mini_folder, tmp_path):
    catalogue = load_folders([mini_folder, mini_folder])
    assert "mini" in catalogue.flows
    assert any("already used by a shipped flow" in p.message for p in catalogue.problems)


@pytest.mark.parametrize("text", ["", "just text", "- a list"])
def test_a_document_that_is_not_a_mapping(mini_folder, text):
    (mini_folder / "flows/mini.yaml").write_text(text)
    only(mini_folder, "expected a mapping")


@pytest.mark.parametrize("key", ["supporters", "contacts", "phone_list"])
def test_a_case_list_is_kept_only_in_a_group(mini_folder, edit, key):
    edit(
        mini_folder / "flows/mini.yaml",
        "{id: more, type: long_text, label: More}",
        f"{{id: more, type: long_text, label: More, case_field: {key}}}",
    )
    only(mini_folder, f"case '{key}' needs a group field, not long_text")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("label: A note\n", 'label: "A note for {{ case.name }}"\n'),
        (
            "example: Tired but fine\n",
            'example: Tired but fine\n        hint: "{% if x %}Hi{% endif %}"\n',
        ),
        ("{value: low, label: Low}", '{value: low, label: "Low, {{ case.name }}"}'),
    ],
)
def test_a_template_in_words_shown_as_written_is_refused(mini_folder, edit, old, new):
    """Labels, hints and choice labels are never filled in, so '{{' would show raw."""
    edit(mini_folder / "flows/mini.yaml", old, new)
    only(mini_folder, "is shown as written, so '{{' or '{%' would show raw")


def test_a_concern_is_kept_only_by_a_yes_no_question(mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml",
        "        label: A note\n",
        "        label: A note\n        concern: {kind: concern_missing, behaviour: Gone}\n",
    )
    only(mini_folder, "'concern' fits only a yes_no question, not text")


def test_a_scale_compared_past_its_ends_never_holds():
    from coach.flowformat.can_hold import can_hold
    from coach.flowformat.content import FieldSpec
    from coach.flowformat.machine import Condition

    heat = FieldSpec(id="heat", type="scale", label="How heated", min=0, max=10)
    fields = {"heat": heat}
    assert not can_hold(Condition(field="heat", gte=11), fields)
    assert can_hold(Condition(field="heat", gte=10), fields)
    assert not can_hold(
        Condition.model_validate(
            {"all": [{"field": "heat", "gte": 7}, {"field": "heat", "lte": 3}]}
        ),
        fields,
    )
