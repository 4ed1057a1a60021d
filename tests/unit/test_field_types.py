"""Field types are a registry: each type is one module of ``coach.fieldtypes`` and one widget,
and nothing else has to change to add one."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coach.fields import InvalidAnswer, as_text, display, normalise
from coach.fieldtypes import FieldKind, kind_of, kinds
from coach.flowformat.loader import load_folders
from coach.tui.widgets.base import FieldInput
from coach.tui.widgets.inputs import widgets
from coach.tui.widgets.text_input import TextInput

TODAY = date(2026, 11, 27)


def test_every_field_type_has_its_widget_and_every_widget_a_type():
    assert set(widgets()) == set(kinds())
    assert {kind.name for kind in kinds().values()} == set(kinds())


@pytest.fixture
def registries(monkeypatch):
    """The two registries as they are, put back after the test (and their caches cleared)."""
    monkeypatch.setattr(FieldKind, "_known", FieldKind.known())
    monkeypatch.setattr(FieldInput, "_answering", FieldInput.answering())
    kinds.cache_clear()
    widgets.cache_clear()
    yield
    kinds.cache_clear()
    widgets.cache_clear()


def test_a_new_type_is_one_class_and_one_widget(registries, mini_folder):
    """A colour field, added the way a contributor would: the flow format takes it, the
    checks ask it about its conditions, answers are read and shown through it, and the app
    finds its widget."""

    class ColourKind(FieldKind):
        name = "colour"

        def parse(self, spec, raw: Any, today: date, case) -> str:
            colour = str(raw).strip().casefold()
            if colour not in ("red", "amber", "green"):
                raise InvalidAnswer("Please say red, amber or green.")
            return colour

        def show(self, spec, value: Any) -> Any:
            return value.capitalize()

        def sample(self, spec, generous: bool, case) -> Any:
            return "green" if generous else "red"

    class ColourInput(TextInput):
        answers = "colour"

    kinds.cache_clear()
    flow_file = mini_folder / "flows" / "mini.yaml"
    flow_file.write_text(
        flow_file.read_text().replace(
            "      - {id: more, type: long_text, label: More}",
            "      - {id: more, type: long_text, label: More}\n"
            "      - {id: light, type: colour, label: How does today feel?}",
        )
    )
    catalogue = load_folders([mini_folder])
    assert not catalogue.problems, catalogue.problems
    spec = catalogue.flows["mini"].fields["light"]
    assert spec.kind is kind_of("colour")
    assert normalise(spec, " Amber ", today=TODAY) == "amber"
    with pytest.raises(InvalidAnswer, match="red, amber or green"):
        normalise(spec, "blue", today=TODAY)
    assert display(spec, "amber") == "Amber" and as_text(spec, "amber") == "Amber"
    assert widgets()["colour"] is ColourInput

    machine = mini_folder / "state_machines" / "mini.yaml"
    machine.write_text(
        machine.read_text().replace(
            "  - {trigger: next, source: extra, dest: summary}",
            "  - {trigger: next, source: extra, dest: summary, when: {field: light, gte: 3}}\n"
            "  - {trigger: next, source: extra, dest: summary}",
        )
    )
    problems = [str(p) for p in load_folders([mini_folder]).problems]
    assert any("condition on 'light' (colour)" in p for p in problems), problems


def test_an_unknown_type_is_refused_with_the_known_ones(mini_folder):
    flow_file = mini_folder / "flows" / "mini.yaml"
    flow_file.write_text(flow_file.read_text().replace("type: long_text", "type: essay"))
    problems = [str(p) for p in load_folders([mini_folder]).problems]
    assert len(problems) == 1 and "'essay' is not allowed; use one of" in problems[0]
    assert all(name in problems[0] for name in kinds())
