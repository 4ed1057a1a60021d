"""Loading flow pairs from folders: parse, validate with pydantic, cross-check, build.

A folder of flows holds ``flows/NAME.yaml`` (content) and ``state_machines/NAME.yaml``
(structure). A broken flow is reported and skipped; the others still load.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from coach.flowformat.blocks import join_content, join_follow_up, join_machine
from coach.flowformat.catalogue import Catalogue
from coach.flowformat.checks import check_machine, check_pair
from coach.flowformat.content import (
    AdviceUse,
    BlockContent,
    Choice,
    DiaryFields,
    EventSpec,
    FieldSpec,
    FlowContent,
    FollowUpSpec,
    Makes,
    PlanSpec,
    PrivateRows,
    StateContent,
    Validate,
    Warn,
)
from coach.flowformat.flow import Flow
from coach.flowformat.machine import (
    BlockUse,
    Condition,
    MachineSpec,
    StateDecl,
    TransitionDecl,
)
from coach.flowformat.makes_check import check_makes
from coach.flowformat.problems import FlowInvalid, Problem, problems_from
from coach.flowformat.render_check import check_rendering
from coach.paths import shipped_flows_folder
from coach.yamlio import YamlDoc, YamlError, read_yaml

CONTENT_MODELS: list[type[BaseModel]] = [
    AdviceUse,
    PrivateRows,
    FlowContent,
    BlockContent,
    StateContent,
    FieldSpec,
    Choice,
    Validate,
    Warn,
    EventSpec,
    Makes,
    DiaryFields,
    PlanSpec,
    FollowUpSpec,
]
MACHINE_MODELS: list[type[BaseModel]] = [
    MachineSpec,
    StateDecl,
    TransitionDecl,
    Condition,
    BlockUse,
]


def _read(file: Path) -> YamlDoc:
    try:
        return read_yaml(file)
    except YamlError as exc:
        raise FlowInvalid([_yaml_problem(file, str(exc))]) from None


def _yaml_problem(file: Path, message: str) -> Problem:
    prefix, _, rest = message.partition(": ")
    head, _, line = prefix.rpartition(":")
    if head == str(file) and line.isdigit():
        return Problem(str(file), int(line), rest)
    return Problem(str(file), 1, message.removeprefix(f"{file}: "))


def _mapping(doc: YamlDoc) -> None:
    if not isinstance(doc.data, dict):
        raise FlowInvalid(
            [Problem(doc.path, 1, "expected a mapping of keys (flow:, states:, ...) at the top")]
        )


def load_machine(file: Path) -> tuple[MachineSpec, YamlDoc]:
    doc = _read(file)
    _mapping(doc)
    try:
        return MachineSpec.model_validate(doc.data), doc
    except ValidationError as exc:
        raise FlowInvalid(problems_from(exc, doc, MACHINE_MODELS)) from None


def block_search(folder: Path) -> list[Path]:
    """Where a flow's blocks are looked for: its own folder, then the shipped flows."""
    shipped = shipped_flows_folder()
    return [folder] if folder.resolve() == shipped.resolve() else [folder, shipped]


def check_machine_file(file: Path) -> list[Problem]:
    """Every problem of a structure file checked on its own (with the blocks it uses)."""
    try:
        machine, doc = load_machine(file)
    except FlowInvalid as exc:
        return exc.problems
    joined = join_machine(machine, doc, block_search(file.parent.parent), with_content=False)
    if joined.problems:
        return joined.problems
    return check_machine(joined.machine, joined.places)


def machine_file_for(flow_file: Path, machine_name: str) -> Path:
    return flow_file.parent.parent / "state_machines" / f"{machine_name}.yaml"


def load_flow(flow_file: Path) -> Flow:
    """Load and check one flow pair, or raise FlowInvalid listing every problem."""
    cdoc = _read(flow_file)
    _mapping(cdoc)
    try:
        content = FlowContent.model_validate(cdoc.data)
    except ValidationError as exc:
        invalid = problems_from(exc, cdoc, CONTENT_MODELS)
        machine_name = cdoc.data.get("machine")
        if isinstance(machine_name, str):
            machine_file = machine_file_for(flow_file, machine_name)
            if machine_file.exists():
                invalid += check_machine_file(machine_file)
        raise FlowInvalid(invalid) from None
    problems: list[Problem] = []
    if content.flow != flow_file.stem:
        problems.append(
            Problem(
                cdoc.path,
                cdoc.line_of(("flow",)),
                f"flow id '{content.flow}' differs from the file name '{flow_file.stem}'; "
                "make them the same",
            )
        )
    machine_file = machine_file_for(flow_file, content.machine)
    if not machine_file.exists():
        problems.append(
            Problem(
                cdoc.path,
                cdoc.line_of(("machine",)),
                f"machine '{content.machine}' has no file {machine_file}; "
                "create it or fix the name",
            )
        )
        raise FlowInvalid(problems)
    machine, mdoc = load_machine(machine_file)
    search = block_search(flow_file.parent.parent)
    joined = join_machine(machine, mdoc, search)
    content, cplaces, content_problems = join_content(content, cdoc, joined)
    try:
        content, follow_up_problems = join_follow_up(content, cplaces, search)
    except FlowInvalid as exc:
        follow_up_problems = exc.problems
    problems += joined.problems + content_problems + follow_up_problems
    if problems:
        raise FlowInvalid(problems)
    flow = Flow.build(content, joined.machine, flow_file, machine_file)
    problems += check_pair(content, cplaces, joined.machine, joined.places, flow)
    problems += check_makes(content, cplaces, flow)
    if not problems:
        problems = check_rendering(flow, cplaces)
    if problems:
        raise FlowInvalid(problems)
    return flow


def flow_files(folder: Path) -> list[Path]:
    return sorted((folder / "flows").glob("*.yaml"))


def load_folders(folders: list[Path], *, first_is_shipped: bool = True) -> Catalogue:
    """Load every flow of every folder; an added flow may not replace a shipped one."""
    catalogue = Catalogue()
    origin: dict[str, tuple[Path, int]] = {}
    for number, folder in enumerate(folders):
        for file in flow_files(folder):
            catalogue.checked += 1
            try:
                flow = load_flow(file)
            except FlowInvalid as exc:
                catalogue.problems.extend(exc.problems)
                continue
            if flow.id in catalogue.flows:
                first_file, first_folder = origin[flow.id]
                owner = "a shipped flow" if first_is_shipped and first_folder == 0 else "a flow"
                catalogue.problems.append(
                    Problem(
                        str(file),
                        1,
                        f"flow id '{flow.id}' is already used by {owner} ({first_file}); "
                        "rename this flow",
                    )
                )
                continue
            catalogue.flows[flow.id] = flow
            origin[flow.id] = (file, number)
    return catalogue
