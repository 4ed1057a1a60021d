"""A long conversation stays quick: answers are appended, never rebuilt.

How long each step takes is measured in bench/run.py (the transcript-growth row); this test
checks the structure that keeps it flat."""

from __future__ import annotations

from pathlib import Path

from coach.tui.screens.conversation import ConversationScreen
from coach.tui.widgets.transcript import AnswerEntry, CoachMessage
from tests.functional.tui_support import answer, make_app, wait_for, workspace

STEPS = 31


def long_flow(folder: Path) -> Path:
    """A flow of 31 steps, each a message with a heading and a list, and one question."""
    (folder / "flows").mkdir(parents=True)
    (folder / "state_machines").mkdir()
    states = [f"step{i}" for i in range(STEPS)]
    machine = ["machine: long", "initial: step0", "states:"]
    machine += [f"  - {s}" for s in states] + ["  - {name: done, kind: end}", "transitions:"]
    for source, dest in zip(states, [*states[1:], "done"], strict=True):
        machine.append(f"  - {{trigger: next, source: {source}, dest: {dest}}}")
    (folder / "state_machines" / "long.yaml").write_text("\n".join(machine) + "\n")
    content = [
        "flow: long",
        "machine: long",
        "version: 1",
        "title: A long talk",
        "summary: Many steps.",
        "minutes: 30",
        "states:",
    ]
    for i, state in enumerate(states):
        content += [
            f"  {state}:",
            "    say: |",
            f"      ## Step {i}",
            "",
            "      A sentence or two about this step, with **a little emphasis**.",
            "",
            "      - one point",
            "      - another point",
            "    fields:",
            f"      - {{id: answer{i}, type: text, label: Question {i}}}",
        ]
    content += ["  done:", "    say: Done.", "plan:", "  title: Long", "  template: Done."]
    (folder / "flows" / "long.yaml").write_text("\n".join(content) + "\n")
    return folder


async def test_a_sixty_message_transcript_is_appended_to_never_rebuilt(tmp_path):
    ws = workspace(flows=long_flow(tmp_path / "long"))
    app = make_app(ws, start=("long", None))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await wait_for(
            pilot, lambda: app.screen if isinstance(app.screen, ConversationScreen) else None
        )
        first_message = None
        for i in range(STEPS - 1):
            await wait_for(pilot, lambda: screen._input is not None and not screen._busy)
            first_message = first_message or screen.query(CoachMessage).first()
            await answer(pilot, f"answer {i}")
        entries = len(screen.transcript.children)
        assert entries >= 61
        assert len(screen.query(AnswerEntry)) == STEPS - 1
        assert screen.query(CoachMessage).first() is first_message, "appended, not rebuilt"
