"""Opening the app: ``coach`` alone, ``coach start`` and ``coach resume``, and the global
options every command shares (read here, before any command runs)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach import __version__
from coach.cli.case_commands import case_for
from coach.cli.shared import (
    friendly,
    passphrase_from_env,
    passphrase_from_env_or_terminal,
    workspace,
)

if TYPE_CHECKING:
    from coach.workspace import Workspace


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit()


def main_options(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            metavar="DIR", help="Data folder (default: COACH_HOME or your user data folder)."
        ),
    ] = None,
    flows: Annotated[
        str | None,
        typer.Option(
            metavar="DIR",
            help="A folder of your own flows (holding flows/ and state_machines/).",
        ),
    ] = None,
    practitioner: Annotated[
        bool, typer.Option("--practitioner", help="Start the app in practitioner mode.")
    ] = False,
    case: Annotated[
        str | None, typer.Option(help="Limit the app to one case (name or id).")
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Start the app, or run one of the commands below."""
    from coach.workspace import Workspace

    ctx.ensure_object(dict)["workspace"] = Workspace(
        home_option=home, flows_option=flows, passphrase=passphrase_from_env_or_terminal
    )
    ctx.obj["practitioner"] = practitioner
    ctx.obj["case"] = case
    ctx.call_on_close(ctx.obj["workspace"].close)
    if ctx.invoked_subcommand is None:
        friendly(_open_app)(ctx)


def app_workspace(ctx: typer.Context) -> Workspace:
    """The workspace for the app: a locked store is opened waiting for its passphrase, which
    the app asks for on its unlock screen (never in the terminal before it draws)."""
    ws = workspace(ctx)
    if ws._store is None:
        ws.passphrase = passphrase_from_env
        ws.wait_for_passphrase = True
    return ws


def app_options(
    ws: Workspace,
    case_option: str | None,
    *,
    start: tuple[str, str | None] | None = None,
    resume: int | None = None,
    resume_latest: bool = False,
) -> dict[str, Any]:
    """What the app opens on (the case it is limited to, a flow to start, a session to
    resume), checked against the store; a problem is a CoachError with one line. Runs before
    the app draws, or, for a locked store, as soon as the app has been unlocked."""
    from coach.errors import CoachError

    if resume_latest:
        limit = case_for(ws, case_option, create=False)
        resume = ws.store.latest_session(case_id=limit.id if limit else None)
        if resume is None:
            raise CoachError(
                "nothing to resume: no unfinished session ('coach sessions' lists all)"
            )
    if resume is not None:
        record = ws.store.session(resume)
        if record.status == "finished":
            raise CoachError(f"session {resume} has finished; 'coach plans' lists its plan")
        if record.status == "abandoned":
            raise CoachError(f"session {resume} was set aside; start the flow again instead")
    started: tuple[str, int | None] | None = None
    if start is not None:
        chosen = case_for(ws, start[1], create=True)
        started = (start[0], chosen.id if chosen else None)
    limit = case_for(ws, case_option, create=True)
    if limit is not None and started is not None:
        if started[1] not in (None, limit.id):
            raise CoachError(f"this app is limited to the case '{limit.name}'")
        started = (started[0], limit.id)
    if limit is not None and resume is not None and ws.store.session(resume).case_id != limit.id:
        raise CoachError(f"session {resume} belongs to another case")
    return {"case_limit": limit, "start": started, "resume": resume}


def _open_app(
    ctx: typer.Context,
    *,
    start: tuple[str, str | None] | None = None,
    resume: int | None = None,
    resume_latest: bool = False,
) -> None:
    """Run the Textual app; the only place the command line imports textual."""
    from coach.errors import CoachError

    ws = app_workspace(ctx)
    store = ws.store  # open it now: a damaged one is one clear line, not a traceback
    prepare = functools.partial(
        app_options,
        ws,
        ctx.obj.get("case"),
        start=start,
        resume=resume,
        resume_latest=resume_latest,
    )
    options = {} if store.needs_passphrase else prepare()
    from coach.tui.app import CoachApp

    coach_app = CoachApp(
        ws,
        practitioner=bool(ctx.obj.get("practitioner")),
        prepare=prepare if store.needs_passphrase else None,
        **options,
    )
    result = coach_app.run()
    if coach_app.failure:
        raise CoachError(coach_app.failure)
    if isinstance(result, int) and result:
        raise typer.Exit(result)


@friendly
def start_command(
    ctx: typer.Context,
    flow_id: Annotated[str, typer.Argument(metavar="FLOW")],
    case: Annotated[
        str | None, typer.Option(help="Case name or id; a new name creates the case.")
    ] = None,
) -> None:
    """Open the app straight on a new session of FLOW."""
    flow = workspace(ctx).catalogue.get(flow_id)
    _open_app(ctx, start=(flow.id, case))


@friendly
def resume_command(
    ctx: typer.Context,
    session_id: Annotated[
        int | None,
        typer.Argument(metavar="[SESSION_ID]", help="Default: the most recent unfinished one."),
    ] = None,
) -> None:
    """Open the app on an unfinished session, where it stopped."""
    _open_app(ctx, resume=session_id, resume_latest=session_id is None)
