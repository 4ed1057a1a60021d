"""The flows: what is on offer, checking flow files, and drawing one.

Listing and the home screen's cards come from the cache of validated flows, so no flow
models are built until a flow starts; ``validate`` without paths reads the same cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError
from coach.services.workspace import UseCase

if TYPE_CHECKING:
    from coach.flow_info import FlowCard
    from coach.flowformat.catalogue import Catalogue
    from coach.flowformat.flow import Flow
    from coach.flowformat.problems import Problem


@dataclass(frozen=True)
class Validation:
    problems: list[Problem]
    checked: int


class Flows(UseCase):
    @property
    def listing(self) -> list[dict[str, Any]]:
        """Each flow as plain data (``coach flows --json``), in the order NVR work takes."""
        return list(self._workspace.flow_cache.listing)

    @property
    def skipped(self) -> list[str]:
        """One ``FILE:LINE: message`` for each flow that could not be loaded."""
        return [f"{file}:{line}: {message}" for file, line, message in self._problem_items]

    @property
    def _problem_items(self) -> list[tuple[str, int, str]]:
        return [tuple(item) for item in self._workspace.flow_cache.problems]  # type: ignore[misc]

    @property
    def own_folder(self) -> Path | None:
        """The folder of the user's own flows named with ``--flows``, if any."""
        if self._workspace.flows_option is None:
            return None
        return self._workspace.flow_folders[-1]

    @property
    def cards(self) -> dict[str, FlowCard]:
        """What home and the palette show of each flow; needs no flow models."""
        return self._workspace.cards

    @property
    def catalogue(self) -> Catalogue:
        """The flows as models: loaded the first time a flow is started or resumed."""
        return self._workspace.catalogue

    def get(self, flow_id: str) -> Flow:
        return self._workspace.catalogue.get(flow_id)

    def diagram(self, flow_id: str) -> str:
        """The flow as a Mermaid ``stateDiagram-v2``."""
        from coach.diagram import mermaid

        return mermaid(self.get(flow_id))

    def validate(self, paths: list[Path], *, fresh: bool = False) -> Validation:
        """Check flow files, machine files or folders (all known flows without paths; those
        unchanged since the last check come from the cache unless ``fresh``)."""
        from coach.flowformat.problems import Problem

        if not paths and not fresh:
            return Validation(
                sorted({Problem(*item) for item in self._problem_items}),
                self._workspace.flow_cache.checked,
            )
        from coach.flowformat.loader import check_machine_file, load_flow, load_folders
        from coach.flowformat.problems import FlowInvalid

        problems: list[Problem] = []
        checked = 0
        if not paths:
            catalogue = load_folders(self._workspace.flow_folders)
            problems, checked = catalogue.problems, catalogue.checked
        for path in paths:
            if path.is_dir():
                if not (path / "flows").is_dir():
                    raise CoachError(
                        f"{path}: expected a folder holding flows/ and state_machines/"
                    )
                found = load_folders([path], first_is_shipped=False)
                problems += found.problems
                checked += found.checked
            elif not path.exists():
                raise CoachError(f"{path}: no such file or folder")
            elif path.parent.name == "state_machines":
                problems += check_machine_file(path)
            else:
                checked += 1
                try:
                    load_flow(path)
                except FlowInvalid as exc:
                    problems += exc.problems
        return Validation(sorted(set(problems)), checked)
