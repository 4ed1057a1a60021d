"""``number``: a count, a score or an amount, within the field's ``min`` and ``max``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer
from coach.plain_text import clean_text

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d{1,2}")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")
# Far beyond any count, score or length the flows ask for; keeps stored JSON ordinary.
MAX_NUMBER = 10**12


def number_from(raw: Any) -> float | int:
    """A number as people type it: ``3``, ``2.5``, ``2,5`` (a decimal comma) or ``1,000`` and
    ``1 000`` (thousands). Anything else is refused rather than guessed, so a value is never
    changed on the way in (``1,000`` once became 1)."""
    if isinstance(raw, bool):
        raise InvalidAnswer("Please give a number.")
    if isinstance(raw, int | float):
        number: float | int = raw
    else:
        text = clean_text(str(raw)).strip().replace("\u202f", " ").replace("\xa0", " ")
        if len(text) > 40:
            raise InvalidAnswer("That number is too long; please give a smaller one.")
        if _THOUSANDS.fullmatch(text):
            text = re.sub(r"[, ]", "", text)
        elif _DECIMAL_COMMA.fullmatch(text):
            text = text.replace(",", ".")
        if not _PLAIN_NUMBER.fullmatch(text):
            raise InvalidAnswer("Please give a number, e.g. 3 or 1.5.")
        number = float(text)
    if isinstance(number, int) and abs(number) > MAX_NUMBER:
        raise InvalidAnswer("That number is too large; please give a smaller one.")
    if isinstance(number, float):
        if number != number or abs(number) == float("inf"):
            raise InvalidAnswer("Please give an ordinary number.")
        if abs(number) > MAX_NUMBER:
            raise InvalidAnswer("That number is too large; please give a smaller one.")
        if number.is_integer():
            return int(number)
    return number


def number_operand_problem(operator: str, values: list[Any]) -> str | None:
    """A condition on a number, a scale or a duration compares numbers."""
    if operator == "contains":
        return "contains does not fit numbers; use equals, gte or lte"
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "compare with a number"
    return None


class NumberKind(FieldKind):
    name = "number"
    typed = True
    takes_range = True

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> Any:
        number = number_from(raw)
        if spec.min is not None and number < spec.min:
            raise InvalidAnswer(f"Please give a number of at least {spec.min}.")
        if spec.max is not None and number > spec.max:
            raise InvalidAnswer(f"Please give a number no larger than {spec.max}.")
        return number

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        return number_operand_problem(operator, values)

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        return spec.max if generous and spec.max is not None else spec.min or 1
