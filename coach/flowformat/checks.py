"""Cross-checks of a structure file and its content file taken as a whole.

Each check returns Problems naming the file and line, what is wrong and how to mend it.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from coach.flowformat.blocks import Places
from coach.flowformat.can_hold import can_hold
from coach.flowformat.content import FieldSpec, FlowContent
from coach.flowformat.field_checks import check_field, check_fields
from coach.flowformat.flow import Flow
from coach.flowformat.machine import FINAL_KINDS, Condition, MachineSpec, StateKind
from coach.flowformat.problems import Problem
from coach.templating import syntax_problem


def check_machine(machine: MachineSpec, places: Places) -> list[Problem]:
    """Checks that need only the structure (with its blocks taken in)."""
    found: list[Problem] = []

    def add(where: tuple[Any, ...], message: str) -> None:
        found.append(places.problem(where, message))

    names = [s.name for s in machine.states]
    index = {name: i for i, name in enumerate(names)}
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            add(("states", i), f"state '{name}' is listed twice; keep one")
        seen.add(name)
    if machine.initial not in index:
        add(("initial",), f"initial state '{machine.initial}' is not in 'states'; add it there")
    kinds = {s.name: s.kind for s in machine.states}
    unconditional: dict[str, int] = {}
    for i, t in enumerate(machine.transitions):
        for end in ("source", "dest"):
            state = getattr(t, end)
            if state not in index:
                add(("transitions", i, end), f"{end} '{state}' is not a state; add it to 'states'")
        if t.source == t.dest:
            add(
                ("transitions", i),
                f"this transition leads from '{t.source}' back to itself, so the same step "
                "would come again with nothing new answered; send it to another state",
            )
        if kinds.get(t.source) in FINAL_KINDS:
            add(
                ("transitions", i),
                f"'{t.source}' is final ({kinds[t.source]}), so nothing leaves it; "
                "remove this transition",
            )
        if t.source in unconditional:
            add(
                ("transitions", i),
                f"this transition from '{t.source}' never fires: the one on line "
                f"{places.locate(('transitions', unconditional[t.source]))[1]} has no 'when' "
                "and always fires first; move this one above it",
            )
        elif t.when is None:
            unconditional[t.source] = i
    for i, decl in enumerate(machine.states):
        if decl.locked and decl.kind is not StateKind.SAFETY_STOP:
            add(("states", i), f"'locked' fits only a safety_stop, and '{decl.name}' is not one")
        if decl.kind not in FINAL_KINDS and decl.name not in unconditional:
            add(
                ("states", i),
                f"state '{decl.name}' has no transition without 'when', so some answers would "
                "leave the caregiver stuck; add a fallback transition last",
            )
    reachable = _reachable(machine, machine.initial, blocked=set())
    for i, name in enumerate(names):
        if machine.initial in index and name not in reachable:
            add(("states", i), f"state '{name}' can never be reached; add a transition into it")
    return found


def _reachable(machine: MachineSpec, start: str, blocked: set[str]) -> set[str]:
    edges: dict[str, list[str]] = {}
    for t in machine.transitions:
        edges.setdefault(t.source, []).append(t.dest)
    seen = {start}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        if state in blocked:
            continue
        for dest in edges.get(state, []):
            if dest not in seen:
                seen.add(dest)
                queue.append(dest)
    return seen


def check_pair(
    content: FlowContent, cplaces: Places, machine: MachineSpec, mplaces: Places, flow: Flow
) -> list[Problem]:
    """Checks that need both files: content per state, fields, conditions, safety, template."""
    found = check_machine(machine, mplaces)
    mpath = mplaces.doc.path

    def in_content(where: tuple[Any, ...], message: str) -> None:
        found.append(cplaces.problem(where, message))

    def in_machine(where: tuple[Any, ...], message: str) -> None:
        found.append(mplaces.problem(where, message))

    def offset(where: tuple[Any, ...], line: int, message: str) -> None:
        found.append(Problem(*cplaces.locate_text(where, line), message))

    if content.machine != machine.machine:
        in_content(
            ("machine",),
            f"machine '{content.machine}' does not match '{machine.machine}' in {mpath}",
        )
    names = [s.name for s in machine.states]
    for i, name in enumerate(names):
        if name not in content.states:
            in_machine(("states", i), f"state '{name}' has no content; add '{name}:' under states")
    for name in content.states:
        if name not in names:
            in_content(
                ("states", name),
                f"content for '{name}', which is not a state in {mpath}; "
                "add the state or remove this block",
            )
    check_fields(content, flow, in_content)
    _check_silent_loops(machine, flow, in_machine)
    for i, t in enumerate(machine.transitions):
        if t.when is not None:
            before = len(found)
            _check_condition(t.when, flow, ("transitions", i, "when"), in_machine)
            if len(found) == before and not can_hold(t.when, flow.fields):
                in_machine(
                    ("transitions", i, "when"),
                    f"this condition can never hold, whatever the answers, so the transition "
                    f"from '{t.source}' to '{t.dest}' never fires; check the values it compares",
                )
    _check_final_blocks(flow, in_content)
    _check_events(content, flow, in_content)
    if content.confrontation:
        _check_safety(machine, flow, in_machine)
    for state, block in content.states.items():
        for key in ("say", "help", "practitioner"):
            text = getattr(block, key)
            bad = syntax_problem(text) if text else None
            if bad is not None:
                line, message = bad
                offset(("states", state, key), line, f"{state} {key}: {message}")
    if content.follow_up is not None:
        follow_ids: set[str] = set()
        for j, spec in enumerate(content.follow_up.fields):
            where = ("follow_up", "fields", j)
            if spec.id in follow_ids:
                in_content((*where, "id"), f"follow-up field id '{spec.id}' is used twice")
            follow_ids.add(spec.id)
            check_field(spec, where, in_content)
        for key in ("say", "template"):
            bad = syntax_problem(getattr(content.follow_up, key))
            if bad is not None:
                line, message = bad
                offset(("follow_up", key), line, f"follow_up {key}: {message}")
    for key in ("title", "template") if content.plan is not None else ():
        bad = syntax_problem(getattr(content.plan, key))
        if bad is not None:
            line, message = bad
            offset(
                ("plan", key),
                line,
                f"plan {key}: {message}; check the {{{{ }}}} and {{% %}}",
            )
    return found


def _check_silent_loops(machine: MachineSpec, flow: Flow, add: Any) -> None:
    """A round of steps that asks nothing can never end: no answer can change the way out."""
    silent = {
        name
        for name, kind in flow.kinds.items()
        if kind not in FINAL_KINDS and name in flow.content.states and not flow.block(name).fields
    }
    edges: dict[str, list[str]] = {}
    for t in machine.transitions:
        if t.source in silent and t.dest in silent and t.source != t.dest:
            edges.setdefault(t.source, []).append(t.dest)
    index = {s.name: i for i, s in enumerate(machine.states)}
    reported: set[frozenset[str]] = set()
    for start in sorted(edges, key=lambda name: index.get(name, 0)):
        trail = _round_from(start, edges)
        if trail and frozenset(trail) not in reported:
            reported.add(frozenset(trail))
            add(
                ("states", index.get(start, 0)),
                f"states {' -> '.join([*trail, trail[0]])} go round without asking anything, "
                "so a walk could never leave them; add a question or a way out",
            )


def _round_from(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """A path from ``start`` back to itself, if there is one."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        state, trail = stack.pop()
        for dest in edges.get(state, []):
            if dest == start:
                return trail
            if dest not in seen:
                seen.add(dest)
                stack.append((dest, [*trail, dest]))
    return None


def _check_condition(cond: Condition, flow: Flow, where: tuple[Any, ...], add: Any) -> None:
    for key in ("all", "any"):
        for k, part in enumerate(getattr(cond, key) or []):
            _check_condition(part, flow, (*where, key, k), add)
    if cond.not_ is not None:
        _check_condition(cond.not_, flow, (*where, "not"), add)
    if cond.case is not None:
        _check_case_condition(cond, where, add)
    if cond.field is None:
        return
    spec = flow.fields.get(cond.field)
    if spec is None:
        known = ", ".join(sorted(flow.fields)) or "none"
        add(
            (*where, "field"),
            f"condition reads field '{cond.field}', which this flow does not "
            f"have (fields: {known})",
        )
        return
    problem = _operand_problem(spec, cond.operator, cond.operand)
    if problem:
        add((*where, cond.operator), f"condition on '{spec.id}' ({spec.type}): {problem}")


def _operand_problem(spec: FieldSpec, operator: str, operand: Any) -> str | None:
    if operator == "answered":
        return None
    if operator == "in" and not operand:
        return "'in' needs a non-empty list"
    values = operand if operator == "in" else [operand]
    return spec.kind.operand_problem(spec, operator, values)


def _check_case_condition(cond: Condition, where: tuple[Any, ...], add: Any) -> None:
    operator, operand = cond.operator, cond.operand
    if operator == "answered":
        return
    if cond.case == "name":
        if operator in ("gte", "lte") or not isinstance(operand, str | list):
            add((*where, operator), "case name compares with equals, in or contains and text")
    elif operator in ("gte", "lte") and not isinstance(operand, int):
        add((*where, operator), f"case {cond.case} is a list; gte/lte count its entries (a number)")
    elif operator == "equals":
        add((*where, operator), f"case {cond.case} is a list; use answered, contains or gte/lte")


def _check_final_blocks(flow: Flow, add: Any) -> None:
    for state, kind in flow.kinds.items():
        if state in flow.content.states and kind in FINAL_KINDS and flow.block(state).fields:
            add(
                ("states", state, "fields"),
                f"'{state}' is final ({kind}); its fields would "
                "never be asked; move them to an earlier state",
            )
        if (
            kind is StateKind.SAFETY_CHECK
            and state in flow.content.states
            and not any(f.type == "yes_no" for f in flow.block(state).fields)
        ):
            add(("states", state), f"safety check '{state}' needs at least one yes_no question")


def _check_events(content: FlowContent, flow: Flow, add: Any) -> None:
    """Each ``event:`` key names a field of the right type.

    ``date`` may name a date inside a group as ``group.field`` (one event per entry); then
    ``time`` and ``duration`` may name fields of that same group, or fields of the flow.
    """
    expected = {"date": "date", "time": "time", "duration": "duration"}
    for state, block in content.states.items():
        if block.event is None:
            continue
        head, dot, _ = block.event.date.partition(".")
        date_group = head if dot else ""
        for key, wanted in expected.items():
            ref = getattr(block.event, key)
            if ref is None or isinstance(ref, int):
                continue
            where = ("states", state, "event", key)
            group_id, dot, sub_id = ref.partition(".")
            if not dot:
                spec = flow.fields.get(ref)
                if spec is None or spec.type != wanted:
                    add(where, f"event {key} '{ref}' must name a {wanted} field of this flow")
                continue
            group = flow.fields.get(group_id)
            if group is None or not group.kind.takes_fields:
                add(where, f"event {key} '{ref}': '{group_id}' is not a group field of this flow")
                continue
            if key != "date" and group_id != date_group:
                date_spec = flow.fields.get(date_group)
                if date_group and (date_spec is None or not date_spec.kind.takes_fields):
                    continue  # the date's own problem is reported; one message is enough
                add(
                    where,
                    f"event {key} '{ref}' names a field of group '{group_id}', but the date "
                    f"'{block.event.date}' is not in that group; use a field of the same group",
                )
                continue
            sub = next((s for s in group.fields if s.id == sub_id), None)
            if sub is None or sub.type != wanted:
                known = ", ".join(s.id for s in group.fields) or "none"
                add(
                    where,
                    f"event {key} '{ref}' must name a {wanted} field of group "
                    f"'{group_id}' (its fields: {known})",
                )


def _check_safety(machine: MachineSpec, flow: Flow, add: Any) -> None:
    stops = {s for s, k in flow.kinds.items() if k is StateKind.SAFETY_STOP}
    guards = {
        t.source
        for t in machine.transitions
        if flow.kinds.get(t.source) is StateKind.SAFETY_CHECK and t.dest in stops
    }
    if not guards:
        add(
            ("states",),
            "this flow plans a confrontation (confrontation: true) but no safety_check "
            "state leads to a safety_stop; add one before the plan is made",
        )
        return
    reachable = _reachable(machine, machine.initial, blocked=guards)
    for i, decl in enumerate(machine.states):
        if decl.kind is StateKind.END and decl.name in reachable:
            add(
                ("states", i),
                f"end state '{decl.name}' can be reached without passing a safety "
                "check; route every path through the safety_check state first",
            )
