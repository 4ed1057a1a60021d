"""Cases: ``coach cases``."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli.shared import friendly, print_json, services


@friendly
def cases_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List cases (young people you plan for)."""
    cases = services(ctx).cases.all()
    if as_json:
        print_json([{"id": c.id, "name": c.name, "created": c.created} for c in cases])
        return
    if not cases:
        typer.echo("No cases yet. 'coach run FLOW --answers FILE --case NAME' creates one.")
    for found in cases:
        typer.echo(f"{found.id:>5}  {found.name}")
