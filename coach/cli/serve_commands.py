"""`coach serve`: the coach in a web browser on this computer (the server is coach/web/).

Imports only typer up front, like the rest of the command line; the server and its web
extra load when the command runs, so a missing extra is one line, not a traceback.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
from typing import Annotated

import typer

from coach.cli.shared import friendly, services
from coach.errors import CoachError
from coach.web.link_file import DEFAULT_PORT, LOOPBACK, request_link

WEB_MODULES = ("aiohttp", "textual_serve")
MISSING_EXTRA = (
    "the browser mode needs the 'web' extra: pip install 'nvr-coach[web]' "
    "(or pip install -e '.[web]' in a checkout)"
)


@friendly
def serve_command(
    ctx: typer.Context,
    port: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=65535,
            help=f"Port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one).",
        ),
    ] = None,
    open_browser: Annotated[
        bool | None,
        typer.Option(
            "--open/--no-open",
            help="Open the coach in your web browser (default: when there is a desktop).",
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            help="Only 127.0.0.1: the coach listens on this computer only.", show_default=False
        ),
    ] = LOOPBACK,
    link: Annotated[
        bool, typer.Option("--link", help="Print a fresh link for a coach serve already running.")
    ] = False,
) -> None:
    """Use the coach in a web browser on this computer (each tab runs its own coach)."""
    if host != LOOPBACK:
        raise CoachError(
            f"coach serve listens on {LOOPBACK} only (this computer); --host {host} is refused"
        )
    home = services(ctx).data.home
    if link:
        typer.echo(request_link(home, port))
        return
    if sys.platform == "win32":  # each tab's app reports its quick hide on an inherited pipe
        raise CoachError("the browser mode runs on Linux and macOS for now; use `coach` instead")
    if any(importlib.util.find_spec(name) is None for name in WEB_MODULES):
        raise CoachError(MISSING_EXTRA)
    gc.disable()  # until the server listens (coach.web.serving turns them on again)
    try:
        tab_options = _checked_app_options(ctx)
        from coach.web.app_process import AppCommand
        from coach.web.browser import has_desktop
        from coach.web.serving import ServeOptions, serve

        serve(
            ServeOptions(
                port=DEFAULT_PORT if port is None else port,
                open_browser=has_desktop() if open_browser is None else open_browser,
                command=AppCommand.coach(tab_options),
                home=home,
            )
        )
    finally:
        gc.enable()


def _checked_app_options(ctx: typer.Context) -> list[str]:
    """The global options for each tab's app, checked now so a mistake is one line here.

    The store is opened (and closed again) the way the app opens it: a locked store waits
    for its passphrase, which each tab asks for on its own screen.
    """
    from coach.tui.browser_tab import TabOptions
    from coach.tui.launch import check_opening

    coach = services(ctx)
    case = ctx.obj.get("case")
    check_opening(coach, case)
    coach.close()
    own_flows = coach.flows.own_folder
    return TabOptions(
        home=str(coach.data.home.resolve()),
        flows=None if own_flows is None else str(own_flows.resolve()),
        practitioner=bool(ctx.obj.get("practitioner")),
        case=case,
    ).argv()
