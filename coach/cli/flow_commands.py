"""The flows themselves: ``coach flows``, ``coach validate`` and ``coach diagram``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.cli.shared import fail, friendly, print_json, workspace


@friendly
def flows_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List the flows you can walk through."""
    summary = workspace(ctx).flow_summary
    for file, line, message in summary["problems"]:
        typer.echo(f"coach: skipped: {file}:{line}: {message}", err=True)
    listing = summary["listing"]
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
    from coach.flowformat.problems import Problem

    ws = workspace(ctx)
    problems: list[Problem] = []
    checked = 0
    if not paths and not fresh:
        summary = ws.flow_summary
        problems = [Problem(*item) for item in summary["problems"]]
        checked = summary["checked"]
    else:
        from coach.flowformat.loader import check_machine_file, load_flow, load_folders
        from coach.flowformat.problems import FlowInvalid

        if not paths:
            catalogue = load_folders(ws.flow_folders)
            problems, checked = catalogue.problems, catalogue.checked
        for path in paths or []:
            if path.is_dir():
                if not (path / "flows").is_dir():
                    raise fail(f"{path}: expected a folder holding flows/ and state_machines/")
                found = load_folders([path], first_is_shipped=False)
                problems += found.problems
                checked += found.checked
            elif not path.exists():
                raise fail(f"{path}: no such file or folder")
            elif path.parent.name == "state_machines":
                problems += check_machine_file(path)
            else:
                checked += 1
                try:
                    load_flow(path)
                except FlowInvalid as exc:
                    problems += exc.problems
    if problems:
        for problem in sorted(set(problems)):
            typer.echo(str(problem))
        raise typer.Exit(1)
    typer.echo(f"{checked} flow{'s' if checked != 1 else ''} OK")


@friendly
def diagram_command(
    ctx: typer.Context, flow_id: Annotated[str, typer.Argument(metavar="FLOW")]
) -> None:
    """Print a flow as a Mermaid state diagram."""
    from coach.diagram import mermaid

    typer.echo(mermaid(workspace(ctx).catalogue.get(flow_id)))
