"""A flow as Mermaid ``stateDiagram-v2`` text, with conditions as readable edge labels."""

from __future__ import annotations

from coach.conditions import describe
from coach.flowformat.flow import Flow
from coach.flowformat.machine import StateKind

# Mermaid reads these characters as syntax inside labels; its entity codes print them instead.
_ENTITIES = {
    "#": "#35;",
    ";": "#59;",
    ":": "#58;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "{": "#123;",
    "}": "#125;",
    "%": "#37;",
}


def escape_label(text: str) -> str:
    text = " ".join(text.split())
    return "".join(_ENTITIES.get(char, char) for char in text)


def mermaid(flow: Flow) -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {flow.initial}"]
    for state in flow.states:
        for transition in flow.outgoing.get(state, []):
            edge = f"    {transition.source} --> {transition.dest}"
            if transition.when is not None:
                edge += f" : {escape_label(describe(transition.when))}"
            lines.append(edge)
    for state in flow.states:
        if flow.is_final(state):
            lines.append(f"    {state} --> [*]")
    lines.append("    classDef safety fill:#fff3cd,stroke:#b58100")
    lines.append("    classDef stop fill:#f8d7da,stroke:#a3142b")
    lines.append("    classDef finish fill:#d1e7dd,stroke:#146c43")
    for style, kind in (
        ("safety", StateKind.SAFETY_CHECK),
        ("stop", StateKind.SAFETY_STOP),
        ("finish", StateKind.END),
    ):
        for state in flow.states:
            if flow.kinds[state] is kind:
                lines.append(f"    class {state} {style}")
    return "\n".join(lines)
