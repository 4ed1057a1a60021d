"""Issue 14, point 3 and the adaptations of point 5: what each shipped flow says, where it can
be checked from the flow files."""

from __future__ import annotations

import re

import pytest

from coach.flowformat.loader import load_folders
from coach.paths import shipped_flows_folder

SHIPPED = load_folders([shipped_flows_folder()])
ADAPTATIONS = {
    "autism": r"autis",
    "ADHD": r"ADHD",
    "a learning disability": r"learning disabilit",
    "anxiety": r"anxi",
    "a younger child": r"younger",
    "an adult son or daughter": r"adult (?:son|daughter|child)",
    "foster carers": r"foster",
    "kinship carers": r"kinship",
    "separated parents": r"separated",
    "single parents": r"single parent|parent alone|on their own",
    "teachers at school": r"teacher|school",
}


def notes(flow_id: str) -> str:
    """Everything a flow says in help and practitioner notes."""
    flow = SHIPPED.flows[flow_id]
    parts = []
    for state in flow.states:
        block = flow.block(state)
        parts += [block.help or "", block.practitioner or ""]
        parts += [spec.help or "" for spec in block.fields]
    return "\n".join(parts)


def say(flow_id: str, state: str) -> str:
    return " ".join(SHIPPED.flows[flow_id].block(state).say.split())


@pytest.mark.parametrize("flow_id", sorted(SHIPPED.flows))
def test_each_flow_adapts_where_it_matters(flow_id):
    missing = [
        who for who, pattern in ADAPTATIONS.items() if not re.search(pattern, notes(flow_id), re.I)
    ]
    assert not missing, f"{flow_id}: no adaptation for {', '.join(missing)}"


def test_a_demand_a_bargain_or_blame_is_not_a_suggestion_in_a_sit_in():
    text = say("sit_in", "suggestion")
    assert (
        "A demand on you" in text
        and "a bargain, or blaming someone else is not a suggestion" in text
    )
    spec = SHIPPED.flows["sit_in"].fields["if_not_suggestion"]
    assert spec.required and any("stay seated" in c.label.lower() for c in spec.choices)
    assert "never block the way out" in say("sit_in", "place").lower()
    assert "safer-caring plan" in notes("sit_in")
    school = SHIPPED.flows["sit_in"].fields["place"].choice_label("school")
    assert "private room away from other pupils" in school


def test_the_challenge_message_stands_with_the_parents_and_offers_amends():
    text = say("supporter_messages", "challenge")
    assert "stand with the parents" in text and "Offer help to put it right" in text
    example = SHIPPED.flows["supporter_messages"].fields["challenge_draft"].example
    assert "I'm with her" in example and "put it right" in example
    assert "own_words" in {
        sub.id for sub in SHIPPED.flows["supporter_messages"].fields["messages"].fields
    }
    assert "follow their own organisation's safeguarding rules" in notes("supporter_messages")


def test_gestures_include_the_parents_apology_and_flag_giving_in():
    flow = SHIPPED.flows["reconciliation_gestures"]
    for n in (1, 2, 3):
        spec = flow.fields[f"gesture_{n}"]
        assert "apology" in {c.value for c in spec.choices}
        assert {use.rule for use in spec.advice} >= {"says", "gives_in"}


@pytest.mark.parametrize(
    ("flow_id", "field_id"), [("de_escalation", "later_action"), ("delayed_action", "responses")]
)
def test_an_incident_is_not_answered_with_a_gesture(flow_id, field_id):
    spec = SHIPPED.flows[flow_id].fields[field_id]
    assert not any(
        "gesture" in c.label.lower() or c.value == "reconciliation" for c in spec.choices
    )


def test_rules_tell_needs_from_demands_and_always_announce_first():
    flow = SHIPPED.flows["resisting_rules"]
    assert "first_is_need" in flow.fields and "need_routine" in flow.states
    assert "notice, support and small steps" in say("resisting_rules", "need_routine")
    assert not any("simply start" in c.label for c in flow.fields["tell_first"].choices)
    assert "always tell them before you start" in say("resisting_rules", "welcome")


@pytest.mark.parametrize(
    ("flow_id", "state"), [("announcement", "afterwards"), ("resisting_rules", "stay_calm")]
)
def test_things_often_get_worse_before_they_get_better(flow_id, state):
    assert "often get worse for a while" in say(flow_id, state)
    assert "get worse" in SHIPPED.flows[flow_id].content.plan.template


def test_a_walked_out_reading_is_read_again_not_finished_to_an_empty_room():
    spec = SHIPPED.flows["announcement"].fields["if_walks_out"]
    assert all("another calm day" in c.label for c in spec.choices)
    assert "Reading on to an empty room is not the same as being heard" in " ".join(
        (SHIPPED.flows["announcement"].block("reactions").help or "").split()
    )


def test_the_disclaimer_is_in_every_plan_and_no_welcome():
    for flow_id, flow in SHIPPED.flows.items():
        assert "planning aid" not in flow.block("welcome").say, flow_id
        plan = flow.content.plan  # a check-in makes no plan; its report says it instead
        assert plan is None or "A planning aid to use alongside professional support." in (
            plan.template
        )
