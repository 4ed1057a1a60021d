"""Lists inside a sentence: "a sit-in and messages from supporters", "Jo and Chris".

A multiple choice is shown by its choices' labels, written to stand alone ("A sit-in",
"Messages from supporters"). Inside a sentence, a label after the first drops its capital;
a name, or words the person typed, keep theirs, since only the coach's own labels are
known to be ordinary words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class ChoiceLabel(str):
    """A choice's label as the flow wrote it (so its first letter may be lowered)."""

    __slots__ = ()


def in_sentence(label: str) -> str:
    """A label as it reads after the start of a sentence: "Messages from supporters" is
    "messages from supporters"; "I argued", "TV time" and "Ana" stay as they are."""
    first = label.split(" ", 1)[0]
    if not isinstance(label, ChoiceLabel) or first == "I" or first.startswith("I'"):
        return str(label)
    if len(first) > 1 and not first[1:].islower():
        return str(label)  # an acronym or a name written in capitals
    return label[:1].lower() + label[1:]


def sentence(items: Iterable[Any], conjunction: str = "and") -> str:
    """Items joined as a sentence reads: "a, b and c" ("a; b; and c" when an item before the
    last has a comma of its own: a comma in the last one reads as part of it, as in "our
    school and our GP, Dr Okafor"); the first keeps its capital, the rest as ``in_sentence``
    says."""
    words = [str(item) if i == 0 else in_sentence(item) for i, item in enumerate(items or [])]
    if len(words) < 2:
        return "".join(words)
    if any("," in word for word in words[:-1]):
        return f"{'; '.join(words[:-1])}; {conjunction} {words[-1]}"
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def sentence_start(text: str) -> str:
    """A clause written to follow "coach: note: " (or a file's name) as it starts a message of
    its own: its first letter a capital."""
    return text[:1].upper() + text[1:]
