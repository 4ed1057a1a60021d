"""The set of flows a face works with, and the problems of those that could not load.

Kept apart from the loader so that reading the cache of validated flows, as every start of
the app does, needs none of the checking code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import NotFoundError

if TYPE_CHECKING:
    from coach.flowformat.flow import Flow
    from coach.flowformat.problems import Problem


@dataclass
class Catalogue:
    """The flows that loaded, and the problems of those that did not."""

    flows: dict[str, Flow] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0

    def get(self, flow_id: str) -> Flow:
        flow = self.flows.get(flow_id)
        if flow is not None:
            return flow
        broken = [p for p in self.problems if Path(p.file).stem == flow_id]
        if broken:
            raise NotFoundError(
                f"flow '{flow_id}' has problems and cannot be used: {broken[0]} "
                "(run 'coach validate' for all of them)"
            )
        known = ", ".join(sorted(self.flows)) or "none"
        raise NotFoundError(f"no flow called '{flow_id}'; the flows are: {known}")
