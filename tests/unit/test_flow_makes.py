"""What a flow says its end makes (``makes``), checked by the loader with file and line, and
the incident a finished flow logs in the diary, read from its answers."""

from __future__ import annotations

from datetime import date, time

import pytest

from coach.campaign.from_flows import (
    SUPPORT_CALLED,
    IncidentNotAnswered,
    incident_from_answers,
)
from coach.flowformat.content import DiaryFields, Makes, Record
from tests.unit.test_checks import only, problems_of

FLOW = "flows/mini.yaml"
DAY = date(2026, 11, 27)
# The mini flow's 'ask' step, with an incident's questions added.
INCIDENT_FIELDS = """      - id: note
        type: text
        label: A note
        example: Tired but fine
        validate: {min_length: 3, message: "Write a few words, e.g. tired but fine."}
      - {id: what_happened, type: text, label: What happened?}
      - {id: severity, type: scale, label: How bad?, min: 0, max: 10,
         min_label: calm, max_label: worst}
      - {id: anyone_hurt, type: yes_no, label: Anyone hurt?}
"""


def add_incident_questions(folder, edit) -> None:
    edit(
        folder / FLOW,
        """      - id: note
        type: text
        label: A note
        example: Tired but fine
        validate: {min_length: 3, message: "Write a few words, e.g. tired but fine."}
""",
        INCIDENT_FIELDS,
    )


def test_makes_reads_as_a_list_and_defaults_to_a_plan():
    assert Makes.model_validate([]).records == ()
    assert Makes.model_validate(["plan", "diary_entry"]).diary_entry == DiaryFields()
    heat = Makes.model_validate(["plan", {"diary_entry": {"severity": "heat"}}])
    assert heat.records == (Record.PLAN, Record.DIARY_ENTRY)
    assert heat.diary_entry is not None and heat.diary_entry.severity == "heat"


def test_the_shipped_flows_say_what_they_make(shipped):
    made = {flow_id: flow.content.makes.records for flow_id, flow in shipped.flows.items()}
    assert made["check_in"] == (Record.CHECK_IN,)
    assert made["delayed_action"] == (Record.PLAN, Record.DIARY_ENTRY)
    assert made["de_escalation"] == (Record.PLAN, Record.DIARY_ENTRY)
    assert shipped.get("de_escalation").content.makes.diary_entry.severity == "heat"
    assert made["sit_in"] == (Record.PLAN,)


def test_a_diary_entry_needs_the_incident_s_questions(mini_folder, edit):
    edit(mini_folder / FLOW, "states:\n", "makes: [plan, diary_entry]\nstates:\n")
    found = problems_of(mini_folder)
    assert len(found) == 3
    assert all(f"{FLOW}:8:" in problem for problem in found)
    wanted = "reads 'what_happened' from field 'what_happened', which this flow does not ask"
    assert any(wanted in problem for problem in found)


def test_a_flow_with_the_incident_s_questions_makes_an_entry(mini_folder, edit):
    add_incident_questions(mini_folder, edit)
    edit(mini_folder / FLOW, "states:\n", "makes: [plan, diary_entry]\nstates:\n")
    assert problems_of(mini_folder) == []


def test_severity_must_be_a_scale_from_0_to_10(mini_folder, edit):
    add_incident_questions(mini_folder, edit)
    edit(mini_folder / FLOW, "min: 0, max: 10,", "min: 1, max: 5,")
    edit(mini_folder / FLOW, "states:\n", "makes: [plan, diary_entry]\nstates:\n")
    only(mini_folder, "diary_entry's severity field 'severity' should be a scale from 0 to 10")


def test_a_part_named_on_purpose_must_exist_and_fit(mini_folder, edit):
    add_incident_questions(mini_folder, edit)
    edit(mini_folder / FLOW, "states:\n", "makes: [plan, {diary_entry: {day: note}}]\nstates:\n")
    only(mini_folder, "diary_entry's 'day' field 'note' is text; use date")


def test_a_plan_template_without_plan_in_makes_and_the_reverse(mini_folder, edit):
    edit(mini_folder / FLOW, "states:\n", "makes: [check_in]\nstates:\n")
    found = problems_of(mini_folder)
    assert any("a check-in needs a 'goals' group or a rating" in p for p in found)
    assert any("has a plan template but 'makes' leaves out plan" in p for p in found)


def test_makes_plan_without_a_template(mini_folder, edit):
    text = (mini_folder / FLOW).read_text()
    (mini_folder / FLOW).write_text(text[: text.index("plan:\n")])
    only(mini_folder, "this flow makes a plan but has no 'plan:' block")


def test_an_unknown_record_is_refused(mini_folder, edit):
    edit(mini_folder / FLOW, "states:\n", "makes: [plan, letter]\nstates:\n")
    problem = only(mini_folder, "unknown key 'letter'")
    assert f"{FLOW}:" in problem


ANSWERS = {
    "what_happened": "  Shouted and kicked the door  ",
    "severity": 7,
    "anyone_hurt": True,
    "incident_date": "2026-11-24",
    "incident_time": "21:15",
    "where": "the landing",
    "who_was_there": "me and Mia",
    "what_i_did": ["argued", "shouted", "stepped_away", "called_someone", "my own words"],
}


def test_the_incident_is_read_from_the_flow_s_answers():
    incident = incident_from_answers(ANSWERS, DiaryFields(), day=DAY, plan_id=4)
    assert incident.day == date(2026, 11, 24) and incident.at == time(21, 15)
    assert incident.what_happened == "Shouted and kicked the door"
    assert (incident.severity, incident.anyone_hurt, incident.plan_id) == (7, True, 4)
    assert [r.value for r in incident.responses] == ["escalated", "stepped_out"]
    assert incident.support_called == SUPPORT_CALLED
    assert (incident.place, incident.who_was_there) == ("the landing", "me and Mia")


def test_an_incident_without_a_day_is_dated_when_the_flow_was_finished():
    answers = {"what_happened": "Swore at me", "heat": 3, "anyone_hurt": False}
    incident = incident_from_answers(answers, DiaryFields(severity="heat"), day=DAY)
    assert (incident.day, incident.severity, incident.at, incident.responses) == (DAY, 3, None, ())


def test_a_missing_part_is_named():
    with pytest.raises(IncidentNotAnswered, match="severity"):
        incident_from_answers({"what_happened": "x", "anyone_hurt": False}, DiaryFields(), day=DAY)
