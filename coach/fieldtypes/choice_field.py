"""``choice``: one of the field's choices, or of a case list (supporters, priorities...), or
words of the person's own when the field allows ``other``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer, SpecProblem
from coach.fieldtypes.text_field import read_text
from coach.phrases import ChoiceLabel
from coach.plain_text import clean_text

if TYPE_CHECKING:
    from coach.flowformat.content import Choice, FieldSpec

# What names an entry of each case list: a person's name, or a priority's behaviour.
CASE_LIST_LABEL = {"priorities": "behaviour", "goals": "goal"}


def shown_choice(spec: FieldSpec, value: Any) -> Any:
    """A choice of the flow's own as its label (which may drop its capital in a sentence);
    a name from a case list or words of the person's own, as they are."""
    own = any(choice.value == value for choice in spec.choices)
    return ChoiceLabel(spec.choice_label(value)) if own else value


def matches(row: Mapping[str, Any], where: Mapping[str, Any] | None) -> bool:
    """Whether a record has these values; a list in ``where`` matches any of its values."""
    return not where or all(
        row.get(key) in value if isinstance(value, list) else row.get(key) == value
        for key, value in where.items()
    )


def choices_for(field: FieldSpec, case: Mapping[str, Any]) -> list[Choice]:
    """The field's own choices, or entries of a case list (supporters, top priorities...)."""
    from coach.flowformat.content import Choice

    if field.choices_from is None:
        return list(field.choices)
    key = CASE_LIST_LABEL.get(field.choices_from, "name")
    names: list[str] = []
    for item in case.get(field.choices_from) or []:
        if isinstance(item, dict) and not matches(item, field.choices_filter):
            continue
        name = item.get(key) if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and name not in names:
            names.append(name)
    return [Choice(value=n, label=n) for n in names]


def choice_value(field: FieldSpec, raw: Any, case: Mapping[str, Any]) -> str:
    """One pick: a choice's value (given as its value, its label, or its value in any case),
    or the person's own words where the field allows them."""
    choices = choices_for(field, case)
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InvalidAnswer("Please pick one of the options.")
    text = clean_text(str(raw)).strip()
    for choice in choices:
        if text in (choice.value, choice.label) or text.casefold() == choice.value.casefold():
            return choice.value
    if field.other or field.choices_from:
        return read_text(text)
    options = ", ".join(c.value for c in choices) or "none yet"
    raise InvalidAnswer(f"That is not one of the options ({options}).")


class ChoiceKind(FieldKind):
    name = "choice"
    takes_choices = True

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> Any:
        return choice_value(spec, raw, case)

    def show(self, spec: FieldSpec, value: Any) -> Any:
        return shown_choice(spec, value)

    def check(self, spec: FieldSpec, problem: SpecProblem) -> None:
        if not spec.choices and spec.choices_from is None:
            problem(
                (),
                f"'{spec.id}' is a {spec.type} field with no choices; add 'choices' or "
                "'choices_from'",
            )

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        if operator in ("gte", "lte"):
            return f"{operator} does not fit choices; use equals, in or contains"
        allowed = {c.value for c in spec.choices}
        open_ended = spec.other or spec.choices_from is not None
        wrong = [
            v for v in values if not isinstance(v, str) or (v not in allowed and not open_ended)
        ]
        if wrong:
            return f"{wrong[0]!r} is not one of its choices ({', '.join(sorted(allowed))})"
        return None

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        values = [c.value for c in choices_for(spec, case)] or ["something else"]
        return values[0] if generous else values[-1]
