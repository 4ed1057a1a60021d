"""How did it go: follow-up answers are checked, kept, and appended to the plan as a revision."""

import json

import pytest

from coach.errors import CoachError
from coach.flowformat.loader import load_folders
from coach.paths import shipped_flows_folder
from coach.safety import REGION_SETTING
from coach.services.plans import record_follow_up
from coach.store import Store
from tests.conftest import TODAY

FOLLOW_UP = """
follow_up:
  say: How did it go?
  fields:
    - {id: went, type: long_text, label: What happened?, required: true}
    - {id: again, type: yes_no, label: Would you do it again?}
  template: |
    {{ follow_up.went }}
    {% if follow_up.again %}We would do it again.{% endif %}
"""


@pytest.fixture
def flow_with_follow_up(mini_folder):
    file = mini_folder / "flows/mini.yaml"
    file.write_text(file.read_text() + FOLLOW_UP)
    catalogue = load_folders([mini_folder])
    assert not catalogue.problems, catalogue.problems
    return catalogue.flows["mini"]


def make_plan(store: Store) -> int:
    case = store.create_case("Sam")
    return store.create_plan(
        session_id=None,
        case_id=case.id,
        flow_id="mini",
        flow_version=1,
        title="Mini plan for Sam",
        body="# Mini plan for Sam\n\nMood: Low\n",
        answers={"mood": "low"},
    )


def test_follow_up_becomes_a_new_revision(home, flow_with_follow_up):
    with Store.open(home) as store:
        plan_id = make_plan(store)
        revision = record_follow_up(
            store,
            flow_with_follow_up,
            plan_id,
            {
                "went": "Sam listened, then <b>left</b>.",
                "again": "yes",
                "hurt_or_escalated": "no",
                "own_crisis": "no",
                "hard_to_cope": "no",
            },
            TODAY,
        )
        assert revision == 2
        plan = store.plan(plan_id)
        assert plan.body.startswith(
            "# Mini plan for Sam\n\nMood: Low\n\n## How it went (Friday 27 November 2026)"
        )
        assert "Sam listened, then \\<b\\>left\\</b\\>." in plan.body
        assert "We would do it again." in plan.body
        assert store.follow_ups(plan_id)[0].answers == {
            "went": "Sam listened, then <b>left</b>.",
            "again": True,
            "hurt_or_escalated": False,
            "own_crisis": False,
            "hard_to_cope": False,
        }
        assert [r.revision for r in store.revisions(plan_id)] == [1, 2]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, 'follow-up: "What happened\\?" needs an answer'),
        ({"went": "ok", "again": "perhaps"}, "Would you do it again\\?: Please answer yes or no."),
        ({"went": "ok", "mood": "x"}, "mood is not asked here"),
    ],
)
def test_bad_follow_up_answers_change_nothing(home, flow_with_follow_up, answers, message):
    with Store.open(home) as store:
        plan_id = make_plan(store)
        with pytest.raises(CoachError, match=message):
            record_follow_up(store, flow_with_follow_up, plan_id, answers, TODAY)
        assert len(store.revisions(plan_id)) == 1 and store.follow_ups(plan_id) == []


def test_a_flow_without_follow_up_says_so(home, mini):
    with Store.open(home) as store:
        plan_id = make_plan(store)
        with pytest.raises(CoachError, match="no follow-up questions"):
            record_follow_up(store, mini, plan_id, {"went": "x"}, TODAY)


def test_follow_up_on_the_command_line(cli, flow_with_follow_up, tmp_path):
    folder = flow_with_follow_up.flow_file.parent.parent
    answers = tmp_path / "a.yaml"
    answers.write_text("danger: no\nmood: good\nnote: Tired but fine\n")
    out = json.loads(cli("--flows", folder, "run", "mini", "--answers", answers, "--json").stdout)
    answers.write_text(
        "went: It was calm.\nhurt_or_escalated: no\nown_crisis: no\nhard_to_cope: no\n"
    )
    result = cli("--flows", folder, "follow-up", out["plan_id"], "--answers", answers)
    assert (
        result.exit_code == 0
        and result.stdout.strip() == f"Added to plan {out['plan_id']} (revision 2)."
    )
    assert "It was calm." in cli("--flows", folder, "show", out["plan_id"]).stdout


def test_someone_hurt_prints_the_guidance_and_the_plan_notes_it(cli, flow_with_follow_up, tmp_path):
    folder = flow_with_follow_up.flow_file.parent.parent
    answers = tmp_path / "a.yaml"
    answers.write_text("danger: no\nmood: good\nnote: Tired but fine\n")
    out = json.loads(cli("--flows", folder, "run", "mini", "--answers", answers, "--json").stdout)
    answers.write_text(
        "went: He threw a cup.\nhurt_or_escalated: yes\nown_crisis: yes\nhard_to_cope: yes\n"
    )
    result = cli("--flows", folder, "follow-up", out["plan_id"], "--answers", answers)
    assert result.exit_code == 0, result.stderr
    assert "If anyone is in danger right now, call" in result.stdout
    shown = cli("--flows", folder, "show", out["plan_id"]).stdout
    assert "### Someone was hurt, or things got worse" in shown
    assert "A safe room" in shown
    assert "### Not for the family: how I am doing" in shown
    exported = cli("--flows", folder, "export", out["plan_id"], "--format", "md").stdout
    assert "Someone was hurt" in exported
    assert "how I am doing" not in exported and "A safe room" not in exported


def test_the_parents_own_crisis_leads_with_lines_for_adults(cli, flow_with_follow_up, tmp_path):
    """DOMAIN.md: the parent's own crisis leads to lines for adults, not the young person's."""
    folder = flow_with_follow_up.flow_file.parent.parent
    answers = tmp_path / "a.yaml"
    answers.write_text("danger: no\nmood: good\nnote: Tired but fine\n")
    out = json.loads(cli("--flows", folder, "run", "mini", "--answers", answers, "--json").stdout)
    answers.write_text(
        "went: A hard week.\nhurt_or_escalated: no\nown_crisis: yes\nhard_to_cope: no\n"
    )
    printed = cli("--flows", folder, "follow-up", out["plan_id"], "--answers", answers).stdout
    assert "If you might act on thoughts of harming yourself" in printed
    assert "A missing young person" not in printed and "About a child" not in printed


def test_finding_it_hard_to_cope_leads_with_support_not_an_emergency(
    cli, home, flow_with_follow_up, tmp_path
):
    """The same split as the quick flows: not coping gets a warm note and lines for adults."""
    with Store.open(home) as store:
        store.set_setting(REGION_SETTING, "GB")
    folder = flow_with_follow_up.flow_file.parent.parent
    answers = tmp_path / "a.yaml"
    answers.write_text("danger: no\nmood: good\nnote: Tired but fine\n")
    out = json.loads(cli("--flows", folder, "run", "mini", "--answers", answers, "--json").stdout)
    answers.write_text(
        "went: A long week.\nhurt_or_escalated: no\nown_crisis: no\nhard_to_cope: yes\n"
    )
    printed = cli("--flows", folder, "follow-up", out["plan_id"], "--answers", answers).stdout
    assert "not a failing" in printed and "Samaritans**: 116 123" in printed
    assert "If you might act on thoughts of harming yourself" not in printed
    assert "Childline" not in printed
    shown = cli("--flows", folder, "show", out["plan_id"]).stdout
    assert "### Not for the family: how I am doing" in shown
    assert "very hard to cope" in shown and "Samaritans" in shown
    exported = cli("--flows", folder, "export", out["plan_id"], "--format", "md").stdout
    assert "how I am doing" not in exported and "Samaritans" not in exported


def test_a_wrong_fields_from_is_one_line_in_its_file(mini_folder, flow_with_follow_up):
    """A practitioner's own follow_up_safety naming a state that does not exist."""
    shipped_block = shipped_flows_folder() / "flows/blocks/follow_up_safety.yaml"
    own = mini_folder / "flows/blocks/follow_up_safety.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(
        shipped_block.read_text().replace("state: own_crisis_check", "state: own_crisis_chek")
    )
    catalogue = load_folders([mini_folder])
    [problem] = [str(p) for p in catalogue.problems]
    line = own.read_text().splitlines().index("  - {block: own_crisis, state: own_crisis_chek}")
    assert problem.startswith(f"{own}:{line + 1}:")
    assert "no state 'own_crisis_chek' in block 'own_crisis'" in problem
