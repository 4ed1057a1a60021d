"""A flow described as plain data, for `coach flows --json` and for tools built on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec
    from coach.flowformat.flow import Flow

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def step_title(flow: Flow, state: str) -> str:
    """What a person calls a step: its message's first heading, else its name in words."""
    for line in flow.block(state).say.splitlines():
        match = _HEADING.match(line)
        if match:
            heading = match.group(1)
            if "{" not in heading:
                return heading.replace("\\", "")
            break
    return state.replace("_", " ").capitalize()


def list_order(flow: Flow) -> tuple[bool, int, str]:
    """Where a flow comes in every list of flows: by its ``order`` (the shipped flows follow
    the order NVR work usually takes, looking back at an incident first), then flows without
    one, by title."""
    order = flow.content.order
    return (order is None, order or 0, flow.content.title)


@dataclass(frozen=True)
class FlowCard:
    """What the home screen and the palette show of a flow, without loading its models."""

    id: str
    title: str
    summary: str
    minutes: int
    steps: dict[str, str]
    stops: list[str]  # the safety stops

    def step(self, state: str) -> str:
        return self.steps.get(state, state.replace("_", " ").capitalize())

    def is_stop(self, state: str) -> bool:
        """Whether a session at ``state`` is paused for safety."""
        return state in self.stops


def card_data(flow: Flow) -> dict[str, Any]:
    from coach.flowformat.machine import StateKind

    return {
        "id": flow.id,
        "title": flow.content.title,
        "summary": flow.content.summary,
        "minutes": flow.content.minutes,
        "steps": {state: step_title(flow, state) for state in flow.states},
        "stops": [state for state in flow.states if flow.kinds[state] is StateKind.SAFETY_STOP],
    }


def describe_field(spec: FieldSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "type": str(spec.type),
        "label": spec.label,
        "required": spec.required,
        "choices": [{"value": c.value, "label": c.label} for c in spec.choices],
        "min": spec.min,
        "max": spec.max,
        "fields": [describe_field(sub) for sub in spec.fields],
        "validate": spec.validate_.model_dump(exclude_none=True) if spec.validate_ else None,
        "example": spec.example,
    }


def describe_flow(flow: Flow) -> dict[str, Any]:
    content = flow.content
    return {
        "id": flow.id,
        "title": content.title,
        "summary": content.summary,
        "minutes": content.minutes,
        "version": content.version,
        "confrontation": content.confrontation,
        "initial": flow.initial,
        "states": [
            {
                "id": state,
                "kind": str(flow.kinds[state]),
                "final": flow.is_final(state),
                "fields": [describe_field(spec) for spec in flow.block(state).fields],
            }
            for state in flow.states
        ],
        "transitions": [
            {
                "trigger": t.trigger,
                "source": t.source,
                "dest": t.dest,
                "when": t.when.as_yaml() if t.when is not None else None,
            }
            for t in flow.machine.transitions
        ],
    }
