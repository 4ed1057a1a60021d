"""Whether a transition's condition can ever hold, for any answers.

A condition that never holds is valid YAML and reads every field it should, yet its
transition never fires: ``all: [{field: danger, equals: true}, {field: danger, equals:
false}]`` or ``{field: heat, gte: 11}`` on a scale of 0 to 10. On a safety check's way to its
stop, that is a flow that can never stop for safety, and nothing else would say so.

Questions with few possible answers (yes or no, one choice, a scale) are tried with each
answer, and with none. A test on any other question, or on the case, is taken as free to be
true or false on its own: that can only find a condition possible that is not, never the
other way round, so whatever is reported is certain.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from math import prod
from typing import Any

from coach.conditions import Facts, Test, compile_condition
from coach.flowformat.content import FieldSpec
from coach.flowformat.machine import Condition

# Past this many combinations the condition is taken as possible, untried.
MAX_TRIES = 4096
_WIDEST = 100  # answers of a scale tried one by one


def answers_possible(spec: FieldSpec) -> list[Any] | None:
    """Every answer this question can have, None (not answered) among them, when there are
    few; None when its answer is open (text, numbers, dates, lists)."""
    if spec.type == "yes_no":
        return [True, False, None]
    if spec.type == "choice" and not spec.other and not spec.choices_from:
        return [choice.value for choice in spec.choices] + [None]
    low, high = spec.min, spec.max
    if spec.type == "scale" and low is not None and high is not None and high - low <= _WIDEST:
        return [*range(low, high + 1), None]
    return None


def can_hold(condition: Condition, fields: dict[str, FieldSpec]) -> bool:
    """Whether some answers make ``condition`` hold (see the module's docstring)."""
    tried: dict[str, list[Any]] = {}
    tests: dict[int, Test] = {}  # each tried atom compiled once, not at every try
    free: list[Condition] = []
    for atom in _atoms(condition):
        spec = fields.get(atom.field) if atom.field is not None else None
        answers = answers_possible(spec) if spec is not None else None
        if atom.field is not None and answers is not None:
            tried[atom.field] = answers
            tests[id(atom)] = compile_condition(atom)
        else:
            free.append(atom)
    if prod(len(answers) for answers in tried.values()) * 2 ** len(free) > MAX_TRIES:
        return True
    for values in product(*tried.values()):
        facts = Facts(answers=dict(zip(tried, values, strict=True)))
        for bits in product((False, True), repeat=len(free)):
            chosen = {id(atom): bit for atom, bit in zip(free, bits, strict=True)}
            if _holds(condition, facts, tests, chosen):
                return True
    return False


def _atoms(condition: Condition) -> Iterator[Condition]:
    for part in (*(condition.all or []), *(condition.any or [])):
        yield from _atoms(part)
    if condition.not_ is not None:
        yield from _atoms(condition.not_)
    if condition.field is not None or condition.case is not None:
        yield condition


def _holds(
    condition: Condition, facts: Facts, tests: dict[int, Test], free: dict[int, bool]
) -> bool:
    if condition.all is not None:
        return all(_holds(part, facts, tests, free) for part in condition.all)
    if condition.any is not None:
        return any(_holds(part, facts, tests, free) for part in condition.any)
    if condition.not_ is not None:
        return not _holds(condition.not_, facts, tests, free)
    if id(condition) in free:
        return free[id(condition)]
    return tests[id(condition)](facts)
