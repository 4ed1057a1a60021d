"""The field types, one module each: how an answer of that type is read, checked and shown,
what a flow file may say about such a field, and what a made-up answer looks like.

A module here (``NAME_field.py``) that defines a ``FieldKind`` subclass with a ``name`` adds
that type; the flow format, the engine, the checks and the exports all ask this registry. The
app's input for it is one widget in ``coach/tui/widgets/`` that names the type in ``answers``.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TYPE_CHECKING

from coach.fieldtypes.field_kind import FieldKind, InvalidAnswer, made_up

if TYPE_CHECKING:
    from coach.flowformat.content import FieldSpec

__all__ = ["FieldKind", "InvalidAnswer", "kind_of", "kinds", "made_up"]


@cache
def kinds() -> dict[str, FieldKind]:
    """Every field type by name, in the order of their modules' names."""
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
    return {kind.name: kind for kind in sorted(FieldKind.known(), key=lambda k: k.name)}


def kind_of(spec: FieldSpec | str) -> FieldKind:
    """The type of a field (or the type of this name)."""
    return kinds()[spec if isinstance(spec, str) else spec.type]
