"""The campaign over weeks: ``coach log`` (an incident in the diary), ``coach progress`` (the
figures of a period) and ``coach report`` (the progress report for a review)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.shared import day_option, deliver, friendly, print_json, services, today

CASE_HELP = "The young person's case (name or id)."
SINCE_HELP = "The first day to count, YYYY-MM-DD (default: the week of the first entry)."


def _option(field_id: str) -> str:
    return f"--{field_id.replace('_', '-')}"


def _typed_entry(**given: Any) -> dict[str, Any]:
    """The parts given as options, by the form's ids (``--responses`` may repeat or hold a
    comma-separated list)."""
    entry = {key: value for key, value in given.items() if value not in (None, [], ())}
    if "responses" in entry:
        entry["responses"] = [
            part.strip() for value in entry["responses"] for part in value.split(",") if part
        ]
    return entry


@friendly
def log_command(
    ctx: typer.Context,
    case: Annotated[
        str,
        typer.Option("--case", help="The young person's case (name or id; a new name adds it)."),
    ],
    day: Annotated[
        str | None, typer.Option(help="When: today, yesterday or YYYY-MM-DD (default: today).")
    ] = None,
    at: Annotated[str | None, typer.Option(help="Roughly what time, HH:MM.")] = None,
    place: Annotated[str | None, typer.Option(help="Where, in a few words.")] = None,
    what_happened: Annotated[
        str | None, typer.Option(help="What happened: what was done and said, in a line.")
    ] = None,
    severity: Annotated[
        str | None, typer.Option(help="How bad it was, 0 (a small upset) to 10.")
    ] = None,
    who_was_there: Annotated[str | None, typer.Option(help="Who was there.")] = None,
    anyone_hurt: Annotated[
        str | None, typer.Option(help="Was anyone hurt, even a little: yes or no.")
    ] = None,
    responses: Annotated[
        list[str] | None,
        typer.Option(
            help="What the adults did (repeat, or separate with commas): stepped_out, held, "
            "delayed, escalated, gave_in."
        ),
    ] = None,
    support_called: Annotated[
        str | None, typer.Option(help="Who was called for support, if anyone.")
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(help="A YAML file with the same parts by id, instead of the options."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Log an incident in a case's diary (the options, or --answers FILE).

    When someone was hurt, what to do first is printed before anything else."""
    from coach.campaign.incident_form import EntryInvalid
    from coach.errors import CoachError

    coach = services(ctx)
    known = {c.id for c in coach.cases.all()}
    found = coach.cases.find(case, create=True)
    assert found is not None
    typed = _typed_entry(
        day=day,
        at=at,
        place=place,
        what_happened=what_happened,
        severity=severity,
        who_was_there=who_was_there,
        anyone_hurt=anyone_hurt,
        responses=responses,
        support_called=support_called,
    )
    if answers is not None and typed:
        raise CoachError("give the incident as options or as --answers FILE, not both")
    raw = coach.campaign.read_incident_file(answers) if answers is not None else typed
    raw.setdefault("day", "today")
    try:
        logged = coach.campaign.log_incident(found.id, raw, today())
    except EntryInvalid as exc:  # every problem at once, so all are mended in one go
        where = f"{answers}: " if answers is not None else ""
        said = "; ".join(
            f"{where}{problem.field_id if answers is not None else _option(problem.field_id)}: "
            f"{problem.message.rstrip('.')}"
            for problem in exc.problems
        )
        raise CoachError(f"{said} (nothing was logged)") from None
    entry = logged.entry
    if as_json:
        print_json(
            {
                "incident_id": entry.id,
                "case_id": entry.case_id,
                "severity": entry.incident.severity,
                "anyone_hurt": entry.incident.anyone_hurt,
                "guidance": logged.guidance,
            }
        )
        return
    if logged.guidance:
        typer.echo(logged.guidance.rstrip() + "\n")
    new = "" if found.id in known else ", a new case"
    typer.echo(
        f"Logged incident {entry.id} in {found.name}'s diary{new} "
        f"(how bad: {entry.incident.severity} out of 10)."
    )


@friendly
def progress_command(
    ctx: typer.Context,
    case: Annotated[str, typer.Option("--case", help=CASE_HELP)],
    since: Annotated[str | None, typer.Option(help=SINCE_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Print a case's progress: incidents per week, goal ratings and check-ins, in figures
    and in a few factual sentences."""
    coach = services(ctx)
    found = coach.cases.find(case)
    assert found is not None
    data = coach.campaign.progress_data(found.id, since=day_option(since), today=today())
    if as_json:
        print_json(data)
        return
    period = data["period"]
    typer.echo(f"Progress for {found.name}, {period['from']} to {period['to']}")
    typer.echo("")
    for line in data["summary"]:
        typer.echo(f"- {line}")
    weeks = data["incidents"]["weeks"]
    if data["incidents"]["total"]:
        typer.echo("\nIncidents per week (mild / moderate / severe):")
        for week in weeks:
            typer.echo(
                f"  week of {week['week']}  {week['count']:>3}  "
                f"({week['mild']} / {week['moderate']} / {week['severe']})"
            )
    if data["goals"]:
        typer.echo("\nGoals, 0 to 10 (first and latest rating):")
        for goal in data["goals"]:
            ratings = goal["ratings"]
            typer.echo(f"  {goal['goal']}: {ratings[0]['rating']} -> {ratings[-1]['rating']}")


@friendly
def report_command(
    ctx: typer.Context,
    case: Annotated[str, typer.Option("--case", help=CASE_HELP)],
    format_name: Annotated[
        str, typer.Option("--format", help="html (a web page) or pdf.")
    ] = "html",
    since: Annotated[str | None, typer.Option(help=SINCE_HELP)] = None,
    out: Annotated[
        str | None,
        typer.Option(
            help="File or folder to write to; a folder gets a safe name like "
            "case-3-progress-2026-11-27.pdf. Without it, html is printed, and pdf is written "
            "to standard output only when that is not a terminal."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Make a progress report for a review: the charts, a summary in words, the check-ins,
    the plans made and the diary of the period."""
    coach = services(ctx)
    found = coach.cases.find(case)
    assert found is not None
    made = coach.campaign.report(found.id, format_name, since=day_option(since), today=today())
    deliver(made, format_name, out, force=force)
