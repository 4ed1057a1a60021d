"""What every field type is asked (``FieldKind``), with the answers most types give."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

# Reports a problem with a field's own keys: where (() for the field) and the message.
SpecProblem = Callable[[tuple[str | int, ...], str], None]
COMPARING = ("equals", "in", "gte", "lte")


class InvalidAnswer(ValueError):
    """An answer that does not fit its field; the text is shown to the caregiver."""


class FieldKind:
    """One field type. Subclasses set ``name`` and override what differs; ``known()`` lists
    one instance of each (the registry in ``coach.fieldtypes`` collects them)."""

    name: ClassVar[str]
    # Which of a field's keys fit this type: choices (choices, choices_from, other), a range
    # (min, max), and sub-fields (fields).
    takes_choices: ClassVar[bool] = False
    takes_range: ClassVar[bool] = False
    takes_fields: ClassVar[bool] = False
    # Answered by typing (not by a pick), so text typed and not yet sent is kept as a draft.
    typed: ClassVar[bool] = False
    _known: ClassVar[list[FieldKind]] = []

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        if "name" in cls.__dict__:
            FieldKind._known.append(cls())

    @staticmethod
    def known() -> list[FieldKind]:
        return list(FieldKind._known)

    def __repr__(self) -> str:
        return f"<field type {self.name}>"

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> Any:
        """The stored form of ``raw`` (never empty: the caller handles a missing answer), or
        None when it holds nothing (an empty list). Raises InvalidAnswer with a plain message."""
        raise NotImplementedError

    def show(self, spec: FieldSpec, value: Any) -> Any:
        """The value as people read it (labels, words for dates); lists stay lists so
        templates can lay them out."""
        return value

    def as_text(self, spec: FieldSpec, value: Any) -> str:
        """One line (or a few) of plain text, for the transcript, summaries and the CLI."""
        shown = self.show(spec, value)
        if isinstance(shown, bool):
            return "Yes" if shown else "No"
        if isinstance(shown, list):
            return ", ".join(str(item) for item in shown)
        return str(shown)

    def check(self, spec: FieldSpec, problem: SpecProblem) -> None:
        """What a flow file must say for a field of this type (beyond the keys that fit it),
        e.g. a scale's ends; each problem with the key it concerns."""

    def needs_example(self, spec: FieldSpec) -> bool:
        """Whether the field must show an example answer (one that meets its rules)."""
        return False

    def operand_problem(self, spec: FieldSpec, operator: str, values: list[Any]) -> str | None:
        """What is wrong with a condition comparing this field with ``values`` (the operand,
        as a list), or None. ``answered`` never reaches here."""
        if operator in ("gte", "lte") or not all(isinstance(v, str) for v in values):
            return "compare text with equals, in or contains and a quoted text value"
        return None

    def sample(self, spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
        """A made-up answer that fits (to render a flow's templates before anyone walks it):
        the richer one, or the sparer one."""
        return "An example answer written out in a few plain words"


def made_up(spec: FieldSpec, generous: bool, case: Mapping[str, Any]) -> Any:
    """A made-up answer for any field: its example (generous), none for an optional field
    (sparing), else what its type makes up."""
    if not generous and not spec.required:
        return None
    if generous and spec.example is not None:
        return spec.example
    return spec.kind.sample(spec, generous, case)
