"""Issue 14's acceptance case through `coach run`: a priorities list that mixes safeguarding
concerns (cutting, an adult met online) with ordinary behaviours. The concerns go to
professional help, stay out of the baskets and off the announcement and sit-in, and show
only in the parent's and practitioner's views and the practitioner's export."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml

from coach.fields import choices_for
from tests.conftest import ANSWERS
from tests.export_support import pdf_text
from tests.functional.case_setup import (
    answers_with,
    case_profile,
    message_at,
    plan_text,
    run,
    sections,
    words_of,
)

MIXED = ANSWERS / "priorities_with_concerns.yaml"
PRIVATE = (
    "Cuts her arms",
    "met online",
    "Not for the family",
    "Her GP tomorrow morning",
    "Self-harm or talk of suicide",
)


@pytest.fixture
def mia(cli):
    outcome = run(cli, "priorities", MIXED, "Mia")
    assert outcome["advice"] == [] and "concerns" in outcome["path"]
    return outcome


def test_concerns_go_to_professional_help_and_stay_out_of_the_baskets(cli, home, mia):
    plan = plan_text(cli, mia)
    part = sections(plan)
    for basket in ("Top basket", "Middle basket", "Let go for now"):
        text = next(v for k, v in part.items() if k.startswith(basket))
        assert "Cuts her arms" not in text and "met online" not in text, basket
    worries = words_of(part["Not for the family: worries that need professional help first"])
    assert "- Cuts her arms when she is upset" in worries
    assert "- Meets an adult she met online" in worries
    assert "call your local emergency number or go to the emergency department (A&E) now" in (
        worries
    )
    assert "Put medicines and blades away" in worries
    assert "Tell the police" in worries and "child protection service" in worries
    assert "presence and support" in worries
    profile = case_profile(home, "Mia")
    assert [row["behaviour"] for row in profile["concerns"]] == [
        "Cuts her arms when she is upset",
        "Meets an adult she met online",
    ]
    assert all(row["basket"] in ("top", "middle", "let_go") for row in profile["priorities"])


def test_the_concerns_step_routes_each_kind_to_its_help(shipped):
    rows = yaml.safe_load(MIXED.read_text())["priorities"]
    text = words_of(message_at(shipped.get("priorities"), "concerns", {}, {"priorities": rows}))
    assert "never the topic of an announcement, a sit-in or a 'rules' plan" in text
    assert "Self-harm or talk of suicide.** An injury that needs treatment" in text
    assert "Exploitation or grooming.** Tell the police" in text
    assert "Going missing" not in text


def test_the_announcement_and_sit_in_never_offer_a_concern_as_a_topic(cli, home, mia, shipped):
    profile = case_profile(home, "Mia")
    for flow_id, field_id, state in (
        ("announcement", "behaviour_1", "behaviours"),
        ("sit_in", "behaviour", "behaviour"),
    ):
        flow = shipped.get(flow_id)
        offered = [c.value for c in choices_for(flow.fields[field_id], profile)]
        assert offered == [
            "Throws plates at me when I say no",
            "Kicks her brother's door until he opens it",
        ], flow_id
        said = words_of(message_at(flow, state, profile))
        assert "Cuts her arms" not in said and "met online" not in said
        assert "worries you marked for professional help are not offered here" in said


def test_a_concern_typed_as_a_topic_is_advised_against(cli, tmp_path, mia):
    answers = answers_with(tmp_path, "sit_in", behaviour="cutting her arms when she is upset")
    result = cli("run", "sit_in", "--answers", answers, "--case", "Mia", "--json")
    assert result.exit_code == 0, result.stderr
    [advice] = json.loads(result.stdout)["advice"]
    assert advice["field"] == "behaviour"
    assert "never the topic of a letter, a sit-in, a 'rules' plan or amends" in advice["message"]


def test_a_concern_left_in_a_basket_is_named_not_moved(cli, tmp_path):
    rows = [
        {"behaviour": "Cuts herself when she is upset", "basket": "top"},
        {"behaviour": "Throws plates at me when I say no", "basket": "top"},
        {"behaviour": "Kicks her brother's door until he opens it", "basket": "top"},
        {"behaviour": "Swears at me when I ask her to log off", "basket": "top"},
        {"behaviour": "Breaks her brother's toys when he wins", "basket": "top"},
    ]
    answers = answers_with(
        tmp_path, "priorities", source="priorities_with_concerns", priorities=rows
    )
    result = cli("run", "priorities", "--answers", answers, "--case", "Ola", "--json")
    outcome = json.loads(result.stdout)
    assert "a safeguarding worry" in outcome["advice"][0]["message"]
    plan = plan_text(cli, outcome)
    assert "few and concrete" not in plan  # five behaviours, one of them a worry


def test_the_nudge_never_moves_a_concern(shipped):
    rows = [
        {"behaviour": "Cuts herself when she is upset", "basket": "top"},
        {"behaviour": "Throws plates at me when I say no", "basket": "top"},
        {"behaviour": "Kicks her brother's door until he opens it", "basket": "top"},
        {"behaviour": "Swears at me when I ask her to log off", "basket": "top"},
        {"behaviour": "Breaks her brother's toys when he wins", "basket": "top"},
    ]
    said = message_at(shipped.get("priorities"), "top_check", {}, {"priorities": rows})
    text = words_of(said).replace("**", "")
    nudge, _, _ = text.partition("Could some of these wait")
    assert "That is 4 behaviours." in text  # the worry is not counted
    assert "These may be worries for professional help, not a basket: - Cuts herself" in text
    assert 'choose "Not a basket" for them' in text
    assert "Cuts herself" not in nudge.split("That is 4 behaviours.")[1]


# Who sees the concerns --------------------------------------------------------------------


def test_the_parents_view_shows_them(cli, mia):
    shown = cli("show", str(mia["plan_id"])).stdout
    assert "## Not for the family: worries that need professional help first" in shown
    assert "Cuts her arms when she is upset" in shown


@pytest.mark.parametrize("kind", ["md", "html", "json", "ics", "ics-details"])
def test_no_single_plan_export_carries_them(cli, mia, kind):
    result = cli("export", str(mia["plan_id"]), "--format", kind)
    assert result.exit_code == 0, result.stderr
    for private in PRIVATE:
        assert private not in result.stdout, (kind, private)
    if kind == "json":
        doc = json.loads(result.stdout)
        assert [row["basket"] for row in doc["answers"]["priorities"]] == [
            "top",
            "top",
            "middle",
            "let_go",
        ]
        assert "concern_first_step" not in doc["answers"]
    if kind in ("md", "html"):
        assert "Throws plates at me when I say no" in result.stdout


def test_the_pdf_does_not_carry_them(cli, mia, tmp_path):
    target = tmp_path / "plan.pdf"
    assert cli("export", str(mia["plan_id"]), "--format", "pdf", "--out", target).exit_code == 0
    _pages, text = pdf_text(target.read_bytes())
    assert "Throws plates at me" in text
    for private in PRIVATE:
        assert private not in text, private


def zip_texts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if not name.endswith((".pdf", "/"))
        }


def test_the_family_bundle_does_not_carry_them(cli, mia, tmp_path):
    target = tmp_path / "bundle.zip"
    assert cli("export", "--case", "Mia", "--format", "zip", "--out", target).exit_code == 0
    for name, text in zip_texts(target.read_bytes()).items():
        for private in PRIVATE:
            assert private not in text, (name, private)
    page = cli("export", "--case", "Mia", "--format", "html").stdout
    for private in PRIVATE:
        assert private not in page, private


def test_the_practitioners_bundle_carries_them_apart_under_the_banner(cli, mia, tmp_path):
    target = tmp_path / "bundle.zip"
    result = cli("export", "--case", "Mia", "--format", "zip", "--practitioner", "--out", target)
    assert result.exit_code == 0, result.stderr
    texts = zip_texts(target.read_bytes())
    notes = next(text for name, text in texts.items() if name.endswith("practitioner-notes.md"))
    assert notes.startswith("# Practitioner notes - not for the family")
    assert "Cuts her arms when she is upset" in notes and "Her GP tomorrow morning" in notes
    for name, text in texts.items():
        if "practitioner-notes" not in name:
            assert "Cuts her arms" not in text, name
    page = cli("export", "--case", "Mia", "--format", "html", "--practitioner").stdout
    banner = page.index("not for the family")
    assert page.index("Cuts her arms") > banner


def test_a_worry_kept_in_the_top_basket_is_not_offered_as_a_topic_by_the_plan(cli, tmp_path):
    """The parent kept a worry in the top basket after the advice: the plan does not say an
    announcement or sit-in can focus on it, and names it apart, not for the family."""
    rows = [
        {"behaviour": "Cuts herself when she is upset", "basket": "top"},
        {"behaviour": "Throws plates at me when I say no", "basket": "top"},
    ]
    answers = answers_with(
        tmp_path, "priorities", source="priorities_with_concerns", priorities=rows
    )
    outcome = json.loads(
        cli("run", "priorities", "--answers", answers, "--case", "Ola", "--json").stdout
    )
    plan = plan_text(cli, outcome)
    top = sections(plan)["Top basket: what we will stand up to now"]
    assert "can focus on these" not in top and "few and concrete" not in top
    private = sections(plan)[
        "Not for the family: top-basket worries that may need professional help"
    ]
    assert "- Cuts herself when she is upset" in private
    assert "never the topic of an announcement, a sit-in" in private
    shared = cli("export", str(outcome["plan_id"]), "--format", "md").stdout
    assert "top-basket worries" not in shared
