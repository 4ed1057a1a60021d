"""The priorities ("baskets") flow: a full run, the case it writes, and its nudges."""

from __future__ import annotations

from tests.conftest import ANSWERS
from tests.functional.case_setup import (
    answers_with,
    case_profile,
    message_at,
    plan_text,
    run,
    sections,
)

TOP = [
    "Hits and kicks his sister Mia when he loses a game",
    "Punches holes in the bedroom door when told no",
]
WORRY = "Stays out past midnight with older lads we do not know"
MIDDLE = ["Gaming until 2am on school nights", "Demands money for takeaways"]
LET_GO = ["Leaves his room in a mess", "Dyed his hair blue", "Sulks at the dinner table"]


def test_full_run_sorts_each_behaviour_into_its_basket(cli):
    outcome = run(cli, "priorities", ANSWERS / "priorities.yaml", "Sam")
    assert outcome["unused"] == []
    plan = plan_text(cli, outcome)
    assert plan.startswith("# Priorities for Sam\n")
    parts = sections(plan)
    top = parts["Top basket: what we will stand up to now"]
    middle = parts["Middle basket: to talk about when things are calm"]
    let_go = parts["Let go for now"]
    for behaviour in TOP:
        assert f"- {behaviour}" in top
        assert behaviour not in middle + let_go
    for behaviour in MIDDLE:
        assert f"- {behaviour}" in middle
        assert behaviour not in top + let_go
    for behaviour in LET_GO:
        assert f"- {behaviour}" in let_go
        assert behaviour not in top + middle
    assert WORRY not in top + middle + let_go
    assert f"- {WORRY}" in parts["Not for the family: worries that need professional help first"]
    assert "These are few and concrete on purpose." in top
    assert "**Where we start:** Hits and kicks his sister Mia" in top
    assert "Sunday breakfast, one thing at a time" in middle
    assert "Watch his football matches with him on Saturdays" in let_go
    together = parts["Together"]
    assert "My partner Chris, and my sister Ana on Sunday" in together
    assert "Sunday 20 December 2026" in together


def test_baskets_are_kept_on_the_case(cli, home):
    run(cli, "priorities", ANSWERS / "priorities.yaml", "Sam")
    kept = case_profile(home, "Sam")["priorities"]
    assert [row["behaviour"] for row in kept if row["basket"] == "top"] == TOP
    assert [row["behaviour"] for row in kept if row["basket"] == "middle"] == MIDDLE
    assert [row["behaviour"] for row in kept if row["basket"] == "let_go"] == LET_GO
    assert [row["behaviour"] for row in case_profile(home, "Sam")["concerns"]] == [WORRY]


def test_a_second_run_starts_from_the_baskets_on_the_case(cli, tmp_path, home):
    run(cli, "priorities", ANSWERS / "priorities.yaml", "Sam")
    again = answers_with(tmp_path, "priorities", priorities=None, top_first=None)
    plan = plan_text(cli, run(cli, "priorities", again, "Sam"))
    for behaviour in TOP:
        assert behaviour in sections(plan)["Top basket: what we will stand up to now"]
    # The worry set apart on the case comes back with the list, still set apart.
    assert WORRY in sections(plan)["Not for the family: worries that need professional help first"]


def test_top_check_nudges_a_crowded_or_vague_top_basket(shipped):
    flow = shipped.get("priorities")
    crowded = [
        {"behaviour": "being rude", "basket": "top"},
        {"behaviour": "Hits me when I say no", "basket": "top"},
        {"behaviour": "Swearing", "basket": "top"},
        {"behaviour": "Kicking off, out of control at bedtime", "basket": "top"},
        {"behaviour": "Leaves wet towels on the floor", "basket": "let_go"},
    ]
    text = message_at(flow, "top_check", {}, {"priorities": crowded})
    assert "That is 4 behaviours." in text
    unclear = text.split("hard to act on")[1]
    for vague in ("being rude", "Swearing", "Kicking off, out of control at bedtime"):
        assert f"- {vague}" in unclear
    assert "Hits me when I say no" not in unclear
    assert "Leaves wet towels" not in text


def test_top_check_praises_a_small_clear_top_basket(shipped):
    flow = shipped.get("priorities")
    small = [{"behaviour": row, "basket": "top"} for row in TOP[:2]]
    text = message_at(flow, "top_check", {}, {"priorities": small})
    assert "Small and clear" in text
    assert "That is" not in text and "hard to act on" not in text


def test_an_empty_top_basket_is_explained(shipped):
    flow = shipped.get("priorities")
    text = message_at(
        flow, "top_check", {}, {"priorities": [{"behaviour": "Messy room", "basket": "let_go"}]}
    )
    assert "Your top basket is empty" in text


def test_vague_first_behaviour_gets_a_nudge(cli, tmp_path):
    answers = answers_with(tmp_path, "priorities", top_first="being rude")
    result = cli("run", "priorities", "--answers", answers, "--case", "Sam")
    assert result.exit_code == 0
    assert "note on 'top_first'" in result.stderr
    assert "mood or a label" in result.stderr


def test_review_date_is_a_calendar_event(shipped):
    event = shipped.get("priorities").block("agreement").event
    assert event is not None and event.date == "review_date"
    assert event.title == "Plan: review"


def test_more_than_three_in_the_top_basket_gets_advice_once(cli, tmp_path):
    four = [*TOP, "Takes money from my purse", "Breaks his brother's games"]
    rows = [{"behaviour": b, "basket": "top"} for b in four]
    file = answers_with(tmp_path, "priorities", priorities=rows)
    result = cli("run", "priorities", "--answers", file, "--case", "Sam")
    assert result.exit_code == 0, result.stderr
    assert "note on 'priorities': That is more than three in the top basket" in result.stderr


def test_the_top_basket_is_offered_as_choices_in_the_sit_in(cli):
    from coach.fields import choices_for
    from coach.services.workspace import Workspace
    from coach.store import Store

    run(cli, "priorities", ANSWERS / "priorities.yaml", "Sam")
    workspace = Workspace()
    flow = workspace.catalogue.get("sit_in")
    with Store.open(workspace.home) as store:
        case = store.find_case("Sam")
    offered = [c.value for c in choices_for(flow.fields["behaviour"], case.profile)]
    assert offered == TOP


def test_a_behaviour_with_no_basket_is_refused_in_one_line_naming_it(cli, tmp_path, home):
    """An answers file row without its basket is not put in the first basket: one line says
    which entry needs a choice, and nothing is kept on the case."""
    rows = [
        {"behaviour": TOP[0], "basket": "top"},
        {"behaviour": "Swears at me when I ask him to log off"},
    ]
    answers = answers_with(tmp_path, "priorities", priorities=rows)
    result = cli("run", "priorities", "--answers", answers, "--case", "Sam")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert (
        'Entry 2 (Swears at me when I ask him to log off): "Where does it go?" needs a choice.'
        in lines[0]
    )
    assert "Traceback" not in result.stderr
    assert "priorities" not in case_profile(home, "Sam")
