"""Every date a shipped flow asks for says which way it looks (past or future), and a date or
time box never shows its format twice: the box gives the format, the flow's hint advice."""

from __future__ import annotations

from collections.abc import Iterator

from coach.flowformat.content import FieldSpec

FORMAT_WORDS = ("YYYY", "HH:MM", "'today'", "'tomorrow'", "'yesterday'")


def every_field(shipped) -> Iterator[tuple[str, FieldSpec]]:
    for flow in shipped.flows.values():
        specs = [spec for state in flow.states for spec in flow.block(state).fields]
        if flow.content.follow_up is not None:
            specs += flow.content.follow_up.fields
        while specs:
            spec = specs.pop()
            specs += spec.fields
            yield flow.id, spec


def test_every_date_says_whether_it_looks_back_or_ahead(shipped):
    dates = [(flow, spec) for flow, spec in every_field(shipped) if spec.type == "date"]
    assert len(dates) >= 10
    assert [f"{flow}: {spec.id}" for flow, spec in dates if spec.direction is None] == []


def test_no_date_or_time_hint_repeats_the_format_the_box_shows(shipped):
    typed = ("date", "time")
    repeated = [
        f"{flow}: {spec.id}: {spec.hint}"
        for flow, spec in every_field(shipped)
        if spec.type in typed and spec.hint and any(word in spec.hint for word in FORMAT_WORDS)
    ]
    assert repeated == []
