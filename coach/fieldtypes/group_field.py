"""``group``: a list of records (supporters: name, relationship, role...), each record the
group's ``fields``; up to 50 of them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer, SpecProblem, made_up

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

MAX_ROWS = 50


def row_name(spec: FieldSpec, row: Mapping[str, Any]) -> str:
    """The row's first part as typed (a behaviour, a name), so a message says which row."""
    words = row.get(spec.fields[0].id) if spec.fields else None
    if not isinstance(words, str) or not words.strip():
        return ""
    words = words.strip()
    return f" ({words if len(words) <= 40 else words[:39] + '…'})"


class GroupKind(FieldKind):
    name = "group"
    takes_fields = True

    def parse(
        self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]
    ) -> list[dict[str, Any]] | None:
        from coach.fields import normalise_record

        rows = raw if isinstance(raw, list) else [raw]
        if not rows:
            return None
        if len(rows) > MAX_ROWS:
            raise InvalidAnswer(f"Please keep this to {MAX_ROWS} entries or fewer.")
        result: list[dict[str, Any]] = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                parts = ", ".join(sub.id for sub in spec.fields)
                raise InvalidAnswer(f"Entry {number} should have: {parts}.")
            try:
                clean = normalise_record(spec.fields, row, today=today, case=case)
            except InvalidAnswer as exc:
                raise InvalidAnswer(f"Entry {number}{row_name(spec, row)}: {exc}") from None
            if clean:
                result.append(clean)
        return result

    def show(self, spec: FieldSpec, value: Any) -> Any:
        subs = {sub.id: sub for sub in spec.fields}
        return [
            {key: subs[key].kind.show(subs[key], item) for key, item in row.items() if key in subs}
            for row in value
        ]

    def as_text(self, spec: FieldSpec, value: Any) -> str:
        return "\n".join(
            " · ".join(sub.kind.as_text(sub, row[sub.id]) for sub in spec.fields if sub.id in row)
            for row in value
        )

    def check(self, spec: FieldSpec, problem: SpecProblem) -> None:
        if not spec.fields:
            problem((), f"group '{spec.id}' needs 'fields' (the parts of each entry)")
        sub_ids = [sub.id for sub in spec.fields]
        for duplicate in sorted({s for s in sub_ids if sub_ids.count(s) > 1}):
            problem(("fields",), f"group '{spec.id}' uses '{duplicate}' twice")
        for number, sub in enumerate(spec.fields):
            if sub.kind.takes_fields:
                problem(("fields", number), "a group cannot hold another group; flatten it")

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        if operator not in ("gte", "lte") or not all(isinstance(v, int) for v in values):
            return "a group can be tested with answered, or gte/lte on its number of entries"
        return None

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        row = {sub.id: made_up(sub, generous, case) for sub in spec.fields}
        return [{key: value for key, value in row.items() if value is not None}]
