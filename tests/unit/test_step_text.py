"""A step whose words fail when they run: the step says so and goes on; a safety stop still
shows the shared guidance."""

from __future__ import annotations

from coach.engine import Session
from coach.flowformat.loader import load_folders
from coach.step_text import render_text, say
from tests.conftest import TODAY

# Fine for the render check's made-up case ("Sam"), a division by zero for a case called "Al".
FAILS_FOR_AL = "{{ 10 // (case.name | length - 2) }} things"


def flow_failing_at(mini_folder, state: str):
    flow_file = mini_folder / "flows/mini.yaml"
    text = flow_file.read_text(encoding="utf-8")
    if state == "stop":
        text = text.replace("say: \"{% include 'safety_guidance' %}\"", f'say: "{FAILS_FOR_AL}"')
    else:
        text = text.replace("How are things, {{ case.name or 'friend' }}?", FAILS_FOR_AL)
    flow_file.write_text(text, encoding="utf-8")
    loaded = load_folders([mini_folder])
    assert not loaded.problems, loaded.problems
    return loaded.flows["mini"]


def session_at(flow, state: str, name: str) -> Session:
    session = Session(flow, today=TODAY, case={"name": name})
    session.advance()
    session.answer("danger", state == "stop")
    session.advance()
    assert session.state == state
    return session


def test_a_safety_stop_whose_words_fail_still_shows_the_guidance(mini_folder):
    session = session_at(flow_failing_at(mini_folder, "stop"), "stop", "Al")
    text = say(session, "GB")
    assert text.startswith("**If anyone is in danger right now, call 999.**")
    for danger in ("missing", "Self-harm", "adult hurting", "Exploitation", "weapon"):
        assert danger in text
    assert "Samaritans" in text and "children's services" in text.lower()
    notice = text.index("Part of this step could not be shown")
    assert notice > text.index("Samaritans") and "not something you did" in text
    assert text.endswith(
        "For whoever wrote this flow: flow 'mini', step 'stop', line 1: integer division or "
        "modulo by zero."
    )


def test_the_same_stop_reads_as_written_when_its_words_work(mini_folder):
    session = session_at(flow_failing_at(mini_folder, "stop"), "stop", "Sam")
    assert say(session, "GB") == "10 things"


def test_a_question_whose_words_fail_says_so_without_the_guidance(mini_folder):
    session = session_at(flow_failing_at(mini_folder, "ask"), "ask", "Al")
    text = say(session, "GB")
    assert text.startswith("Part of this step could not be shown") and "step 'ask'" in text
    assert "you can go on as usual" in text and "call 999" not in text
    assert session.answer("mood", "good").accepted  # the step can still be answered


def test_an_earlier_step_is_named_as_itself(mini_folder):
    session = session_at(flow_failing_at(mini_folder, "ask"), "ask", "Al")
    session.answer("mood", "good")
    session.advance()
    assert session.state == "summary"
    assert "step 'ask'" in say(session, "GB", state="ask")
    assert "step 'summary'" in render_text("{{ 1 // 0 }}", session, "GB")
