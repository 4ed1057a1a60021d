"""Plans: ``coach plans``, ``show``, ``export``, ``follow-up`` and ``import``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.shared import deliver, fail, friendly, print_json, services, today

if TYPE_CHECKING:
    from coach.records import ImportedCase


@friendly
def plans_command(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option(help="Only this case's plans (name or id).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List saved plans, newest first."""
    from coach.timestamps import local_day

    coach = services(ctx)
    plans = coach.plans.all(case_limit=coach.cases.find(case))
    if as_json:
        print_json(
            [
                {
                    "id": plan.id,
                    "title": plan.title,
                    "flow": plan.flow_id,
                    "case": plan.case_name,
                    "created": plan.created,
                    "revision": plan.revision,
                }
                for plan in plans
            ]
        )
        return
    if not plans:
        typer.echo("No plans yet. Finish a flow to make one.")
    for plan in plans:
        who = f" ({plan.case_name})" if plan.case_name else ""
        typer.echo(f"{plan.id:>5}  {local_day(plan.created)}  {plan.title}{who}")


@friendly
def show_command(
    ctx: typer.Context, plan_id: Annotated[int, typer.Argument(metavar="PLAN_ID")]
) -> None:
    """Print a plan as Markdown."""
    from coach.plain_text import clean_text

    typer.echo(clean_text(services(ctx).plans.get(plan_id).body), nl=False)


@friendly
def export_command(
    ctx: typer.Context,
    plan_id: Annotated[
        int | None, typer.Argument(metavar="PLAN_ID", help="The plan to export (or use --case).")
    ] = None,
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            help="md, html, pdf, json, ics or ics-details (events with the plan's details) for one "
            "plan. With --case: zip (every plan, "
            "and the diary as CSV), html (every plan on one page), json (the whole case, "
            "re-importable), csv (the diary and check-ins) or ics (reminders).",
        ),
    ] = "md",
    case: Annotated[
        str | None,
        typer.Option(help="Export this case (name or id): its plans, diary and check-ins."),
    ] = None,
    practitioner: Annotated[
        bool,
        typer.Option(
            "--practitioner",
            help="With --case: add the session notes and the private parts (not for the family).",
        ),
    ] = False,
    out: Annotated[
        str | None,
        typer.Option(
            help="File or folder to write to; a folder gets a safe name like "
            "de-escalation-plan-2026-11-27.pdf. Without it, text is printed, and pdf or zip "
            "is written to standard output only when that is not a terminal.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Export a plan (or a whole case) to a file, or print it."""
    from coach.errors import CoachError

    if (plan_id is None) == (case is None):
        raise CoachError("give either a PLAN_ID or --case NAME (to export a whole case)")
    plans = services(ctx).plans
    if case is not None:
        made = plans.export_case(case, format_name, practitioner=practitioner, today=today())
        if practitioner and not made.with_notes:
            typer.echo("coach: note: these sessions have no practitioner notes to add", err=True)
    else:
        if practitioner:
            raise CoachError("--practitioner adds session notes to a case bundle; add --case")
        made = plans.export(plan_id, format_name)  # type: ignore[arg-type]
    deliver(made, format_name, out, force=force)


@friendly
def follow_up_command(
    ctx: typer.Context,
    plan_id: Annotated[int, typer.Argument(metavar="PLAN_ID")],
    answers: Annotated[Path, typer.Option("--answers", help="YAML file: question id -> answer.")],
) -> None:
    """Record how an announcement, sit-in or gesture went; it is added to the plan."""
    from coach.follow_up import COPING_QUESTION, needs_safety_guidance
    from coach.yamlio import read_yaml

    coach = services(ctx)
    coach.flows.get(coach.plans.get(plan_id).flow_id)  # an unknown plan or flow comes first
    doc = read_yaml(answers)
    if not isinstance(doc.data, dict):
        raise fail(f"{answers}:1: expected a mapping of question ids to answers")
    revision = coach.plans.follow_up(plan_id, doc.data, today())
    typer.echo(f"Added to plan {plan_id} (revision {revision}).")
    given = coach.plans.follow_ups(plan_id)[-1].answers
    if needs_safety_guidance(given):
        from coach.guidance import COPING_STEPS, GUIDANCE, OWN_CRISIS_STEPS
        from coach.safety import crisis_context
        from coach.templating import render

        case = coach.cases.profile(coach.plans.get(plan_id).case_id) or {}
        context = {"crisis": crisis_context(coach.settings.region_code), "case": case}
        # The parent's own crisis leads with lines for adults, not the young person's; finding
        # it very hard to cope, without thoughts of self-harm, with support rather than alarm.
        if given.get("own_crisis") is True:
            texts = [OWN_CRISIS_STEPS]
        elif given.get(COPING_QUESTION) is True:
            texts = [COPING_STEPS]
        else:
            texts = []
        texts += [GUIDANCE] if given.get("hurt_or_escalated") is True else []
        typer.echo(render("\n".join(texts), context, markdown=False))


@friendly
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A plan, or a whole case, exported as JSON.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Add a plan or a whole case exported as JSON (by this or another coach); what is
    already here is not added twice, and existing data is untouched."""
    from coach.paths import user_path
    from coach.plain_text import clean_text
    from coach.records import ImportedCase

    imported = services(ctx).plans.import_file(user_path(file, what="file"))
    if isinstance(imported, ImportedCase):
        _say_case_imported(imported, as_json)
        return
    result, plan = imported.result, imported.plan
    if as_json:
        print_json(
            {
                "plan_id": result.plan_id,
                "case_id": plan.case_id,
                "duplicate": result.duplicate,
                "new_case": result.new_case,
            }
        )
        return
    if result.duplicate:
        typer.echo(f"Plan {plan.id} is already this plan; nothing was added.")
        return
    where = f" (case {plan.case_id}{', new' if result.new_case else ''})" if plan.case_id else ""
    typer.echo(f"Imported plan {plan.id}: {clean_text(plan.title)}{where}")


def _say_case_imported(imported: ImportedCase, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "case_id": imported.case_id,
                "new_case": imported.new_case,
                "added": imported.added,
                "already_here": imported.already,
            }
        )
        return
    words = {"plans": "plan", "incidents": "diary entry", "check_ins": "check-in"}

    def counted(counts: dict[str, int]) -> str:
        return ", ".join(
            f"{n} {word}" if n == 1 else f"{n} {word.replace('entry', 'entrie')}s"
            for key, word in words.items()
            if (n := counts[key])
        )

    new = ", new" if imported.new_case else ""
    typer.echo(
        f"Imported into case {imported.case_id}{new}: {counted(imported.added) or 'nothing'}."
    )
    if any(imported.already.values()):
        typer.echo(f"Already here, not added again: {counted(imported.already)}.")
