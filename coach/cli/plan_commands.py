"""Plans: ``coach plans``, ``show``, ``export``, ``follow-up`` and ``import``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.case_commands import case_for
from coach.cli.shared import fail, friendly, print_json, today, workspace

if TYPE_CHECKING:
    from coach.workspace import Workspace


@friendly
def plans_command(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option(help="Only this case's plans (name or id).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List saved plans, newest first."""
    ws = workspace(ctx)
    chosen = case_for(ws, case, create=False)
    plans = ws.store.plans(case_id=chosen.id if chosen else None)
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
        typer.echo(f"{plan.id:>5}  {plan.created[:10]}  {plan.title}{who}")


@friendly
def show_command(
    ctx: typer.Context, plan_id: Annotated[int, typer.Argument(metavar="PLAN_ID")]
) -> None:
    """Print a plan as Markdown."""
    from coach.fields import clean_text

    typer.echo(clean_text(workspace(ctx).store.plan(plan_id).body), nl=False)


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
    ws = workspace(ctx)
    if case is not None:
        data, warnings, name, binary = _case_bundle(ws, case, format_name, practitioner)
    else:
        from coach.export.files import default_name
        from coach.export.registry import exporter

        if practitioner:
            raise CoachError("--practitioner adds session notes to a case bundle; add --case")
        chosen = exporter(format_name)
        plan = ws.store.plan(plan_id)  # type: ignore[arg-type]
        rendered = chosen.export(plan, ws.catalogue)
        data, warnings, binary = rendered.data, rendered.warnings, chosen.binary
        name = default_name(plan.flow_id, plan.created, chosen.extension)
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
    from coach.follow_up import needs_safety_guidance, record_follow_up
    from coach.yamlio import read_yaml

    ws = workspace(ctx)
    plan = ws.store.plan(plan_id)
    flow = ws.catalogue.get(plan.flow_id)
    doc = read_yaml(answers)
    if not isinstance(doc.data, dict):
        raise fail(f"{answers}:1: expected a mapping of question ids to answers")
    revision = record_follow_up(ws.store, flow, plan_id, doc.data, today())
    typer.echo(f"Added to plan {plan_id} (revision {revision}).")
    if needs_safety_guidance(ws.store.follow_ups(plan_id)[-1].answers):
        from coach.guidance import GUIDANCE
        from coach.safety import REGION_SETTING, crisis_context
        from coach.templating import render

        case = ws.store.case(plan.case_id).profile if plan.case_id is not None else {}
        context = {"crisis": crisis_context(ws.store.setting(REGION_SETTING)), "case": case}
        typer.echo(render(GUIDANCE, context, markdown=False))


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _case_bundle(
    ws: Workspace, case: str, format_name: str, practitioner: bool
) -> tuple[bytes, list[str], str, bool]:
    from coach.errors import CoachError
    from coach.export.bundle import bundle_html, bundle_name, bundle_zip, gather

    kind = format_name.lower()
    if kind not in ("zip", "html"):
        raise CoachError(f"a case exports as zip or html, not '{format_name}'")
    bundle = gather(
        ws.store, case_for(ws, case, create=False), practitioner=practitioner, today=today()
    )
    if practitioner and not bundle.with_notes:
        typer.echo("coach: note: these sessions have no practitioner notes to add", err=True)
    if kind == "html":
        return bundle_html(bundle), [], bundle_name(bundle, "html"), False
    data, warnings = bundle_zip(bundle, ws.catalogue)
    return data, warnings, bundle_name(bundle, "zip"), True


@friendly
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A plan exported as JSON.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Add a plan exported as JSON (by this or another coach); existing data is untouched."""
    from coach.export.importing import import_plan_file
    from coach.fields import clean_text
    from coach.paths import user_path

    ws = workspace(ctx)
    result = import_plan_file(user_path(file, what="file"), ws.store, ws.catalogue)
    plan = ws.store.plan(result.plan_id)
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
