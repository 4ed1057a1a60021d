"""``text``: a short answer in a line or two (500 characters at most)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer
from coach.plain_text import clean_text

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

SHORT_TEXT_LIMIT = 500


def read_text(raw: Any, *, limit: int = SHORT_TEXT_LIMIT, one_line: bool = False) -> str:
    """Text as typed, cleaned (``one_line``: its spaces and line breaks made single spaces)."""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InvalidAnswer("Please write this as text.")
    text = clean_text(str(raw)).strip()
    if one_line:
        text = " ".join(text.split())
    if len(text) > limit:
        raise InvalidAnswer(
            f"That is {len(text):,} characters; please keep it under {limit:,} "
            "(a few sentences are plenty here)."
        )
    return text


class TextKind(FieldKind):
    name = "text"
    typed = True
    limit: ClassVar[int] = SHORT_TEXT_LIMIT
    one_line: ClassVar[bool] = True

    def parse(self, spec: FieldSpec, raw: Any, today: date, case: Mapping[str, Any]) -> str:
        return read_text(raw, limit=self.limit, one_line=self.one_line)

    def needs_example(self, spec: FieldSpec) -> bool:
        """A pattern or a minimum length is easier to meet with an example to follow."""
        rules = spec.validate_
        return bool(rules and (rules.pattern or rules.min_length))
