"""Checks of each field on its own: its type and what fits it, its choices, its case key, its
patterns, its example, and the words shown exactly as written (never filled in)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from coach.fields import InvalidAnswer, normalise
from coach.flowformat.content import FieldSpec, FlowContent
from coach.flowformat.flow import Flow
from coach.patterns import pattern_problem

# The field type each case key keeps: a name is text, every list is a group.
CASE_FIELD_TYPES = {
    "name": {"text"},
    "adults": {"group"},
    "supporters": {"group"},
    "contacts": {"group"},
    "priorities": {"group"},
    "concerns": {"group"},
    "goals": {"group"},
    "phone_list": {"group"},
}
_EXAMPLE_TODAY = date(2026, 1, 1)
_TEMPLATE_MARK = re.compile(r"\{\{|\{%")


def check_fields(content: FlowContent, flow: Flow, add: Any) -> None:
    seen: dict[str, str] = {}
    for state, block in content.states.items():
        for j, spec in enumerate(block.fields):
            where = ("states", state, "fields", j)
            if spec.id in seen:
                add(
                    (*where, "id"),
                    f"field id '{spec.id}' is already used in '{seen[spec.id]}'; "
                    "field ids must be unique in a flow",
                )
            seen.setdefault(spec.id, state)
            check_field(spec, where, add)


def _shown_as_written(spec: FieldSpec) -> list[tuple[tuple[Any, ...], str]]:
    """The words of a field shown exactly as written, never filled in as a template."""
    found: list[tuple[tuple[Any, ...], str | None]] = [
        (("label",), spec.label),
        (("hint",), spec.hint),
        (("min_label",), spec.min_label),
        (("max_label",), spec.max_label),
        (("validate", "message"), spec.validate_.message if spec.validate_ else None),
    ]
    found += [(("choices", k, "label"), c.label) for k, c in enumerate(spec.choices)]
    found += [(("warn", k, "message"), w.message) for k, w in enumerate(spec.warn)]
    return [(key, text) for key, text in found if text]


def check_field(spec: FieldSpec, where: tuple[Any, ...], add: Any) -> None:
    """A field's keys: those that fit its type, what its type needs, its sub-fields, the
    case key it keeps, its patterns and its example."""
    kind, type_name = spec.kind, spec.type
    for key, text in _shown_as_written(spec):
        if _TEMPLATE_MARK.search(text):
            add(
                (*where, *key),
                f"'{spec.id}' {key[0].replace('_', ' ')} is shown as written, so '{{{{' or "
                "'{%' would show raw; write the words out, or say it in the step's 'say'",
            )
    if spec.choices_filter and not spec.choices_from:
        add(where, f"'{spec.id}' has 'choices_filter' but no 'choices_from' to filter")
    if not kind.takes_choices and (spec.choices or spec.choices_from or spec.other):
        add(
            where,
            f"'{spec.id}' is a {type_name} field; 'choices', 'choices_from' and 'other' fit only "
            "choice and multi_choice",
        )
    values = [c.value for c in spec.choices]
    for duplicate in sorted({v for v in values if values.count(v) > 1}):
        add((*where, "choices"), f"choice value '{duplicate}' appears twice in '{spec.id}'")
    if not kind.takes_range and (spec.min is not None or spec.max is not None):
        add(where, f"'min'/'max' fit only number and scale fields, not {type_name}")
    if not kind.takes_fields and spec.fields:
        add((*where, "fields"), f"'fields' fits only group fields, not {type_name}")
    kind.check(spec, lambda key, message: add((*where, *key), message))
    for k, sub in enumerate(spec.fields):
        if not sub.kind.takes_fields:
            check_field(sub, (*where, "fields", k), add)
    if spec.private_rows is not None:
        sub_ids = {sub.id for sub in spec.fields}
        unknown = sorted(set(spec.private_rows.where) - sub_ids)
        if not kind.takes_fields:
            add((*where, "private_rows"), f"'private_rows' fits only a group, not {type_name}")
        elif unknown:
            add(
                (*where, "private_rows", "where"),
                f"private_rows of '{spec.id}' reads '{unknown[0]}', which is not one of its "
                f"fields ({', '.join(sorted(sub_ids))})",
            )
        if spec.private_rows.case_field and not spec.case_field:
            add(
                (*where, "private_rows", "case_field"),
                f"'{spec.id}' keeps private rows on the case but has no 'case_field' itself",
            )
    if spec.concern is not None and type_name != "yes_no":
        add((*where, "concern"), f"'concern' fits only a yes_no question, not {type_name}")
    if spec.case_field and type_name not in CASE_FIELD_TYPES[spec.case_field]:
        wanted = " or ".join(sorted(CASE_FIELD_TYPES[spec.case_field]))
        add(
            (*where, "case_field"),
            f"case '{spec.case_field}' needs a {wanted} field, not {type_name}",
        )
    rules = spec.validate_
    patterns: list[tuple[tuple[Any, ...], str | None]] = [
        (("validate", "pattern"), rules.pattern if rules else None)
    ]
    patterns += [(("warn", k, "pattern"), w.pattern) for k, w in enumerate(spec.warn)]
    for key, pattern in patterns:
        problem = pattern_problem(pattern) if pattern is not None else None
        if problem is not None:
            add((*where, *key), f"pattern of '{spec.id}' {problem}")
            return
    if spec.example is None:
        if kind.needs_example(spec):
            add(
                where,
                f"'{spec.id}' has a pattern or minimum length, so it needs an 'example' "
                "answer that meets it",
            )
        return
    try:
        normalise(spec, spec.example, today=_EXAMPLE_TODAY)
    except InvalidAnswer as exc:
        add((*where, "example"), f"example for '{spec.id}' is not a valid answer: {exc}")
