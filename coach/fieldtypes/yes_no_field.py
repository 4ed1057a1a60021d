"""``yes_no``: true or false (typed as yes/no, y/n, true/false or 1/0)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


class YesNoKind(FieldKind):
    name = "yes_no"

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> bool:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().casefold()
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise InvalidAnswer("Please answer yes or no.")

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        if operator not in ("equals", "in"):
            return f"use equals true/false, not {operator}"
        if not all(isinstance(v, bool) for v in values):
            return "compare with true or false"
        return None

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        return generous
