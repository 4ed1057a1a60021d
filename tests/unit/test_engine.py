"""The pure session: answers, advancing, going back, progress and the path that reaches the plan."""

import gc

import pytest

from coach.engine import EngineError, Session
from coach.flowformat.machine import StateKind
from tests.conftest import TODAY


def walk_to_ask(flow, **case) -> Session:
    session = Session(flow, today=TODAY, case=case)
    session.advance()
    assert session.answer("danger", False).accepted
    session.advance()
    assert session.state == "ask"
    return session


def test_starts_at_the_initial_state(mini):
    session = Session(mini, today=TODAY)
    assert session.state == "start" and session.kind is StateKind.INFO
    assert session.progress.step == 1 and session.progress.total == 5


def test_a_required_answer_is_needed_to_go_on(mini):
    session = Session(mini, today=TODAY)
    session.advance()
    with pytest.raises(EngineError, match="please answer 'Is anyone in danger\\?'"):
        session.advance()


def test_invalid_answer_returns_the_message_and_keeps_nothing(mini):
    session = walk_to_ask(mini)
    verdict = session.answer("note", "ok")
    assert not verdict.accepted and verdict.message == "Write a few words, e.g. tired but fine."
    assert "note" not in session.answers


def test_answer_for_another_step_is_refused(mini):
    session = Session(mini, today=TODAY)
    with pytest.raises(EngineError, match="asked at another step"):
        session.answer("mood", "good")
    with pytest.raises(EngineError, match="no field 'nope'"):
        session.answer("nope", 1)


def test_branching_follows_the_answers(mini):
    low = walk_to_ask(mini)
    low.answer("mood", "low")
    assert low.advance() == "extra"
    good = walk_to_ask(mini)
    good.answer("mood", "good")
    assert good.advance() == "summary"


def test_progress_looks_ahead_on_the_current_path(mini):
    session = walk_to_ask(mini)
    assert (session.progress.step, session.progress.total) == (3, 5)
    session.answer("mood", "very_low")
    assert (session.progress.step, session.progress.total) == (3, 6)


def test_back_keeps_answers_and_changing_one_reroutes(mini):
    session = walk_to_ask(mini)
    session.answer("mood", "low")
    session.answer("note", "Tired but fine")
    session.advance()
    session.answer("more", "A long week at school")
    session.advance()
    assert session.path == ["start", "check", "ask", "extra", "summary"]
    assert session.back() == "extra"
    assert session.back() == "ask"
    assert session.prefill(mini.fields["mood"]) == "low"
    assert session.prefill(mini.fields["more"]) == "A long week at school"
    session.answer("mood", "good")
    assert session.advance() == "summary"
    assert session.path == ["start", "check", "ask", "summary"]
    assert "more" in session.answers
    assert "more" not in session.path_answers
    assert session.path_answers == {"danger": False, "mood": "good", "note": "Tired but fine"}


def test_back_at_the_start_and_after_the_end(mini):
    session = Session(mini, today=TODAY)
    with pytest.raises(EngineError, match="first step"):
        session.back()
    session = walk_to_ask(mini)
    session.answer("mood", "good")
    session.advance()
    session.advance()
    assert session.is_finished and session.kind is StateKind.END
    with pytest.raises(EngineError, match="already made"):
        session.back()
    with pytest.raises(EngineError, match="finished"):
        session.advance()


def test_leaving_a_safety_stop_needs_a_confirmation(mini):
    session = Session(mini, today=TODAY)
    session.advance()
    session.answer("danger", True)
    assert session.advance() == "stop"
    assert session.is_finished and session.kind is StateKind.SAFETY_STOP
    with pytest.raises(EngineError, match="everyone is safe"):
        session.back()
    assert session.back(confirmed_safe=True) == "check"


def test_a_warning_is_given_once_then_the_answer_stands(de_escalation_at_phrase):
    session = de_escalation_at_phrase
    first = session.answer("phrase", "Stop it or else")
    assert first.is_warning and not first.accepted
    assert "phrase" not in session.answers
    second = session.answer("phrase", "Stop it or else")
    assert second.accepted and session.answers["phrase"] == "Stop it or else"


@pytest.fixture
def de_escalation_at_phrase(shipped):
    flow = shipped.get("de_escalation")
    session = Session(flow, today=TODAY, state="holding_phrase", history=["welcome"])
    return session


def test_case_fields_prefill_and_write_back(mini_folder, edit):
    from coach.flowformat.loader import load_folders

    edit(
        mini_folder / "flows/mini.yaml",
        "{id: more, type: long_text, label: More}",
        "{id: who, type: text, label: Name, case_field: name}",
    )
    flow = load_folders([mini_folder]).flows["mini"]
    session = Session(flow, today=TODAY, case={"name": "Sam"}, state="extra")
    assert session.prefill(flow.fields["who"]) == "Sam"
    session.answer("who", "Sammy")
    assert session.case["name"] == "Sammy"


def test_sessions_do_not_pile_up_in_a_shared_machine(mini):
    import transitions

    sessions = [walk_to_ask(mini) for _ in range(50)]
    machines = {id(s._machine) for s in sessions}
    assert len(machines) == 50
    assert all(len(s._machine.models) == 1 for s in sessions)
    del sessions
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, transitions.Machine)]
    assert len(alive) < 50


def test_conditions_see_only_answers_on_the_path(mini_folder, edit):
    """An answer left on an abandoned branch must not steer the path taken later."""
    from coach.flowformat.loader import load_folders

    edit(
        mini_folder / "state_machines/mini.yaml",
        "  - {trigger: next, source: ask, dest: summary}\n",
        "  - {trigger: next, source: ask, dest: summary, when: {field: more, answered: true}}\n"
        "  - {trigger: next, source: ask, dest: summary}\n",
    )
    flow = load_folders([mini_folder]).flows["mini"]
    session = walk_to_ask(flow)
    session.answer("mood", "low")
    session.advance()
    session.answer("more", "x")
    session.back()
    session.answer("mood", "good")
    assert session.facts.answers.get("more") is None


def test_plans_and_messages_can_name_the_regions_emergency_number(mini_folder, edit):
    from coach.flowformat.loader import load_folders
    from coach.plan_text import render_plan

    edit(
        mini_folder / "flows/mini.yaml",
        "    Mood: {{ answers.mood }}",
        "    Call {{ crisis.emergency }} if anyone is in danger.\n    Mood: {{ answers.mood }}",
    )
    flow = load_folders([mini_folder]).flows["mini"]
    _, body = render_plan(flow, {"mood": "good"}, {}, TODAY, "GB")
    assert "Call 999 if anyone is in danger." in body
    _, body = render_plan(flow, {"mood": "good"}, {}, TODAY, None)
    assert "Call your local emergency number" in body
