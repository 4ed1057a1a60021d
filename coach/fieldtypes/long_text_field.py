"""``long_text``: several lines, as long as a letter (10,000 characters at most)."""

from __future__ import annotations

from coach.fieldtypes.text_field import TextKind


class LongTextKind(TextKind):
    name = "long_text"
    typed = True
    limit = 10_000
    one_line = False
