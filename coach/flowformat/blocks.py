"""Shared blocks: states written once and taken into many flows (the safety screen, say).

A block is two files, like a flow: ``state_machines/blocks/NAME.yaml`` holds its states,
their kinds and its transitions, and leaves the block with a transition to ``exit``;
``flows/blocks/NAME.yaml`` holds what the coach says at each of its states. A structure file
takes a block in with ``use: [{block: NAME, exit: STATE}]``, and a transition into the block
names the block. A block may use another block; ``exit: exit`` then leads out of both.

The loader joins a block's states into the flow before the cross-checks and remembers where
each part was written (``Places``), so every problem names the file and line it is in: the
flow's own, or the block's. Blocks are looked for beside the flow first, then among the
shipped flows, so a practitioner's own flow can use the shipped safety screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coach.flowformat.content import (
    BlockContent,
    FieldsFrom,
    FieldSpec,
    FlowContent,
    FollowUpBlock,
    StateContent,
)
from coach.flowformat.machine import BlockMachineSpec, MachineSpec, StateDecl, TransitionDecl
from coach.flowformat.problems import FlowInvalid, Problem, problems_from
from coach.yamlio import YamlDoc, YamlError, read_yaml

EXIT = "exit"
FOLDER = "blocks"
FOLLOW_UP_BLOCK = "follow_up_safety"

Where = tuple[Any, ...]


@dataclass
class Places:
    """Where each part of a joined flow was written: its own file, or a block's file."""

    doc: YamlDoc
    moved: dict[Where, tuple[YamlDoc, Where]] = field(default_factory=dict)

    def locate(self, where: Where) -> tuple[str, int]:
        doc, target = self._origin(where)
        return doc.path, doc.line_of(target)

    def locate_text(self, where: Where, line: int) -> tuple[str, int]:
        """The file and line of line ``line`` of the text at ``where`` (see
        ``YamlDoc.line_in_text``)."""
        doc, target = self._origin(where)
        return doc.path, doc.line_in_text(target, line)

    def _origin(self, where: Where) -> tuple[YamlDoc, Where]:
        for cut in range(len(where), 0, -1):
            found = self.moved.get(tuple(where[:cut]))
            if found is not None:
                doc, prefix = found
                return doc, (*prefix, *where[cut:])
        return self.doc, where

    def problem(self, where: Where, message: str) -> Problem:
        return Problem(*self.locate(where), message)


@dataclass(frozen=True)
class Block:
    name: str
    machine: BlockMachineSpec
    mdoc: YamlDoc
    content: BlockContent | None = None
    cdoc: YamlDoc | None = None


@dataclass
class Joined:
    """A structure file with its blocks taken in, and what came from which block."""

    machine: MachineSpec
    places: Places
    owner: dict[str, Block] = field(default_factory=dict)  # block state -> its block
    problems: list[Problem] = field(default_factory=list)


def block_file(folder: Path, kind: str, name: str) -> Path:
    """``kind`` is ``state_machines`` or ``flows``."""
    return folder / kind / FOLDER / f"{name}.yaml"


def _read(file: Path) -> YamlDoc:
    try:
        doc = read_yaml(file)
    except YamlError as exc:
        raise FlowInvalid([Problem(str(file), 1, str(exc).removeprefix(f"{file}: "))]) from None
    if not isinstance(doc.data, dict):
        raise FlowInvalid([Problem(doc.path, 1, "expected a mapping of keys (block:, states:)")])
    return doc


def _validated(model: Any, doc: YamlDoc, models: list[Any]) -> Any:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise FlowInvalid(problems_from(exc, doc, models)) from None


def load_block(name: str, search: list[Path], *, with_content: bool) -> Block | None:
    """The block from the first folder that has it; None when no folder has it."""
    from coach.flowformat.loader import CONTENT_MODELS, MACHINE_MODELS

    for folder in search:
        machine_file = block_file(folder, "state_machines", name)
        if not machine_file.is_file():
            continue
        mdoc = _read(machine_file)
        machine = _validated(BlockMachineSpec, mdoc, [BlockMachineSpec, *MACHINE_MODELS])
        problems = []
        if machine.block != name:
            problems.append(
                Problem(
                    mdoc.path,
                    mdoc.line_of(("block",)),
                    f"block '{machine.block}' differs from the file name '{name}'; make them "
                    "the same",
                )
            )
        for i, decl in enumerate(machine.states):
            if decl.name == EXIT:
                problems.append(
                    Problem(
                        mdoc.path,
                        mdoc.line_of(("states", i)),
                        f"'{EXIT}' is the way out of a block, not a state; rename this state",
                    )
                )
        if problems:
            raise FlowInvalid(problems)
        if not with_content:
            return Block(name, machine, mdoc)
        content_file = block_file(folder, "flows", name)
        if not content_file.is_file():
            raise FlowInvalid(
                [
                    Problem(
                        mdoc.path,
                        1,
                        f"block '{name}' has no content file {content_file}; create it with "
                        "'block:' and 'states:'",
                    )
                ]
            )
        cdoc = _read(content_file)
        content = _validated(BlockContent, cdoc, [BlockContent, *CONTENT_MODELS])
        return Block(name, machine, mdoc, content, cdoc)
    return None


def join_machine(
    machine: MachineSpec, mdoc: YamlDoc, search: list[Path], *, with_content: bool = True
) -> Joined:
    """The structure with every used block's states and transitions taken in.

    A block's transitions come after the flow's own; its states are listed where the flow
    first leads into them, so maps and diagrams read in the order the caregiver meets them.
    """
    places = Places(mdoc)
    states: list[StateDecl] = list(machine.states)
    transitions: list[TransitionDecl] = list(machine.transitions)
    owner: dict[str, Block] = {}
    origin: dict[str, Where] = {}
    flow_states = {decl.name for decl in states}
    entries: dict[str, str] = {}
    exits: list[tuple[YamlDoc, int, str]] = []
    problems: list[Problem] = []

    def take(doc: YamlDoc, user: Any, outer_exit: str | None, chain: tuple[str, ...]) -> None:
        for i, use in enumerate(user.use):
            where = ("use", i)
            if use.block in chain:
                problems.append(_at(doc, (*where, "block"), f"block '{use.block}' uses itself"))
                continue
            if use.block in entries:
                problems.append(
                    _at(doc, (*where, "block"), f"block '{use.block}' is used twice; use it once")
                )
                continue
            try:
                block = load_block(use.block, search, with_content=with_content)
            except FlowInvalid as exc:
                problems.extend(exc.problems)
                continue
            if block is None:
                looked = " and ".join(
                    str(block_file(f, "state_machines", use.block)) for f in search
                )
                problems.append(
                    _at(
                        doc,
                        (*where, "block"),
                        f"no block called '{use.block}' (looked for {looked})",
                    )
                )
                continue
            way_out = outer_exit if use.exit == EXIT and outer_exit is not None else use.exit
            exits.append((doc, i, way_out))
            entries[use.block] = block.machine.initial
            for j, decl in enumerate(block.machine.states):
                taken = "this flow" if decl.name in flow_states else "another block"
                if decl.name in flow_states or decl.name in owner:
                    problems.append(
                        _at(
                            doc,
                            where,
                            f"block '{use.block}' brings a state '{decl.name}', which {taken} "
                            "also has; rename the state",
                        )
                    )
                    continue
                origin[decl.name] = ("states", j)
                states.append(decl)
                owner[decl.name] = block
            for j, step in enumerate(block.machine.transitions):
                dest = way_out if step.dest == EXIT else step.dest
                places.moved[("transitions", len(transitions))] = (block.mdoc, ("transitions", j))
                transitions.append(step.model_copy(update={"dest": dest}))
            take(block.mdoc, block.machine, way_out, (*chain, use.block))

    take(mdoc, machine, None, ())
    known = {decl.name for decl in states}
    for doc, i, way_out in exits:
        if way_out not in known and way_out not in entries:
            problems.append(
                _at(
                    doc,
                    ("use", i, "exit"),
                    f"exit '{way_out}' is not a state; name the state "
                    "the flow goes on to after the block",
                )
            )

    def entry(name: str) -> str:
        seen: set[str] = set()
        while name in entries and name not in known and name not in seen:
            seen.add(name)
            name = entries[name]
        return name

    transitions = [
        step.model_copy(update={"dest": entry(step.dest)}) if step.dest in entries else step
        for step in transitions
    ]
    states = _in_order_met(states, transitions, owner)
    for index, decl in enumerate(states):
        if decl.name in owner:
            places.moved[("states", index)] = (owner[decl.name].mdoc, origin[decl.name])
    joined = MachineSpec(
        machine=machine.machine,
        initial=entry(machine.initial),
        states=states,
        transitions=transitions,
    )
    return Joined(joined, places, owner, problems)


def _in_order_met(
    states: list[StateDecl], transitions: list[TransitionDecl], owner: dict[str, Block]
) -> list[StateDecl]:
    """The flow's own states in their order, each block's states right after the first state
    that leads into the block (blocks no state leads into come last)."""
    leads: dict[str, list[str]] = {}
    for step in transitions:
        leads.setdefault(step.source, []).append(step.dest)
    group: dict[str, list[StateDecl]] = {}
    for decl in states:
        if decl.name in owner:
            group.setdefault(owner[decl.name].name, []).append(decl)
    ordered: list[StateDecl] = []
    placed: set[str] = set()

    def place(decls: list[StateDecl]) -> None:
        for decl in decls:
            ordered.append(decl)
            for dest in leads.get(decl.name, []):
                block = owner.get(dest)
                if block is not None and block.name not in placed:
                    placed.add(block.name)
                    place(group[block.name])

    place([decl for decl in states if decl.name not in owner])
    for name, decls in group.items():
        if name not in placed:
            placed.add(name)
            place(decls)
    return ordered


def join_content(
    content: FlowContent, cdoc: YamlDoc, joined: Joined
) -> tuple[FlowContent, Places, list[Problem]]:
    """The content with each block state's content added from its block's content file."""
    places = Places(cdoc)
    states: dict[str, StateContent] = dict(content.states)
    problems: list[Problem] = []
    for name, block in joined.owner.items():
        if block.content is None or block.cdoc is None:
            continue
        if name in content.states:
            problems.append(
                places.problem(
                    ("states", name),
                    f"'{name}' comes from block '{block.name}', whose content is in "
                    f"{block.cdoc.path}; remove this block of content",
                )
            )
            continue
        if name in block.content.states:
            states[name] = block.content.states[name]
            places.moved[("states", name)] = (block.cdoc, ("states", name))
    for block in {b.name: b for b in joined.owner.values()}.values():
        if block.content is None or block.cdoc is None:
            continue
        for name in block.content.states:
            if name not in joined.owner:
                problems.append(
                    _at(
                        block.cdoc,
                        ("states", name),
                        f"content for '{name}', which is not a state of block '{block.name}' "
                        f"({block.mdoc.path}); add the state or remove this content",
                    )
                )
    return content.model_copy(update={"states": states}), places, problems


def join_follow_up(
    content: FlowContent, places: Places, search: list[Path]
) -> tuple[FlowContent, list[Problem]]:
    """Every follow-up also asks the shared questions (was anyone hurt, how are you?).

    They are written once in ``flows/blocks/follow_up_safety.yaml``: its fields come after
    the flow's own, then the fields of the block states it names in ``fields_from`` (the
    parent's own crisis, asked in the quick flows' words), and its template after the flow's
    template.
    """
    from coach.flowformat.loader import CONTENT_MODELS

    own = content.follow_up
    file = next(
        (f for f in (block_file(d, "flows", FOLLOW_UP_BLOCK) for d in search) if f.is_file()),
        None,
    )
    if own is None or file is None:
        return content, []
    doc = _read(file)
    block = _validated(FollowUpBlock, doc, [FollowUpBlock, *CONTENT_MODELS])
    shared = [(spec, doc, ("fields", j)) for j, spec in enumerate(block.fields)]
    shared += _fields_from(block.fields_from, doc, search)
    own_ids = {spec.id for spec in own.fields}
    problems = [
        places.problem(
            ("follow_up", "fields"),
            f"follow-up field '{spec.id}' is already asked by every follow-up ({doc.path}); "
            "rename or remove yours",
        )
        for spec, _, _ in shared
        if spec.id in own_ids
    ]
    for j, (_, source, where) in enumerate(shared):
        places.moved[("follow_up", "fields", len(own.fields) + j)] = (source, where)
    joined = own.model_copy(
        update={
            "fields": [*own.fields, *(spec for spec, _, _ in shared)],
            "template": own.template.rstrip("\n") + "\n" + block.template,
        }
    )
    return content.model_copy(update={"follow_up": joined}), problems


def _fields_from(
    sources: list[FieldsFrom], doc: YamlDoc, search: list[Path]
) -> list[tuple[FieldSpec, YamlDoc, Where]]:
    """The named block states' fields, in order, each with where it was written."""
    found: list[tuple[FieldSpec, YamlDoc, Where]] = []
    for number, source in enumerate(sources):
        block = load_block(source.block, search, with_content=True)
        state = None
        if block is not None and block.content is not None:
            state = block.content.states.get(source.state)
        if block is None or block.cdoc is None or state is None:
            raise FlowInvalid(
                [
                    _at(
                        doc,
                        ("fields_from", number),
                        f"no state '{source.state}' in block '{source.block}'; name a block "
                        "and one of its states that asks questions",
                    )
                ]
            )
        found += [
            (spec, block.cdoc, ("states", source.state, "fields", j))
            for j, spec in enumerate(state.fields)
        ]
    return found


def _at(doc: YamlDoc, where: Where, message: str) -> Problem:
    return Problem(doc.path, doc.line_of(where), message)
