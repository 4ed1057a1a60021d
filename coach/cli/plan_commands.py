"""Plans: ``coach plans``, ``show``, ``export``, ``follow-up`` and ``import``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.shared import fail, friendly, print_json, services, today


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
            help="md, html, pdf, json or ics for one plan; zip or html with --case.",
        ),
    ] = "md",
    case: Annotated[
        str | None,
        typer.Option(help="Export every plan of this case (name or id) as a zip or html."),
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
    """Export a plan (or all of a case's plans) to a file, or print it."""
    from coach.errors import CoachError

    if (plan_id is None) == (case is None):
        raise CoachError("give either a PLAN_ID or --case NAME (to export all of a case's plans)")
    plans = services(ctx).plans
    if case is not None:
        made = plans.export_case(case, format_name, practitioner=practitioner, today=today())
        if practitioner and not made.with_notes:
            typer.echo("coach: note: these sessions have no practitioner notes to add", err=True)
    else:
        if practitioner:
            raise CoachError("--practitioner adds session notes to a case bundle; add --case")
        made = plans.export(plan_id, format_name)  # type: ignore[arg-type]
    data, warnings, name, binary = made.data, made.warnings, made.name, made.binary
    for warning in warnings:
        typer.echo(f"coach: note: {warning}", err=True)
    if out is None:
        if binary and stdout_is_terminal():
            raise CoachError(
                f"a {format_name} file cannot be shown in the terminal; add --out FILE or "
                f"--out FOLDER (e.g. --out ~/Documents/ for {name})"
            )
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from coach.export.files import target_path, write_private

    written = write_private(target_path(out, name), data, force=force)
    typer.echo(f"Wrote {written}")


@friendly
def follow_up_command(
    ctx: typer.Context,
    plan_id: Annotated[int, typer.Argument(metavar="PLAN_ID")],
    answers: Annotated[Path, typer.Option("--answers", help="YAML file: question id -> answer.")],
) -> None:
    """Record how an announcement, sit-in or gesture went; it is added to the plan."""
    from coach.follow_up import needs_safety_guidance
    from coach.yamlio import read_yaml

    coach = services(ctx)
    coach.flows.get(coach.plans.get(plan_id).flow_id)  # an unknown plan or flow comes first
    doc = read_yaml(answers)
    if not isinstance(doc.data, dict):
        raise fail(f"{answers}:1: expected a mapping of question ids to answers")
    revision = coach.plans.follow_up(plan_id, doc.data, today())
    typer.echo(f"Added to plan {plan_id} (revision {revision}).")
    if needs_safety_guidance(coach.plans.follow_ups(plan_id)[-1].answers):
        from coach.guidance import GUIDANCE
        from coach.safety import crisis_context
        from coach.templating import render

        case = coach.cases.profile(coach.plans.get(plan_id).case_id) or {}
        context = {"crisis": crisis_context(coach.settings.region_code), "case": case}
        typer.echo(render(GUIDANCE, context, markdown=False))


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@friendly
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A plan exported as JSON.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Add a plan exported as JSON (by this or another coach); existing data is untouched."""
    from coach.paths import user_path
    from coach.plain_text import clean_text

    imported = services(ctx).plans.import_file(user_path(file, what="file"))
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
