"""Which input widget answers which field type; screens ask here for the right one."""

from __future__ import annotations

from datetime import date
from typing import Any

from coach.flowformat.content import Choice, FieldSpec, FieldType
from coach.tui.widgets.base import FieldInput
from coach.tui.widgets.choice import ChoiceInput, MultiChoiceInput
from coach.tui.widgets.group import GroupEditor
from coach.tui.widgets.scale import ScaleInput
from coach.tui.widgets.text_input import LongTextInput, TextInput
from coach.tui.widgets.typed import DateInput, DurationInput, NumberInput, TimeInput
from coach.tui.widgets.yes_no import YesNoInput

INPUTS: dict[FieldType, type[FieldInput]] = {
    FieldType.TEXT: TextInput,
    FieldType.LONG_TEXT: LongTextInput,
    FieldType.CHOICE: ChoiceInput,
    FieldType.MULTI_CHOICE: MultiChoiceInput,
    FieldType.YES_NO: YesNoInput,
    FieldType.SCALE: ScaleInput,
    FieldType.NUMBER: NumberInput,
    FieldType.DURATION: DurationInput,
    FieldType.DATE: DateInput,
    FieldType.TIME: TimeInput,
    FieldType.GROUP: GroupEditor,
}


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
    widget = INPUTS[spec.type]
    return widget(
        spec,
        value=value,
        choices=choices,
        today=today,
        case=case,
        id=id,
        classes=f"field-input field-{spec.type}",
    )
