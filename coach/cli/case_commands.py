"""Cases: ``coach cases``, and finding a case named on the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.cli.shared import friendly, print_json, workspace

if TYPE_CHECKING:
    from coach.workspace import Workspace


def case_for(ws: Workspace, name_or_id: str | None, *, create: bool) -> Any:
    from coach.errors import NotFoundError

    if name_or_id is None:
        return None
    found = ws.store.find_case(name_or_id)
    if found is not None:
        return found
    if name_or_id.strip().isdigit() or not create:
        raise NotFoundError(f"no case '{name_or_id}'; 'coach cases' lists them")
    return ws.store.create_case(name_or_id)


@friendly
def cases_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List cases (young people you plan for)."""
    cases = workspace(ctx).store.cases()
    if as_json:
        print_json([{"id": c.id, "name": c.name, "created": c.created} for c in cases])
        return
    if not cases:
        typer.echo("No cases yet. 'coach run FLOW --answers FILE --case NAME' creates one.")
    for found in cases:
        typer.echo(f"{found.id:>5}  {found.name}")
