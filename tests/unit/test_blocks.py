"""Shared blocks: written once, taken into flows, checked like the rest, errors in their file."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.engine import EngineError, Session
from coach.flowformat.loader import check_machine_file, load_flow
from coach.flowformat.machine import StateKind
from coach.flowformat.problems import FlowInvalid
from tests.conftest import TODAY

SCREEN_FLOWS = ("announcement", "sit_in", "resisting_rules", "reparation")
SHORT_CHECK_FLOWS = (
    "de_escalation",
    "delayed_action",
    "priorities",
    "support_network",
    "supporter_messages",
    "reconciliation_gestures",
    "parental_presence",
    "check_in",
)
FULL_SCREEN = [
    "immediate_danger",
    "young_person_missing",
    "self_harm_risk",
    "adult_hurt_child",
    "unmanageable_violence",
    "weapon_used",
    "others_at_risk",
    "weapon_professional",
    "domestic_abuse_now",
    "exploitation_signs",
    "abuse_past",
    "own_crisis",
    "hard_to_cope",
]
OWN_CRISIS = ["own_crisis", "hard_to_cope"]


def screen_questions(flow) -> list[tuple[str, str]]:
    """The safety questions a flow asks before its first other question, in order: a walk
    answering no to each (yes to a weapon, with a professional helping, to see every one)."""
    session = Session(flow, today=TODAY, case={"name": "Sam"})
    asked: list[tuple[str, str]] = []
    while not any(spec.type != "yes_no" for spec in session.fields):
        for spec in session.fields:
            asked.append((spec.id, spec.label))
            session.answer(spec.id, spec.id in ("weapon_used", "weapon_professional"))
        session.advance()
    return asked


def test_the_full_screen_is_the_same_in_every_flow_that_takes_it(shipped):
    asked = {flow_id: screen_questions(shipped.get(flow_id)) for flow_id in SCREEN_FLOWS}
    first = asked["announcement"]
    assert [fid for fid, _ in first] == FULL_SCREEN
    for flow_id in SCREEN_FLOWS:
        own = [q for q in asked[flow_id] if q[0] not in FULL_SCREEN]
        assert [q for q in asked[flow_id] if q[0] in FULL_SCREEN] == first, flow_id
        assert own == ([("unsafe_reaction", own[0][1])] if flow_id == "resisting_rules" else [])


def test_every_other_flow_keeps_the_short_check(shipped):
    short = screen_questions(shipped.get("priorities"))
    assert [fid for fid, _ in short] == FULL_SCREEN[:4]
    for flow_id in SHORT_CHECK_FLOWS:
        asked = screen_questions(shipped.get(flow_id))
        assert asked[:4] == short, flow_id
    assert [fid for fid, _ in screen_questions(shipped.get("delayed_action"))][4:] == OWN_CRISIS


def test_looking_after_yourself_asks_the_parents_own_crisis_first(shipped):
    asked = screen_questions(shipped.get("self_care"))
    assert [fid for fid, _ in asked] == [*OWN_CRISIS, *FULL_SCREEN[:4]]
    own = screen_questions(shipped.get("delayed_action"))[4:]
    assert asked[:2] == own and asked[2:] == screen_questions(shipped.get("priorities"))


def test_every_follow_up_asks_the_same_own_crisis_questions_as_the_quick_flows(shipped):
    """Written once: the follow-up takes the block's two questions, not a copy of them."""
    asked = screen_questions(shipped.get("delayed_action"))[4:]
    for flow in shipped.flows.values():
        if flow.content.follow_up is None:
            continue
        fields = flow.content.follow_up.fields
        assert [(f.id, f.label) for f in fields if f.id in OWN_CRISIS] == asked, flow.id
        assert [f.id for f in fields][-3:] == ["hurt_or_escalated", *OWN_CRISIS], flow.id


def test_the_block_content_is_one_object_not_a_copy(shipped):
    blocks = [shipped.get(flow_id).block("screen_home") for flow_id in SCREEN_FLOWS]
    assert all(block == blocks[0] for block in blocks)


def test_danger_now_is_its_own_first_question(shipped):
    for flow_id in (*SCREEN_FLOWS, *SHORT_CHECK_FLOWS):
        flow = shipped.get(flow_id)
        session = Session(flow, today=TODAY, case={"name": "Sam"})
        while session.kind is not StateKind.SAFETY_CHECK:
            session.advance()
        assert [spec.id for spec in session.fields] == ["immediate_danger"], flow_id
        session.answer("immediate_danger", True)
        session.advance()
        assert session.state == "safety_stop", flow_id


# The loader ---------------------------------------------------------------------------------


def use_block(folder: Path, edit, name: str = "gate", exit_to: str = "ask") -> None:
    """Make the mini flow take its safety check from a block of its own."""
    machine = folder / "state_machines/mini.yaml"
    edit(
        machine,
        "initial: start\n",
        f"initial: start\nuse:\n  - {{block: {name}, exit: {exit_to}}}\n",
    )
    edit(
        machine, "  - {name: check, kind: safety_check}\n  - {name: stop, kind: safety_stop}\n", ""
    )
    edit(
        machine,
        "  - {trigger: next, source: start, dest: check}\n"
        "  - {trigger: next, source: check, dest: stop, when: {field: danger, equals: true}}\n"
        "  - {trigger: next, source: check, dest: ask}\n",
        f"  - {{trigger: next, source: start, dest: {name}}}\n",
    )
    content = folder / "flows/mini.yaml"
    edit(
        content,
        "  check:\n    say: Is everyone safe?\n    fields:\n"
        '      - {id: danger, type: yes_no, label: "Is anyone in danger?", required: true}\n'
        "  stop:\n    say: \"{% include 'safety_guidance' %}\"\n",
        "",
    )
    (folder / "state_machines/blocks").mkdir()
    (folder / "flows/blocks").mkdir()
    (folder / f"state_machines/blocks/{name}.yaml").write_text(
        f"block: {name}\n"
        "initial: check\n"
        "states:\n"
        "  - {name: check, kind: safety_check}\n"
        "  - {name: stop, kind: safety_stop, locked: true}\n"
        "transitions:\n"
        "  - {source: check, dest: stop, when: {field: danger, equals: true}}\n"
        "  - {source: check, dest: exit}\n"
    )
    (folder / f"flows/blocks/{name}.yaml").write_text(
        f"block: {name}\n"
        "states:\n"
        "  check:\n"
        "    say: Is everyone safe?\n"
        "    fields:\n"
        '      - {id: danger, type: yes_no, label: "Is anyone in danger?", required: true}\n'
        "  stop:\n"
        "    say: \"{% include 'safety_guidance' %}\"\n"
    )


def problems(folder: Path) -> list[str]:
    try:
        load_flow(folder / "flows/mini.yaml")
    except FlowInvalid as exc:
        return [str(p) for p in exc.problems]
    return []


def test_a_flow_takes_a_block_and_runs_through_it(mini_folder, edit):
    use_block(mini_folder, edit)
    flow = load_flow(mini_folder / "flows/mini.yaml")
    assert flow.kinds["check"] is StateKind.SAFETY_CHECK and "stop" in flow.locked
    session = Session(flow, today=TODAY)
    session.advance()
    assert session.state == "check"
    session.answer("danger", False)
    assert session.advance() == "ask"


def test_a_problem_in_a_block_names_the_block_file_and_line(mini_folder, edit):
    use_block(mini_folder, edit)
    block = mini_folder / "flows/blocks/gate.yaml"
    edit(block, "type: yes_no", "type: maybe")
    [problem] = problems(mini_folder)
    assert problem.startswith(f"{block}:6:") and "'maybe' is not allowed" in problem


def test_a_cross_check_in_a_block_names_the_block_file(mini_folder, edit):
    use_block(mini_folder, edit)
    machine = mini_folder / "state_machines/blocks/gate.yaml"
    edit(machine, "{field: danger, equals: true}", "{field: dangr, equals: true}")
    [problem] = problems(mini_folder)
    assert problem.startswith(f"{machine}:7:") and "reads field 'dangr'" in problem


def test_an_unknown_block_and_a_wrong_exit_are_named_where_used(mini_folder, edit):
    use_block(mini_folder, edit, exit_to="nowhere")
    found = problems(mini_folder)
    assert any("exit 'nowhere' is not a state" in p for p in found), found
    machine = mini_folder / "state_machines/mini.yaml"
    edit(machine, "{block: gate,", "{block: gait,")
    found = problems(mini_folder)
    assert any(p.startswith(f"{machine}:4:") and "no block called 'gait'" in p for p in found)


def test_a_block_state_may_not_clash_with_the_flows_own(mini_folder, edit):
    use_block(mini_folder, edit)
    edit(mini_folder / "state_machines/mini.yaml", "  - ask\n", "  - ask\n  - check\n")
    assert any(
        "brings a state 'check', which this flow also has" in p for p in problems(mini_folder)
    )


def test_content_for_a_block_state_belongs_in_the_block(mini_folder, edit):
    use_block(mini_folder, edit)
    edit(mini_folder / "flows/mini.yaml", "  ask:\n", "  check:\n    say: Mine.\n  ask:\n")
    assert any("comes from block 'gate'" in p for p in problems(mini_folder))


def test_locked_fits_only_a_safety_stop(mini_folder, edit):
    edit(mini_folder / "state_machines/mini.yaml", "  - ask\n", "  - {name: ask, locked: true}\n")
    assert any("'locked' fits only a safety_stop" in p for p in problems(mini_folder))


def test_a_structure_file_with_blocks_checks_on_its_own(mini_folder, edit):
    use_block(mini_folder, edit)
    assert check_machine_file(mini_folder / "state_machines/mini.yaml") == []


def test_a_users_flow_can_use_the_shipped_safety_screen(mini_folder, edit):
    machine = mini_folder / "state_machines/mini.yaml"
    edit(
        machine,
        "initial: start\n",
        "initial: start\nuse:\n  - {block: safety_screen, exit: check}\n",
    )
    edit(
        machine,
        "  - {trigger: next, source: start, dest: check}\n",
        "  - {trigger: next, source: start, dest: safety_screen}\n",
    )
    flow = load_flow(mini_folder / "flows/mini.yaml")
    assert "screen_home" in flow.states and flow.next_state("start", _no_facts()) == "now_danger"


def _no_facts():
    from coach.conditions import Facts

    return Facts()


# Locked stops -------------------------------------------------------------------------------


def test_a_locked_stop_is_left_only_by_answering_again(mini_folder, edit):
    use_block(mini_folder, edit)
    session = Session(load_flow(mini_folder / "flows/mini.yaml"), today=TODAY)
    session.advance()
    session.answer("danger", True)
    session.advance()
    assert session.at_locked_stop
    with pytest.raises(EngineError, match="answering that step again"):
        session.back(confirmed_safe=True)
    assert session.back(answer_again=True) == "check"
    assert "danger" not in session.answers
    with pytest.raises(EngineError, match="please answer"):
        session.advance()
