"""Opening the app: ``coach`` alone, ``coach start`` and ``coach resume``, and the global
options every command shares (read here, before any command runs)."""

from __future__ import annotations

from typing import Annotated

import typer

from coach import __version__
from coach.cli.shared import friendly, note, passphrase_from_env_or_terminal, services


def show_version() -> None:
    typer.echo(f"coach {__version__}")


def _version(value: bool) -> None:
    if value:
        show_version()
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
    from coach.services import Services, Workspace

    ctx.ensure_object(dict)["services"] = Services(
        Workspace(
            home_option=home,
            flows_option=flows,
            passphrase=passphrase_from_env_or_terminal,
            tell=note,
        )
    )
    ctx.obj["practitioner"] = practitioner
    ctx.obj["case"] = case
    ctx.call_on_close(ctx.obj["services"].close)
    if ctx.invoked_subcommand is None:
        friendly(_open_app)(ctx)


def _open_app(
    ctx: typer.Context,
    *,
    start: tuple[str, str | None] | None = None,
    resume: int | None = None,
    resume_latest: bool = False,
) -> None:
    """Run the Textual app (coach.tui.launch, as each browser tab does); the only place the
    command line imports textual."""
    from coach.tui.launch import run_app

    code = run_app(
        services(ctx),
        practitioner=bool(ctx.obj.get("practitioner")),
        case=ctx.obj.get("case"),
        start=start,
        resume=resume,
        resume_latest=resume_latest,
    )
    if code:
        raise typer.Exit(code)


@friendly
def start_command(
    ctx: typer.Context,
    flow_id: Annotated[str, typer.Argument(metavar="FLOW")],
    case: Annotated[
        str | None, typer.Option(help="Case name or id; a new name creates the case.")
    ] = None,
) -> None:
    """Open the app straight on a new session of FLOW."""
    flow = services(ctx).flows.get(flow_id)
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
