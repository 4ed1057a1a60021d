"""Fuzzing: random documents for the loader, random (also invalid) answers for the engine."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.engine import EngineError, Session
from coach.flowformat.loader import load_flow
from coach.flowformat.machine import StateKind
from coach.flowformat.problems import FlowInvalid
from coach.yamlio import YamlError, parse_yaml
from tests.conftest import MINIMAL, TODAY
from tests.unit.test_walks import SHIPPED

KEYS = [
    "flow",
    "machine",
    "version",
    "title",
    "summary",
    "minutes",
    "states",
    "plan",
    "fields",
    "id",
    "type",
    "label",
    "choices",
    "when",
    "field",
    "equals",
    "all",
    "any",
    "not",
    "say",
    "template",
    "initial",
    "transitions",
    "source",
    "dest",
    "kind",
    "validate",
    "warn",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(KEYS),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5),
    ),
    max_leaves=30,
)


def mutate(base: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    node = base
    for key in path[:-1]:
        child = node.get(key) if isinstance(node, dict) else None
        if not isinstance(child, dict):
            return base
        node = child
    node[path[-1]] = value
    return base


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    document=documents,
    where=st.lists(st.sampled_from(KEYS), min_size=1, max_size=3),
    whole=st.booleans(),
)
def test_random_documents_give_only_validation_errors(tmp_path, document, where, whole):
    folder = tmp_path / "fuzz"
    (folder / "flows").mkdir(parents=True, exist_ok=True)
    (folder / "state_machines").mkdir(exist_ok=True)
    machine = yaml.safe_load((MINIMAL / "state_machines/mini.yaml").read_text())
    content = yaml.safe_load((MINIMAL / "flows/mini.yaml").read_text())
    if whole:
        content = document
    else:
        content = mutate(content, where, document)
        machine = mutate(machine, where, document)
    (folder / "state_machines/mini.yaml").write_text(json.dumps(machine, default=str))
    (folder / "flows/mini.yaml").write_text(json.dumps(content, default=str))
    try:
        load_flow(folder / "flows/mini.yaml")
    except FlowInvalid as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.message for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_random_text_is_parsed_or_refused_cleanly(text):
    try:
        parse_yaml(text, "x.yaml")
    except YamlError as exc:
        assert str(exc).startswith("x.yaml")


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
    st.just("\x1b[2J\x00" * 3),
    st.just("x" * 20_000),
)


@pytest.mark.parametrize("flow_id", sorted(SHIPPED.flows))
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_invalid_answers_never_raise(flow_id, data):
    """Junk answers get a message or are kept; the walk still ends, never with a traceback."""
    flow = SHIPPED.flows[flow_id]
    session = Session(flow, today=TODAY, case={"name": "Sam"})
    for _ in range(200):
        if session.is_finished:
            break
        for spec in session.fields:
            verdict = session.answer(spec.id, data.draw(junk, label=spec.id))
            assert verdict.accepted or verdict.message
        try:
            session.advance()
        except EngineError as exc:
            assert "please answer" in str(exc)
            if data.draw(st.booleans(), label="back") and session.history:
                session.back(confirmed_safe=True, answer_again=session.at_locked_stop)
                continue
            for spec in session.missing():
                for candidate in (spec.example, False, "Something happened here", 1, ["other"]):
                    if session.answer(spec.id, candidate).accepted:
                        break
            if session.missing():
                return
            session.advance()
    assert session.is_finished or session.kind is not StateKind.END
