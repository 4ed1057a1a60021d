"""Parental presence: the three levels, the telephone round kept on the case, the police with no
waiting period, the missing-from-care procedure, and the stop when the young person is missing."""

from __future__ import annotations

import json

import pytest
import yaml
from icalendar import Calendar

from coach.engine import Session
from coach.templating import render
from tests.conftest import ANSWERS, TODAY
from tests.functional.case_setup import (
    CONTACTS,
    SUPPORTERS,
    add_to_case,
    answers_with,
    case_profile,
    message_at,
    plan_text,
    run,
    sections,
    set_region,
    words_of,
)

ADULTS = [{"name": "Jo", "relationship": "parent"}, {"name": "Chris", "relationship": "parent"}]
SAFETY = {
    "immediate_danger": "safety_stop",
    "young_person_missing": "missing_stop",
    "self_harm_risk": "safety_stop",
    "adult_hurt_child": "protect_stop",
}


@pytest.fixture
def sam(home):
    add_to_case(home, "Sam", adults=ADULTS, supporters=SUPPORTERS)
    set_region(home, "GB")
    return "Sam"


def test_full_run_makes_the_presence_plan(cli, sam):
    outcome = run(cli, "parental_presence", ANSWERS / "parental_presence.yaml", sam)
    assert outcome["unused"] == []
    for skipped in ("tell_the_police", "care_procedure", "missing_stop"):
        assert skipped not in outcome["path"]
    plan = plan_text(cli, outcome)
    assert plan.startswith("# Presence plan for Sam\n")
    assert "\\_" not in plan, "every choice in the answers file is a known choice"
    parts = sections(plan)
    assert "A planning aid to use alongside professional support." in parts[""]
    assert [h for h in parts if h] == [
        "I am here",
        "Three levels of care",
        "The telephone round",
        "Calling the police",
        "When Sam comes home",
    ]

    here = words_of(parts["I am here"])
    assert "we will phone your friends and their parents. We do it because we care" in here
    assert "**Telling Sam:** Saturday 5 December 2026 at 18:30, with Jo and Chris." in here

    levels = sections(parts["Three levels of care"], level=3)
    assert (
        "- Ask where they are going, with whom, and when they'll be back"
        in (levels["Open attention: every day"])
    )
    focused = words_of(levels["Focused attention: when we are worried"])
    assert "- Coming home much later than agreed" in focused
    assert "can be signs of exploitation. If we see them, we tell the police" in focused
    assert "- Message or phone them while they are out" in focused
    assert "- Say openly that we are paying closer attention, and why" in focused
    protective = levels["Protective action: when we fear for Sam's safety"]
    assert "- Call the police as soon as we are worried for their safety" in protective
    assert "Always with another adult, never alone." in protective

    round_ = sections(parts["The telephone round"], level=3)
    table = round_[""]
    assert "| Kai's mum (Lena) | a friend's parent | 07700 900456 | Kai and Sam play" in table
    assert "| The skate park café | a place he goes |  | Open until 22:00 |" in table
    assert "**Sharing the calls:** Ana." in table
    assert "> Hello, this is Jo. I look after Sam." in round_["What we say"]
    assert "isn't home" not in round_["What we say"]
    assert round_["What we write down"].count("- [ ] ") == 4

    police = words_of(parts["Calling the police"])
    for phrase in (
        "There is no waiting period.",
        "we call the police on 999.",
        "Calling is protection, not betrayal.",
        "Ready for the police: - A recent photo - A description: height, build, hair",
        "**At home, in case Sam comes back:** Chris",
        "**If we go out to look:** with Ana. Never alone.",
        "We never call or confront anyone we think may be exploiting Sam.",
    ):
        assert phrase in police, phrase

    home = parts["When Sam comes home"]
    assert "**What we'll say:** \"I'm so glad you're home. Are you OK?\"" in home
    assert "No lecture at the door." in home


def test_the_telephone_list_goes_back_to_the_case_and_comes_from_it(cli, home, sam, tmp_path):
    run(cli, "parental_presence", ANSWERS / "parental_presence.yaml", sam)
    kept = case_profile(home, sam)["phone_list"]
    assert [row["name"] for row in kept] == [
        "Kai's mum (Lena)",
        "Kai",
        "Grandad Ray",
        "The skate park café",
    ]
    assert kept[0] == {
        "name": "Kai's mum (Lena)",
        "who": "a friend's parent",
        "phone": "07700 900456",
        "notes": "Kai and Sam play football together",
    }
    again = run(
        cli, "parental_presence", answers_with(tmp_path, "parental_presence", phone_list=None), sam
    )
    assert "| Grandad Ray | his grandad | 01632 960777 |" in plan_text(cli, again)


def test_a_young_person_missing_now_gets_the_police_first_and_no_plan(cli, home):
    add_to_case(home, "Sam", contacts=CONTACTS)
    set_region(home, "GB")
    answers = ANSWERS / "parental_presence_missing.yaml"
    result = cli("run", "parental_presence", "--answers", answers, "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    text = words_of(result.stdout)
    assert text.startswith("## Call the police now Call the police on 999 as soon as you are")
    for phrase in (
        "there is no waiting period.",
        "Foster carers follow the missing-from-care procedure",
        "Tell the police: - their name, age and what they look like",
        "Phone their friends, their friends' parents and places they go.",
        "Never call or confront anyone you think may be exploiting them.",
        "Never go looking alone.",
        "Samaritans",
        "Dr Okafor",
    ):
        assert phrase in text, phrase
    assert "Self-harm or talk of suicide." not in text
    assert text.count("Call the police on 999") == 1  # the reason is given once
    assert json.loads(cli("plans", "--json").stdout) == []


def test_missing_stops_at_its_own_yes_before_any_other_question(cli):
    """A parent whose young person is missing now gets the police at that yes; nothing else
    is asked first, and self-harm is named as something to tell the police."""
    outcome = run(cli, "parental_presence", ANSWERS / "parental_presence_missing.yaml", "Sam")
    assert outcome["outcome"] == "missing_stop"
    assert outcome["path"] == ["welcome", "now_danger", "now_missing", "missing_stop"]
    assert set(outcome["unused"]) == {"self_harm_risk", "carer_role"}
    text = words_of(
        cli(
            "run", "parental_presence", "--answers", ANSWERS / "parental_presence_missing.yaml"
        ).stdout
    )
    assert "anything that puts them more at risk, such as health needs, self-harm" in text


@pytest.mark.parametrize("question", sorted(SAFETY))
def test_each_right_now_answer_alone_stops_without_a_plan(cli, tmp_path, question):
    changes = dict.fromkeys(SAFETY, False)
    changes[question] = True
    changes["self_harm_now"] = question == "self_harm_risk"  # an emergency now stops
    outcome = run(
        cli, "parental_presence", answers_with(tmp_path, "parental_presence", **changes), "Sam"
    )
    assert outcome["outcome"] == SAFETY[question]
    assert outcome["kind"] == "safety_stop" and outcome["plan_id"] is None
    assert "about_you" not in outcome["path"]
    assert json.loads(cli("plans", "--json").stdout) == []


def test_someone_suspected_of_exploitation_is_for_the_police_not_a_call(cli, sam, tmp_path):
    answers = answers_with(
        tmp_path,
        "parental_presence",
        suspect_someone=True,
        what_police_know="A man called 'Jay' in a silver car picks Sam up by the shop.",
    )
    outcome = run(cli, "parental_presence", answers, sam)
    assert "tell_the_police" in outcome["path"]
    parts = sections(plan_text(cli, outcome))
    worried = words_of(parts["Not for the family: someone we are worried about"])
    assert "We tell the police and children's services" in worried
    assert "We don't contact that person." in worried
    assert "'Jay' in a silver car" in worried
    plan_id = str(outcome["plan_id"])
    for family_copy in (
        cli("export", plan_id, "--format", "md").stdout,
        cli("export", plan_id, "--format", "html").stdout,
    ):
        assert "someone we are worried about" not in family_copy
        assert "silver car" not in family_copy
        assert "We never call or confront anyone" in family_copy
    answers = json.loads(cli("export", plan_id, "--format", "json").stdout)["answers"]
    assert "what_police_know" not in answers and "suspect_someone" not in answers


def test_someone_suspected_is_kept_on_the_case_as_a_concern(cli, home, sam, tmp_path):
    """The suspicion joins the case's concerns, so the priorities, the announcement and the
    sit-in know of it; a later presence plan with no one suspected leaves it there."""
    run(
        cli,
        "parental_presence",
        answers_with(tmp_path, "parental_presence", suspect_someone=True),
        sam,
    )
    kept = {
        "behaviour": "Someone may be exploiting or grooming them (named in the presence plan)",
        "basket": "concern_exploitation",
    }
    assert kept in case_profile(home, sam)["concerns"]
    run(cli, "parental_presence", ANSWERS / "parental_presence.yaml", sam)
    assert kept in case_profile(home, sam)["concerns"]


def test_a_suspicion_taken_back_in_the_same_session_leaves_no_concern(shipped):
    earlier = {"behaviour": "Goes missing at weekends", "basket": "concern_missing"}
    session = Session(
        shipped.get("parental_presence"),
        today=TODAY,
        case={"name": "Sam", "concerns": [earlier]},
        history=["welcome"],
        state="worried_about_someone",
    )
    assert session.answer("suspect_someone", True).accepted
    assert [row["basket"] for row in session.case["concerns"]] == [
        "concern_missing",
        "concern_exploitation",
    ]
    assert session.answer("suspect_someone", False).accepted
    assert session.case["concerns"] == [earlier]


def test_the_worries_on_the_case_are_named_as_the_reason_for_presence(cli, home, sam, shipped):
    concerns = [{"behaviour": "Meets an adult she met online", "basket": "concern_exploitation"}]
    add_to_case(home, sam, concerns=concerns)
    text = words_of(message_at(shipped.get("parental_presence"), "levels", case_profile(home, sam)))
    assert "You noted these worries, which need professional help first: - Meets an adult" in text
    outcome = run(cli, "parental_presence", ANSWERS / "parental_presence.yaml", sam)
    private = "Not for the family: worries that need professional help first"
    assert "- Meets an adult she met online" in sections(plan_text(cli, outcome))[private]
    family_copy = cli("export", str(outcome["plan_id"]), "--format", "md").stdout
    assert "met online" not in family_copy


def test_the_stop_before_calling_says_never_contact_them(shipped):
    text = words_of(message_at(shipped.get("parental_presence"), "tell_the_police", {}))
    assert "Please don't call, message or confront the person" in text
    assert "Leave that person off your telephone list." in text


def test_foster_carers_follow_the_missing_from_care_procedure(cli, home, tmp_path):
    answers = answers_with(
        tmp_path,
        "parental_presence",
        carer_role="foster",
        have_procedure=False,
        contacts=[
            {"name": "Priya Shah", "role": "supervising social worker", "phone": "0161 555 0199"}
        ],
    )
    outcome = run(cli, "parental_presence", answers, "Sam")
    assert "care_procedure" in outcome["path"]
    parts = sections(plan_text(cli, outcome))
    procedure = words_of(parts["The missing-from-care procedure"])
    assert "we call the police straight away, then follow the placement's" in procedure
    assert "- [ ] Ask the supervising social worker for a copy of the procedure this week." in (
        procedure
    )
    assert "**Priya Shah** (supervising social worker): 0161 555 0199" in procedure
    assert case_profile(home, "Sam")["contacts"][0]["name"] == "Priya Shah"


def test_a_parent_has_no_care_procedure_step(cli, sam):
    outcome = run(cli, "parental_presence", ANSWERS / "parental_presence.yaml", sam)
    assert "The missing-from-care procedure" not in plan_text(cli, outcome)


def test_an_adult_young_person_is_free_to_choose_and_the_police_still_help(cli, sam, tmp_path):
    answers = answers_with(tmp_path, "parental_presence", age_band="adult")
    here = words_of(
        sections(plan_text(cli, run(cli, "parental_presence", answers, sam)))["I am here"]
    )
    assert "Sam is an adult and can choose where to go." in here
    assert "we can still call the police" in here


def test_the_example_words_are_used_when_none_are_written(cli, sam, tmp_path):
    answers = answers_with(tmp_path, "parental_presence", presence_words=None)
    here = words_of(
        sections(plan_text(cli, run(cli, "parental_presence", answers, sam)))["I am here"]
    )
    assert "> We love you and we care where you are." in here


def test_telling_them_is_a_neutral_calendar_event(cli, sam):
    outcome = run(cli, "parental_presence", ANSWERS / "parental_presence.yaml", sam)
    data = cli("export", str(outcome["plan_id"]), "--format", "ics").stdout_bytes
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Plan: family talk"
    for private in ("presence", "missing", "police", "sam"):
        assert private not in str(event["SUMMARY"]).lower()


def test_follow_up_is_added_to_the_plan(cli, sam, tmp_path):
    outcome = run(cli, "parental_presence", ANSWERS / "parental_presence.yaml", sam)
    answers = tmp_path / "follow-up.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "what_happened": "Sam came home late twice; I phoned Kai's mum once.",
                "used_round": True,
                "what_helped": "Kai's mum called back within ten minutes",
                "hurt_or_escalated": False,
                "own_crisis": False,
                "hard_to_cope": False,
            }
        )
    )
    result = cli("follow-up", str(outcome["plan_id"]), "--answers", answers)
    assert result.exit_code == 0, result.stderr
    went = words_of(plan_text(cli, outcome).split("## How it went", 1)[1])
    assert "Sam came home late twice" in went
    assert "**We used the telephone round.** Add anyone new to the list for next time." in went
    assert "**What helped:** Kai's mum called back" in went


def test_follow_up_without_the_round_says_nothing_of_it(shipped):
    follow_up = shipped.get("parental_presence").content.follow_up
    assert follow_up is not None
    text = render(
        follow_up.template,
        {"follow_up": {"what_happened": "A quiet week.", "used_round": False}, "answers": {}},
    )
    assert "A quiet week." in text and "telephone round" not in text


def test_the_shipped_answers_get_no_advice(cli, sam):
    result = cli(
        "run", "parental_presence", "--answers", ANSWERS / "parental_presence.yaml", "--case", sam
    )
    assert result.exit_code == 0 and "note on" not in result.stderr


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("presence_words", "If you don't tell us where you are, you'll lose your phone."),
        ("welcome_words", "Where have you been? You are grounded."),
        (
            "round_script",
            "Hello, this is Jo. Sam is out again, lying to me like the little liar he is.",
        ),
        ("protective_actions", ["phone_round", "Take his phone away until he comes home"]),
    ],
)
def test_what_the_adults_will_say_or_do_gets_the_shared_advice(cli, sam, tmp_path, field, words):
    answers = answers_with(tmp_path, "parental_presence", **{field: words})
    result = cli("run", "parental_presence", "--answers", answers, "--case", sam, "--json")
    assert result.exit_code == 0, result.stderr
    assert f"note on '{field}'" in result.stderr
    assert [note["field"] for note in json.loads(result.stdout)["advice"]] == [field]
