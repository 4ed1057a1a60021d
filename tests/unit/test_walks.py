"""Property: any flow, walked with random valid answers and random back steps, ends well."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.campaign.from_flows import check_in_from_answers, incident_from_answers
from coach.engine import Session
from coach.flowformat.loader import load_folders
from coach.flowformat.machine import StateKind
from coach.paths import shipped_flows_folder
from coach.plan_text import render_plan
from tests.conftest import TODAY
from tests.strategies import CASE_WITH_EVERYTHING, value_for

SHIPPED = load_folders([shipped_flows_folder()])
MAX_ACTIONS = 300
MAX_BACKS = 25


def step_back(session: Session) -> None:
    """Back one step as a caregiver can: a locked stop by answering that step again."""
    session.back(confirmed_safe=True, answer_again=session.at_locked_stop)


def walk(flow, case: dict, data: st.DataObject) -> Session:
    session = Session(flow, today=TODAY, case=case)
    backs = 0
    for _ in range(MAX_ACTIONS):
        if session.kind is StateKind.END:
            return session
        can_go_back = session.history and backs < MAX_BACKS
        if can_go_back and data.draw(st.integers(0, 9), label="back?") == 0:
            step_back(session)
            backs += 1
            continue
        if session.kind is StateKind.SAFETY_STOP:
            if can_go_back:
                step_back(session)
                backs += 1
                continue
            return session
        for spec in session.fields:
            if not spec.required and not data.draw(st.booleans(), label=f"answer {spec.id}?"):
                continue
            strategy = value_for(spec, session.case)
            if strategy is None:
                assert not spec.required, (
                    f"{flow.id}: required field '{spec.id}' in '{session.state}' has no valid "
                    "answer with this case: the caregiver would be stuck"
                )
                continue
            value = data.draw(strategy, label=spec.id)
            verdict = session.answer(spec.id, value)
            if verdict.is_warning:
                verdict = session.answer(spec.id, value)
            assert verdict.accepted, (flow.id, spec.id, value, verdict.message)
        session.advance()
    pytest.fail(f"{flow.id}: no final state after {MAX_ACTIONS} actions; path {session.path}")


@pytest.mark.parametrize("flow_id", sorted(SHIPPED.flows))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), full_case=st.booleans())
def test_random_walks_reach_a_final_state(flow_id, data, full_case):
    flow = SHIPPED.flows[flow_id]
    case = dict(CASE_WITH_EVERYTHING) if full_case else {"name": "Sam"}
    session = walk(flow, case, data)
    assert session.is_finished
    if session.kind is StateKind.END:
        makes, answers = flow.content.makes, session.path_answers
        if makes.plan:
            title, body = render_plan(flow, answers, session.case, TODAY)
            assert title and body.startswith("# ")
        if makes.check_in:
            assert check_in_from_answers(answers, TODAY).day == TODAY
        if makes.diary_entry is not None:
            assert incident_from_answers(answers, makes.diary_entry, day=TODAY).what_happened
        on_path = {spec.id for spec in flow.fields_of(session.path)}
        assert set(session.path_answers) <= on_path
