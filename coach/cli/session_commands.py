"""Sessions without the app: ``coach run`` (answers from a file) and ``coach sessions``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.cli.case_commands import case_for
from coach.cli.shared import fail, friendly, print_json, today, workspace

if TYPE_CHECKING:
    from coach.flowformat.flow import Flow
    from coach.services.sessions import Conversation


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
    from coach.answer_file import read_answer_file
    from coach.errors import CoachError
    from coach.services.sessions import Conversation

    ws = workspace(ctx)
    flow = ws.catalogue.get(flow_id)
    given = read_answer_file(answers, flow)
    if resume is not None:
        conversation = Conversation.resume(ws.store, ws.catalogue, resume, today())
        if conversation.flow.id != flow.id:
            raise CoachError(
                f"session {resume} is a '{conversation.flow.id}' session, not '{flow.id}'"
            )
        if conversation.is_finished:
            raise CoachError(f"session {resume} has already finished")
    else:
        conversation = Conversation.start(
            ws.store, flow, case=case_for(ws, case, create=True), today=today()
        )
    advice: list[dict[str, str]] = []
    try:
        error = _walk(conversation, given, progress, advice)
    finally:
        conversation.close()
    if error is not None:
        state, field_id, message = error
        if as_json:
            print_json(
                {
                    "session_id": conversation.session_id,
                    "error": {"state": state, "field": field_id, "message": message},
                    "advice": advice,
                }
            )
            raise typer.Exit(1)
        raise fail(
            f"step '{state}', field '{field_id}': {message} (session {conversation.session_id} "
            f"is saved; mend the answers file and add --resume {conversation.session_id})"
        )
    _report_run(ctx, conversation, flow, given, as_json, advice)


def _walk(
    conversation: Conversation,
    given: dict[str, Any],
    progress: bool,
    advice: list[dict[str, str]],
) -> tuple[str, str, str] | None:
    """Answer and advance until a final step; the first problem stops the walk.

    Advice on an answer (a warn or a shared advice rule) is printed on stderr and kept in
    ``advice``; the answer is then given again, as a person submitting twice would.
    """
    from coach.errors import CoachError

    session = conversation.session
    while not session.is_finished:
        for spec in session.fields:
            value = given[spec.id] if spec.id in given else session.prefill(spec)
            if value is None:
                continue
            verdict = conversation.answer(spec.id, value)
            if verdict.is_warning:
                typer.echo(f"coach: note on '{spec.id}': {verdict.message}", err=True)
                advice.append({"field": spec.id, "message": verdict.message or ""})
                verdict = conversation.answer(spec.id, value)
            if not verdict.accepted:
                return session.state, spec.id, verdict.message or "not accepted"
            if progress:
                typer.echo(f"saved {spec.id}", err=True)
        missing = session.missing()
        if missing:
            return session.state, missing[0].id, f"needs an answer ({missing[0].label})"
        try:
            conversation.advance()
        except CoachError as exc:
            return session.state, "", str(exc)
    return None


def _report_run(
    ctx: typer.Context,
    conversation: Conversation,
    flow: Flow,
    given: dict[str, Any],
    as_json: bool,
    advice: list[dict[str, str]],
) -> None:
    from coach.safety import REGION_SETTING
    from coach.step_text import say

    session = conversation.session
    on_path = {spec.id for spec in flow.fields_of(session.path)}
    unused = sorted(k for k in given if k not in on_path)
    if as_json:
        print_json(
            {
                "session_id": conversation.session_id,
                "plan_id": conversation.plan_id,
                "outcome": session.state,
                "kind": str(session.kind),
                "path": session.path,
                "unused": unused,
                "advice": advice,
            }
        )
        return
    if conversation.plan_id is None:
        region = workspace(ctx).store.setting(REGION_SETTING)
        typer.echo(say(session, region))
        return
    plan = workspace(ctx).store.plan(conversation.plan_id)
    typer.echo(f"Plan {plan.id} saved: {plan.title}")
    typer.echo(f"Read it with 'coach show {plan.id}'.")


@friendly
def sessions_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List sessions, newest first, with where each stopped."""
    sessions = workspace(ctx).store.sessions()
    if as_json:
        from dataclasses import asdict

        print_json([asdict(row) for row in sessions])
        return
    if not sessions:
        typer.echo("No sessions yet.")
    for row in sessions:
        typer.echo(
            f"{row.id:>5}  {row.updated[:16]}  {row.flow_id:<20} {row.status:<9} at {row.state}"
        )
