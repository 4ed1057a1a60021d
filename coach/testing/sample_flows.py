"""Flows made up for measuring and testing, written into a folder the coach can load."""

from __future__ import annotations

from pathlib import Path

LONG_FLOW_STEPS = 31


def long_flow(folder: Path) -> Path:
    """A flow of 31 steps, each a message with a heading and a list, and one question
    (``answer0`` ...); returns the folder to pass as ``--flows``."""
    (folder / "flows").mkdir(parents=True)
    (folder / "state_machines").mkdir()
    states = [f"step{i}" for i in range(LONG_FLOW_STEPS)]
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
