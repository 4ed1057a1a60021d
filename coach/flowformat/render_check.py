"""Rendering every template of a flow once, before anyone walks it.

A template can be valid Jinja and still fail when it runs (``{{ 1/0 }}``, a filter given the
wrong kind of value, a limit of the sandbox): without this check such a flow loaded, and the
first person to reach that step was stranded. Each template is rendered twice, with two sets of
made-up answers that take different branches: every question answered with its example or its
first choice and "yes", and then with its last choice, "no" and the optional ones left out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from coach.fields import InvalidAnswer, normalise
from coach.fieldtypes import made_up
from coach.flowformat.blocks import Places
from coach.flowformat.content import FieldSpec
from coach.flowformat.flow import Flow
from coach.flowformat.problems import Problem
from coach.plan_text import plan_context
from coach.templating import TemplateProblem, render

_TODAY = date(2026, 1, 1)
_SAMPLE_CASE: dict[str, Any] = {
    "name": "Sam",
    "adults": [{"name": "Alex", "relationship": "parent"}],
    "supporters": [{"name": "Ana", "relationship": "aunt", "role": "witness"}],
    "contacts": [{"name": "Dr Lee", "role": "family therapist"}],
    "priorities": [{"behaviour": "hitting his sister", "basket": "top"}],
}


def made_up_answers(
    fields: list[FieldSpec], generous: bool, case: dict[str, Any]
) -> dict[str, Any]:
    """Answers for these fields, normalised as the engine stores them (unfit ones left out)."""
    answers: dict[str, Any] = {}
    for spec in fields:
        raw = made_up(spec, generous, case)
        try:
            value = normalise(spec, raw, today=_TODAY, case=case)
        except InvalidAnswer:
            continue
        if value is not None:
            answers[spec.id] = value
    return answers


def check_rendering(flow: Flow, places: Places) -> list[Problem]:
    """One problem per template that fails to render, at its file and line."""
    found: dict[tuple[int, str], Problem] = {}

    def attempt(where: tuple[Any, ...], label: str, template: str | None, **options: Any) -> None:
        if not template:
            return
        context: dict[str, Any] = options.pop("context")
        try:
            render(template, context, name=label, **options)
        except TemplateProblem as exc:
            path, line = places.locate_text(where, exc.line)
            found.setdefault((line, exc.reason), Problem(path, line, f"{label}: {exc.reason}"))

    content = flow.content
    for generous in (True, False):
        case = dict(_SAMPLE_CASE) if generous else {"name": "Sam"}
        answers = made_up_answers(list(flow.fields.values()), generous, case)
        context = plan_context(flow, answers, case, _TODAY)
        for state, block in content.states.items():
            for key in ("say", "help", "practitioner"):
                attempt(
                    ("states", state, key), f"{state} {key}", getattr(block, key), context=context
                )
            for j, spec in enumerate(block.fields):
                where = ("states", state, "fields", j, "help")
                attempt(where, f"{state} {spec.id} help", spec.help, context=context)
        if content.plan is not None:
            plan = content.plan
            attempt(("plan", "title"), "plan title", plan.title, context=context, markdown=False)
            attempt(("plan", "template"), "plan template", plan.template, context=context)
        if content.follow_up is not None:
            _check_follow_up(flow, generous, case, context, attempt)
    return list(found.values())


def _check_follow_up(
    flow: Flow,
    generous: bool,
    case: dict[str, Any],
    context: dict[str, Any],
    attempt: Callable[..., None],
) -> None:
    from coach.fields import display

    spec = flow.content.follow_up
    assert spec is not None
    answers = made_up_answers(spec.fields, generous, case)
    fields = {field.id: field for field in spec.fields}
    with_answers = {**context, "follow_up": {k: display(fields[k], v) for k, v in answers.items()}}
    attempt(("follow_up", "say"), "follow_up say", spec.say, context=with_answers)
    attempt(("follow_up", "template"), "follow_up template", spec.template, context=with_answers)
