"""The campaign's use cases: what finishing a flow makes (a plan and a diary entry, or a
check-in and no plan), logging and correcting an entry with the guidance first when someone
was hurt, and the timeline of a case in order and by kind."""

from __future__ import annotations

from datetime import date

import pytest

from coach.campaign.incident_form import EntryInvalid
from coach.errors import CoachError
from coach.records import TimelineKind
from coach.services import Services, Workspace
from tests.conftest import ANSWERS, TODAY


@pytest.fixture
def coach(home):
    services = Services(Workspace())
    yield services
    services.close()


def walk(coach: Services, flow: str, case: str | None = "Sam", answers: str | None = None):
    return coach.walks.run(flow, ANSWERS / f"{answers or flow}.yaml", TODAY, case=case, note=print)


def test_a_delayed_action_makes_its_plan_and_a_linked_diary_entry(coach):
    walked = walk(coach, "delayed_action")
    conversation = walked.conversation
    assert walked.plan is not None and conversation.incident_id is not None
    entry = coach.campaign.entry(conversation.incident_id)
    incident = entry.incident
    assert incident.plan_id == walked.plan.id and entry.session_id == conversation.session_id
    assert (incident.day, incident.severity, incident.anyone_hurt) == (date(2026, 11, 27), 7, True)
    assert incident.what_happened.startswith("Sam shouted and threw a mug")
    assert [r.value for r in incident.responses] == ["delayed", "stepped_out"]


def test_a_finish_done_again_makes_nothing_twice(coach):
    walked = walk(coach, "delayed_action")
    conversation = walked.conversation
    conversation.session.retreat()  # as if the finish were retried (another window, a crash)
    conversation.advance()
    assert conversation.plan_id == walked.plan.id
    case = coach.cases.find("Sam")
    assert len(coach.campaign.diary(case.id)) == 1 and len(coach.plans.of_case(case.id)) == 1


def test_de_escalation_logs_how_heated_it_got_as_its_severity(coach):
    walked = walk(coach, "de_escalation")
    incident = coach.campaign.entry(walked.conversation.incident_id).incident
    assert incident.severity == 8 and incident.place == "On the landing outside Sam's room"
    assert incident.day == date(2026, 11, 24) and incident.plan_id == walked.plan.id


def test_without_a_case_the_plan_is_made_and_the_diary_is_not(coach):
    walked = walk(coach, "delayed_action", case=None)
    assert walked.plan is not None and walked.conversation.incident_id is None
    assert any("diaries are kept on a case" in n for n in walked.conversation.notices)


def test_a_check_in_records_a_check_in_and_no_plan(coach):
    walked = walk(coach, "check_in")
    conversation = walked.conversation
    assert walked.plan is None and conversation.plan_id is None
    check_in = coach.campaign.check_in(conversation.check_in_id).check_in
    assert check_in.day == TODAY and [g.rating for g in check_in.goals] == [3, 5]
    case = coach.cases.find("Sam")
    assert coach.plans.of_case(case.id) == []
    with pytest.raises(CoachError, match="has finished; what it recorded is on the case's"):
        coach.sessions.resume(conversation.session_id, TODAY)


def test_a_check_in_is_started_only_on_a_case(coach):
    with pytest.raises(CoachError, match="is kept on a young person's case"):
        coach.sessions.start("check_in", None, TODAY)


TYPED = {"what_happened": "Kicked the door", "severity": "5", "anyone_hurt": "no", "day": "today"}


def test_an_entry_logged_and_corrected_keeps_both_versions(coach):
    case = coach.cases.create("Sam")
    logged = coach.campaign.log_incident(case.id, {**TYPED, "day": "yesterday"}, TODAY)
    assert logged.guidance is None and logged.entry.incident.day == date(2026, 11, 26)
    corrected = coach.campaign.correct_incident(
        logged.entry.id, {**TYPED, "day": "yesterday", "severity": 7}, TODAY
    )
    assert [r.incident.severity for r in corrected.entry.revisions] == [5, 7]
    assert corrected.guidance is None


def test_someone_hurt_brings_the_guidance_first(coach):
    case = coach.cases.create("Sam")
    coach.settings.set_region("GB")
    logged = coach.campaign.log_incident(case.id, {**TYPED, "anyone_hurt": "yes"}, TODAY)
    guidance = logged.guidance or ""
    assert guidance.startswith("## Someone was hurt")
    assert "call 999" in guidance and "protection" in guidance and "Samaritans" in guidance
    plain = coach.campaign.log_incident(case.id, TYPED, TODAY)
    hurt_now = coach.campaign.correct_incident(
        plain.entry.id, {**TYPED, "anyone_hurt": "yes"}, TODAY
    )
    assert hurt_now.guidance == guidance


def test_every_problem_of_a_typed_entry_is_named_and_nothing_is_kept(coach):
    case = coach.cases.create("Sam")
    with pytest.raises(EntryInvalid) as caught:
        coach.campaign.log_incident(case.id, {"severity": 14, "day": "someday"}, TODAY)
    assert [p.field_id for p in caught.value.problems] == [
        "what_happened",
        "severity",
        "anyone_hurt",
        "day",
    ]
    assert coach.campaign.diary(case.id) == []


def test_the_timeline_is_newest_first_and_narrows_to_one_kind(coach):
    walk(coach, "delayed_action")
    walk(coach, "check_in")
    case = coach.cases.find("Sam")
    coach.campaign.log_incident(case.id, {**TYPED, "day": "2026-11-25"}, TODAY)
    page = coach.campaign.timeline(case.id)
    items = page.items
    assert page.total == len(items) == 4
    kinds = [item.kind for item in items]
    assert sorted(kinds) == sorted(
        [TimelineKind.CHECK_IN, TimelineKind.PLAN, TimelineKind.INCIDENT, TimelineKind.INCIDENT]
    )
    assert [item.at for item in items] == sorted((item.at for item in items), reverse=True)
    incidents = coach.campaign.timeline(case.id, [TimelineKind.INCIDENT]).items
    assert [item.title for item in incidents] == [
        "Sam shouted and threw a mug at the kitchen wall when I said no to money for a game.",
        "Kicked the door",
    ]
    assert incidents[0].hurt and "someone was hurt" in incidents[0].detail
    assert coach.campaign.timeline(case.id, [TimelineKind.GESTURE]).items == ()
    second = coach.campaign.timeline(case.id, start=1, count=2)
    assert second.items == items[1:3] and second.total == 4


def test_a_plan_changed_and_followed_up_shows_each_once(coach):
    walked = walk(coach, "reconciliation_gestures")
    plan = walked.plan
    coach.plans.revise(plan.id, plan.body + "\nOne more line.\n")
    given = {
        "which_gesture": "The crisps",
        "response": "quietly",
        "keep_or_change": "keep",
        "hurt_or_escalated": False,
        "own_crisis": False,
        "hard_to_cope": False,
    }
    coach.plans.follow_up(plan.id, given, TODAY)
    case = coach.cases.find("Sam")
    items = coach.campaign.timeline(case.id, [TimelineKind.PLAN, TimelineKind.FOLLOW_UP]).items
    details = sorted(item.detail for item in items)
    assert details == ["How it went, added to the plan", "Plan changed (version 2)", "Plan made"]
    gestures = coach.campaign.timeline(case.id, [TimelineKind.GESTURE]).items
    assert gestures and all(item.ref == plan.id for item in gestures)
