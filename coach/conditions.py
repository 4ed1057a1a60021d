"""The declarative condition language, compiled once into plain callables.

Conditions are data in the YAML (``{field: x, equals: true}``, ``all``/``any``/``not``);
nothing is ever evaluated as code. The same compiled tests drive the running session, the
progress look-ahead, the reachability checks and the diagram labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coach.flowformat.machine import Condition


@dataclass(frozen=True)
class Facts:
    """What a condition may read: the answers so far and the case profile."""

    answers: Mapping[str, Any] = field(default_factory=dict)
    case: Mapping[str, Any] = field(default_factory=dict)


Test = Callable[[Facts], bool]


def is_answered(value: Any) -> bool:
    """Empty text, an empty list and None all count as "not answered"."""
    if value is None:
        return False
    if isinstance(value, str | list | tuple | dict):
        return len(value) > 0
    return True


def _names(value: list[Any]) -> list[Any]:
    """Case lists hold records; comparisons look at each record's name."""
    return [item.get("name") if isinstance(item, dict) else item for item in value]


def _equals(value: Any, operand: Any) -> bool:
    if isinstance(value, bool) or isinstance(operand, bool):
        return value is operand
    if isinstance(value, str) and isinstance(operand, str):
        return value.casefold() == operand.casefold()
    return bool(value == operand)


def _in(value: Any, operand: list[Any]) -> bool:
    if isinstance(value, list):
        return any(_in(item, operand) for item in _names(value))
    return any(_equals(value, choice) for choice in operand)


def _contains(value: Any, operand: Any) -> bool:
    if isinstance(value, list):
        return any(_equals(item, operand) for item in _names(value))
    if isinstance(value, str) and isinstance(operand, str):
        return operand.casefold() in value.casefold()
    return False


def _ordered(value: Any, operand: Any) -> tuple[Any, Any] | None:
    if isinstance(value, list) and isinstance(operand, int | float):
        return len(value), operand
    if isinstance(value, bool) or isinstance(operand, bool):
        return None
    if isinstance(value, int | float) and isinstance(operand, int | float):
        return value, operand
    if isinstance(value, str) and isinstance(operand, str):
        return value, operand
    return None


def _gte(value: Any, operand: Any) -> bool:
    pair = _ordered(value, operand)
    return pair is not None and pair[0] >= pair[1]


def _lte(value: Any, operand: Any) -> bool:
    pair = _ordered(value, operand)
    return pair is not None and pair[0] <= pair[1]


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "equals": _equals,
    "in": _in,
    "contains": _contains,
    "gte": _gte,
    "lte": _lte,
}


def compile_condition(condition: Condition) -> Test:
    """Turn a condition tree into one callable, resolving its shape once, not per call."""
    if condition.all is not None:
        parts = [compile_condition(c) for c in condition.all]
        return lambda facts: all(p(facts) for p in parts)
    if condition.any is not None:
        parts = [compile_condition(c) for c in condition.any]
        return lambda facts: any(p(facts) for p in parts)
    if condition.not_ is not None:
        inner = compile_condition(condition.not_)
        return lambda facts: not inner(facts)
    from_case = condition.case is not None
    key: str = condition.case if from_case else condition.field  # type: ignore[assignment]
    operator, operand = condition.operator, condition.operand

    def read(facts: Facts) -> Any:
        return (facts.case if from_case else facts.answers).get(key)

    if operator == "answered":
        wanted = bool(operand)
        return lambda facts: is_answered(read(facts)) is wanted
    compare = _OPERATORS[operator]

    def test(facts: Facts) -> bool:
        value = read(facts)
        return is_answered(value) and compare(value, operand)

    return test


def describe(condition: Condition, labels: Callable[[str, Any], str] | None = None) -> str:
    """A short human reading of a condition, e.g. ``immediate_danger = yes``."""
    show = labels or (lambda _key, value: _show(value))
    if condition.all is not None:
        return " and ".join(_grouped(c, show) for c in condition.all)
    if condition.any is not None:
        return " or ".join(_grouped(c, show) for c in condition.any)
    if condition.not_ is not None:
        return f"not {_grouped(condition.not_, show)}"
    key = condition.field or f"case {condition.case}"
    name = condition.field or condition.case or ""
    operand = condition.operand
    match condition.operator:
        case "answered":
            return f"{key} {'answered' if operand else 'not answered'}"
        case "equals":
            return f"{key} = {show(name, operand)}"
        case "in":
            return f"{key} in {', '.join(show(name, v) for v in operand)}"
        case "contains":
            return f"{key} has {show(name, operand)}"
        case "gte":
            return f"{key} ≥ {show(name, operand)}"
        case _:
            return f"{key} ≤ {show(name, operand)}"


def _grouped(condition: Condition, show: Callable[[str, Any], str]) -> str:
    text = describe(condition, show)
    return f"({text})" if condition.all is not None or condition.any is not None else text


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
