"""The flows themselves: ``coach flows``, ``coach validate`` and ``coach diagram``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.cli.shared import friendly, print_json, services


@friendly
def flows_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List the flows you can walk through."""
    flows = services(ctx).flows
    for problem in flows.skipped:
        typer.echo(f"coach: skipped: {problem}", err=True)
    listing = flows.listing
    if as_json:
        print_json(listing)
        return
    if not listing:
        typer.echo("No flows found.")
    width = max((len(flow["id"]) for flow in listing), default=0) + 2
    for flow in listing:
        typer.echo(f"{flow['id']:<{width}}{flow['title']} (about {flow['minutes']} min)")
        typer.echo(f"{'':<{width}}{flow['summary']}")


@friendly
def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Flow files, machine files, or folders (default: all flows)."),
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Check everything again, even unchanged files.")
    ] = False,
) -> None:
    """Check flow files and print every problem as FILE:LINE: message.

    Without paths, unchanged flows are not checked twice: the result is kept in a cache keyed
    by each file's size and modification time and the coach's own version; --fresh ignores it.
    """
    found = services(ctx).flows.validate(paths or [], fresh=fresh)
    if found.problems:
        for problem in found.problems:
            typer.echo(str(problem))
        raise typer.Exit(1)
    typer.echo(f"{found.checked} flow{'s' if found.checked != 1 else ''} OK")


@friendly
def diagram_command(
    ctx: typer.Context, flow_id: Annotated[str, typer.Argument(metavar="FLOW")]
) -> None:
    """Print a flow as a Mermaid state diagram."""
    typer.echo(services(ctx).flows.diagram(flow_id))
