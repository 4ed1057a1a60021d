"""The use cases' own rules: cases found or made the same way, settings checked once, notes
always marked as the practitioner's."""

from __future__ import annotations

import pytest

from coach.errors import CoachError, NotFoundError
from coach.services import Services, Workspace
from coach.services.plans import with_practitioner_notes
from tests.conftest import ANSWERS, TODAY


@pytest.fixture
def coach(home):
    services = Services(Workspace())
    yield services
    services.close()


def test_a_case_is_found_by_number_or_name_and_made_only_when_asked(coach):
    assert coach.cases.find(None) is None
    with pytest.raises(NotFoundError, match="no case 'Sam'"):
        coach.cases.find("Sam")
    sam = coach.cases.find("Sam", create=True)
    assert coach.cases.find("sAM") == sam == coach.cases.find(str(sam.id))
    with pytest.raises(NotFoundError, match="no case '42'"):
        coach.cases.find("42", create=True)  # a number never makes a case called "42"
    assert [case.name for case in coach.cases.all()] == ["Sam"]


def test_settings_are_checked_once(coach):
    assert coach.settings.region_code is None and coach.settings.region.code == "OTHER"
    with pytest.raises(CoachError, match="unknown region 'xx'"):
        coach.settings.set_region("xx")
    assert coach.settings.set_region(" gb ").code == "GB"
    assert coach.settings.region_code == "GB"
    with pytest.raises(CoachError, match="from 0 \\(never\\) to 1440"):
        coach.settings.set_idle_lock(1441)
    coach.settings.set_idle_lock(12)
    assert coach.settings.idle_lock_minutes == 12
    assert not coach.settings.welcomed
    coach.settings.mark_welcomed()
    assert coach.settings.welcomed


def finished_plan_with_notes(coach: Services, notes: str) -> int:
    walked = coach.walks.run(
        "de_escalation", ANSWERS / "de_escalation.yaml", TODAY, case="Sam", note=print
    )
    walked.conversation.save_notes(notes)
    assert walked.plan is not None
    return walked.plan.id


@pytest.mark.parametrize("format_name", ["md", "html", "pdf", "json"])
def test_notes_in_any_export_are_marked_not_for_the_family(coach, format_name):
    plan_id = finished_plan_with_notes(coach, "Mum very tired; ask about *sleep*.")
    family = coach.plans.export(plan_id, format_name)
    practitioner = coach.plans.export(plan_id, format_name, with_notes=True)
    assert not family.with_notes and practitioner.with_notes
    if format_name != "pdf":  # the PDF's text is compressed; its body is the same Markdown
        assert b"Mum very tired" not in family.data
        assert b"not for the family" in practitioner.data
        assert b"Mum very tired" in practitioner.data


def test_no_notes_no_banner(coach):
    plan_id = finished_plan_with_notes(coach, "   ")
    plan = coach.plans.get(plan_id)
    assert with_practitioner_notes(plan, "  \n") is plan
    assert not coach.plans.export(plan_id, "md", with_notes=True).with_notes


def test_the_region_a_locale_names():
    from coach.services.settings import region_from_locale

    assert region_from_locale({"LANG": "en_GB.UTF-8"}) == "GB"
    assert region_from_locale({"LANG": "de_DE.UTF-8"}) == "DE"
    assert region_from_locale({"LANG": "fr_FR.UTF-8"}) == "EU"
    assert region_from_locale({"LANG": "ja_JP.UTF-8"}) is None
    assert region_from_locale({"LANG": "C.UTF-8"}) is None
    assert region_from_locale({}) is None
    # The variable that sets the language of messages wins, as it does for programs.
    assert region_from_locale({"LC_ALL": "en_US.UTF-8", "LANG": "en_GB.UTF-8"}) == "US"
    assert region_from_locale({"LC_MESSAGES": "nl_NL", "LANG": "en_GB.UTF-8"}) == "NL"
