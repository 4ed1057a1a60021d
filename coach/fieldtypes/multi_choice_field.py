"""``multi_choice``: any number of the choices (a list, in the order picked)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.choice_field import ChoiceKind, choice_value, shown_choice

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec


class MultiChoiceKind(ChoiceKind):
    name = "multi_choice"

    def parse(
        self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]
    ) -> list[str] | None:
        items = raw if isinstance(raw, list | tuple) else [raw]
        if not items:
            return None
        picked: list[str] = []
        for item in items:
            value = choice_value(spec, item, case)
            if value and value not in picked:
                picked.append(value)
        return picked

    def show(self, spec: FieldSpec, value: Any) -> Any:
        return [shown_choice(spec, v) for v in value]

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        if operator == "equals":
            return "a multiple choice holds a list; use contains or in"
        return super().operand_problem(spec, operator, values)

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        return [super().sample(spec, generous, case)]
