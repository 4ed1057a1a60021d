"""``scale``: a whole number from ``min`` to ``max``, each end explained by its label."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer, SpecProblem
from coach.fieldtypes.number_field import number_from, number_operand_problem

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec


class ScaleKind(FieldKind):
    name = "scale"
    takes_range = True

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> int:
        number = number_from(raw)
        low, high = spec.min or 0, spec.max if spec.max is not None else 10
        if not float(number).is_integer() or not low <= number <= high:
            raise InvalidAnswer(f"Please choose a whole number from {low} to {high}.")
        return int(number)

    def as_text(self, spec: FieldSpec, value: Any) -> str:
        return f"{value} (on a scale of {spec.min or 0} to {spec.max})"

    def check(self, spec: FieldSpec, problem: SpecProblem) -> None:
        if spec.min is None or spec.max is None or spec.min >= spec.max:
            problem(
                (), f"scale '{spec.id}' needs 'min' and 'max' with min below max, e.g. 0 and 10"
            )
        if not spec.min_label or not spec.max_label:
            problem((), f"scale '{spec.id}' needs 'min_label' and 'max_label' to explain its ends")

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        return number_operand_problem(operator, values)

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        return spec.max if generous else spec.min
