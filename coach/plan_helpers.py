"""What plan templates call instead of working things out themselves.

A template only lays out text: sorting, filtering, sums and tables of words are Python here,
or data in the flow file (its ``words``), so that a flow's wording can be revised or
translated without reading a small program. Two kinds of help:

- values in every template's context: ``baskets`` (the priorities sorted into the three
  baskets and the concerns), ``own_words`` (what was typed as "something else"), ``entries``
  (each row of a group answer as stored and as shown) and ``words`` (the flow's word tables);
- filters: ``sentence`` (coach.phrases), ``worded``, ``full_stop``, ``time_after``,
  ``in_order``, ``grouped``, ``by_value`` and ``named``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach.phrases import sentence

if TYPE_CHECKING:
    from coach.flowformat.flow import Flow

CONCERN_BASKETS = ("concern_self_harm", "concern_exploitation", "concern_missing")
# A behaviour to resist is something one can see or hear: a few words at least.
FEWEST_WORDS = 3


@dataclass(frozen=True)
class Baskets:
    """Priorities sorted: the three baskets, and the concerns that belong in none of them.

    ``worrying`` are top-basket behaviours that sound like a safeguarding concern,
    ``to_resist`` the others, and ``unclear`` those of them too short or reading like a label,
    not a behaviour."""

    top: list[Mapping[str, Any]] = field(default_factory=list)
    middle: list[Mapping[str, Any]] = field(default_factory=list)
    let_go: list[Mapping[str, Any]] = field(default_factory=list)
    concerns: list[Mapping[str, Any]] = field(default_factory=list)
    concern_kinds: list[str] = field(default_factory=list)
    worrying: list[str] = field(default_factory=list)
    to_resist: list[str] = field(default_factory=list)
    unclear: list[str] = field(default_factory=list)

    @property
    def top_is_clear(self) -> bool:
        """Every top behaviour is concrete and none sounds like a concern."""
        return not self.worrying and not self.unclear


def baskets(rows: Iterable[Any]) -> Baskets:
    from coach.advice import looks_like

    records = [row for row in rows if isinstance(row, Mapping)]

    def basket(name: str) -> list[Mapping[str, Any]]:
        return [row for row in records if row.get("basket") == name]

    top = basket("top")
    concerns = [row for row in records if row.get("basket") in CONCERN_BASKETS]
    worrying: list[str] = []
    to_resist: list[str] = []
    unclear: list[str] = []
    for row in top:
        behaviour = str(row.get("behaviour") or "")
        if looks_like("concern_like", behaviour):
            worrying.append(behaviour)
            continue
        to_resist.append(behaviour)
        if len(behaviour.split()) < FEWEST_WORDS or looks_like("label_like", behaviour):
            unclear.append(behaviour)
    return Baskets(
        top=top,
        middle=basket("middle"),
        let_go=basket("let_go"),
        concerns=concerns,
        concern_kinds=[row["basket"] for row in concerns],
        worrying=worrying,
        to_resist=to_resist,
        unclear=unclear,
    )


def own_words(flow: Flow, answers: Mapping[str, Any]) -> dict[str, list[str]]:
    """For each answered choice field, what was typed as "something else" (in order)."""
    found: dict[str, list[str]] = {}
    for field_id, value in answers.items():
        spec = flow.fields.get(field_id)
        if spec is None or not spec.kind.takes_choices:
            continue
        offered = {choice.value for choice in spec.choices}
        items = value if isinstance(value, list) else [value]
        found[field_id] = [item for item in items if isinstance(item, str) and item not in offered]
    return found


@dataclass(frozen=True)
class Entry:
    """One row of a group answer: as stored (``raw``: dates sort, values compare) and as
    people read it (``shown``)."""

    raw: Mapping[str, Any]
    shown: Mapping[str, Any]


def entries(flow: Flow, answers: Mapping[str, Any]) -> dict[str, list[Entry]]:
    from coach.fields import display

    found: dict[str, list[Entry]] = {}
    for field_id, value in answers.items():
        spec = flow.fields.get(field_id)
        if spec is not None and spec.kind.takes_fields and isinstance(value, list):
            shown = display(spec, value)
            found[field_id] = [Entry(r, s) for r, s in zip(value, shown, strict=True)]
    return found


def prepared(flow: Flow, answers: Mapping[str, Any], case: Mapping[str, Any]) -> dict[str, Any]:
    """The values every template of ``flow`` can read besides its answers and the case.

    ``baskets`` sorts the priorities of this flow's own question, if it asks one, or else
    the case's."""
    asked = "priorities" in flow.fields
    rows = answers.get("priorities") if asked else case.get("priorities")
    return {
        "baskets": baskets(rows or []),
        "own_words": own_words(flow, answers),
        "entries": entries(flow, answers),
        "words": flow.content.words,
    }


def worded(values: Iterable[Any] | None, table: Mapping[str, str]) -> list[str]:
    """Each value in the words a plan uses for it (``table``, one of the flow's ``words``);
    a value the table has no words for (typed as "something else") stays as it is."""
    return [table.get(value, value) for value in values or []]


def full_stop(text: Any) -> str:
    """Text that ends a sentence: trimmed, with a full stop unless it has its own ending."""
    trimmed = str(text or "").strip()
    return trimmed if not trimmed or trimmed[-1] in ".!?" else f"{trimmed}."


def time_after(start: str, minutes: int) -> str:
    """The time of day ``minutes`` after ``start`` (HH:MM), past midnight if need be."""
    hours, mins = (int(part) for part in start.split(":"))
    later = hours * 60 + mins + int(minutes)
    return f"{later // 60 % 24:02d}:{later % 60:02d}"


def in_order(rows: Iterable[Any], key: str) -> list[Any]:
    """Rows sorted by one of their values (a stored date or time sorts as written); rows
    without it come last. A row may be a record, or an entry with ``raw`` values."""

    def value(row: Any) -> tuple[bool, str]:
        record = getattr(row, "raw", row)
        found = record.get(key) if isinstance(record, Mapping) else None
        return (found is None, str(found))

    return sorted(rows, key=value)


def grouped(rows: Iterable[Any], key: str) -> list[tuple[Any, list[Any]]]:
    """Rows gathered by one of their values, in the order each value first appears."""
    groups: dict[Any, list[Any]] = {}
    for row in rows:
        record = getattr(row, "raw", row)
        groups.setdefault(record.get(key) if isinstance(record, Mapping) else None, []).append(row)
    return list(groups.items())


@dataclass(frozen=True)
class ByValue:
    """Rows gathered under each value of a table: ``filled`` pairs each value's words with
    the names of the rows that hold it, ``unfilled`` lists the words no row holds."""

    filled: list[tuple[str, list[str]]]
    unfilled: list[str]


def by_value(rows: Iterable[Any] | None, key: str, table: Mapping[str, str]) -> ByValue:
    """For each value of ``table`` (in its order), the names of the rows whose ``key`` holds
    it, e.g. which supporters could take each role."""
    records = [row for row in rows or [] if isinstance(row, Mapping)]
    filled: list[tuple[str, list[str]]] = []
    unfilled: list[str] = []
    for value, words in table.items():
        names = [
            str(row.get("name"))
            for row in records
            if value == row.get(key) or value in (row.get(key) or [])
        ]
        if names:
            filled.append((words, names))
        else:
            unfilled.append(words)
    return ByValue(filled, unfilled)


def named(records: Iterable[Any] | None, name: Any) -> Mapping[str, Any] | None:
    """The first record of a case list with this name (a supporter, an adult), if any."""
    for record in records or []:
        if isinstance(record, Mapping) and record.get("name") == name:
            return record
    return None


FILTERS: dict[str, Callable[..., Any]] = {
    "sentence": sentence,
    "worded": worded,
    "full_stop": full_stop,
    "time_after": time_after,
    "in_order": in_order,
    "grouped": grouped,
    "by_value": by_value,
    "named": named,
}
