"""Which input widget answers which field type; screens ask here for the right one.

Each widget names the type it answers (``FieldInput.answers``); every module in this package
is read once, so a new type's widget is found without being listed anywhere.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from functools import cache
from typing import Any

import coach.tui.widgets
from coach.flowformat.content import Choice, FieldSpec
from coach.tui.widgets.base import FieldInput


@cache
def widgets() -> dict[str, type[FieldInput]]:
    """The input widget of each field type."""
    package = coach.tui.widgets
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return FieldInput.answering()


def input_for(
    spec: FieldSpec,
    *,
    value: Any,
    choices: list[Choice],
    today: date,
    case: dict[str, Any],
    id: str | None = None,
) -> FieldInput:
    """The widget that answers ``spec``, filled with ``value``."""
    widget = widgets()[spec.type]
    return widget(
        spec,
        value=value,
        choices=choices,
        today=today,
        case=case,
        id=id,
        classes=f"field-input field-{spec.type}",
    )
