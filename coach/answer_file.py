"""Answer files for `coach run`: YAML mapping field ids to answers, checked against a flow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.flowformat.flow import Flow
from coach.yamlio import read_yaml


def read_answer_file(path: Path, flow: Flow) -> dict[str, Any]:
    """The answers by field id; ids the flow does not have are an error naming each one."""
    doc = read_yaml(path)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise CoachError(
            f"{path}:1: expected a mapping of field ids to answers, e.g. 'what_happened: ...'"
        )
    unknown = [str(key) for key in doc.data if str(key) not in flow.fields]
    if unknown:
        first = doc.line_of((unknown[0],))
        raise CoachError(
            f"{path}:{first}: flow '{flow.id}' has no field {', '.join(repr(u) for u in unknown)}; "
            f"'coach flows --json' lists its fields"
        )
    return {str(key): value for key, value in doc.data.items()}
