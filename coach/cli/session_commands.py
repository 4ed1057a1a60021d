"""Sessions without the app: ``coach run`` (answers from a file) and ``coach sessions``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.shared import fail, friendly, note, print_json, services, today

if TYPE_CHECKING:
    from coach.services.walk import AdviceNote


@friendly
def run_command(
    ctx: typer.Context,
    flow_id: Annotated[str, typer.Argument(metavar="FLOW")],
    answers: Annotated[Path, typer.Option("--answers", help="YAML file: field id -> answer.")],
    case: Annotated[
        str | None, typer.Option(help="Case name or id; a new name creates the case.")
    ] = None,
    resume: Annotated[
        int | None, typer.Option(help="Carry on an unfinished session of this flow.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    progress: Annotated[
        bool, typer.Option("--progress", help="Print 'saved FIELD' on stderr as each is saved.")
    ] = False,
) -> None:
    """Walk a flow without the app, taking answers from a file; saves as it goes."""
    walked = services(ctx).walks.run(
        flow_id,
        answers,
        today(),
        case=case,
        resume=resume,
        note=lambda line: typer.echo(f"coach: {line}", err=True),
        saved=(lambda field_id: typer.echo(f"saved {field_id}", err=True)) if progress else None,
    )
    session_id = walked.conversation.session_id
    problem = walked.problem
    if problem is not None:
        if as_json:
            print_json(
                {
                    "session_id": session_id,
                    "error": {
                        "state": problem.state,
                        "field": problem.field_id,
                        "message": problem.message,
                    },
                    "advice": advice_list(walked.advice),
                }
            )
            raise typer.Exit(1)
        raise fail(
            f"step '{problem.state}', field '{problem.field_id}': {problem.message} (session "
            f"{session_id} is saved; mend the answers file and add --resume {session_id})"
        )
    conversation = walked.conversation
    session = conversation.session
    if as_json:
        print_json(
            {
                "session_id": session_id,
                "plan_id": conversation.plan_id,
                "incident_id": conversation.incident_id,
                "check_in_id": conversation.check_in_id,
                "outcome": session.state,
                "kind": str(session.kind),
                "path": session.path,
                "unused": walked.unused,
                "advice": advice_list(walked.advice),
            }
        )
        return
    for notice in conversation.notices:
        note(notice)
    if walked.plan is not None:
        typer.echo(f"Plan {walked.plan.id} saved: {walked.plan.title}")
        typer.echo(f"Read it with 'coach show {walked.plan.id}'.")
    if conversation.incident_id is not None:
        typer.echo(f"The incident is in the case's diary too (entry {conversation.incident_id}).")
    if conversation.check_in_id is not None:
        typer.echo(
            f"Check-in {conversation.check_in_id} saved. 'coach progress --case "
            f"{conversation.case_id}' shows the ratings over the weeks."
        )
    elif walked.plan is None:
        typer.echo(walked.said)


@friendly
def sessions_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List sessions, newest first, with where each stopped."""
    from coach.timestamps import local_minute

    sessions = services(ctx).sessions.all()
    if as_json:
        from dataclasses import asdict

        print_json([asdict(row) for row in sessions])
        return
    if not sessions:
        typer.echo("No sessions yet.")
    for row in sessions:
        typer.echo(
            f"{row.id:>5}  {local_minute(row.updated)}  {row.flow_id:<20} {row.status:<9} "
            f"at {row.state}"
        )


def advice_list(advice: list[AdviceNote]) -> list[dict[str, str]]:
    """Advice as ``coach run --json`` lists it: ``[{field, message}]``."""
    return [{"field": note.field_id, "message": note.message} for note in advice]
