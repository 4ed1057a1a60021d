"""A validated flow: structure and content joined, with conditions compiled once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coach.conditions import Facts, Test, compile_condition
from coach.flowformat.content import FieldSpec, FlowContent, StateContent
from coach.flowformat.machine import FINAL_KINDS, Condition, MachineSpec, StateKind


@dataclass(frozen=True)
class Transition:
    source: str
    dest: str
    when: Condition | None
    test: Test | None

    def holds(self, facts: Facts) -> bool:
        return self.test is None or self.test(facts)


@dataclass(frozen=True)
class Flow:
    content: FlowContent
    machine: MachineSpec
    flow_file: Path
    machine_file: Path
    kinds: dict[str, StateKind] = field(default_factory=dict)
    outgoing: dict[str, list[Transition]] = field(default_factory=dict)
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    field_state: dict[str, str] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls, content: FlowContent, machine: MachineSpec, flow_file: Path, machine_file: Path
    ) -> Flow:
        kinds: dict[str, StateKind] = {}
        for decl in machine.states:
            block = content.states.get(decl.name, StateContent())
            default = StateKind.QUESTION if block.fields else StateKind.INFO
            kinds[decl.name] = decl.kind or default
        outgoing: dict[str, list[Transition]] = {name: [] for name in kinds}
        for step in machine.transitions:
            test = compile_condition(step.when) if step.when is not None else None
            outgoing.setdefault(step.source, []).append(
                Transition(step.source, step.dest, step.when, test)
            )
        fields: dict[str, FieldSpec] = {}
        field_state: dict[str, str] = {}
        for state, block in content.states.items():
            for spec in block.fields:
                fields.setdefault(spec.id, spec)
                field_state.setdefault(spec.id, state)
        locked = frozenset(decl.name for decl in machine.states if decl.locked)
        return cls(
            content, machine, flow_file, machine_file, kinds, outgoing, fields, field_state, locked
        )

    @property
    def id(self) -> str:
        return self.content.flow

    @property
    def version(self) -> int:
        return self.content.version

    @property
    def initial(self) -> str:
        return self.machine.initial

    @property
    def states(self) -> list[str]:
        return list(self.kinds)

    def is_final(self, state: str) -> bool:
        return self.kinds[state] in FINAL_KINDS

    def block(self, state: str) -> StateContent:
        return self.content.states[state]

    def next_state(self, state: str, facts: Facts) -> str | None:
        """Where ``next`` leads from ``state``: the first transition, in file order, that holds."""
        for transition in self.outgoing.get(state, []):
            if transition.holds(facts):
                return transition.dest
        return None

    def predicted_path(self, state: str, facts: Facts) -> list[str]:
        """The states ahead of ``state`` if nothing more were answered (no repeats)."""
        ahead: list[str] = []
        seen = {state}
        current: str | None = state
        while current is not None and not self.is_final(current):
            current = self.next_state(current, facts)
            if current is None or current in seen:
                break
            seen.add(current)
            ahead.append(current)
        return ahead

    def fields_of(self, states: list[str]) -> Iterator[FieldSpec]:
        for state in states:
            yield from self.block(state).fields
