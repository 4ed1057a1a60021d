"""A flow described as plain data, for `coach flows --json` and for tools built on it."""

from __future__ import annotations

from typing import Any

from coach.spec.content import FieldSpec
from coach.spec.flow import Flow


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
