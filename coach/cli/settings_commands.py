"""``coach settings``: the region whose crisis lines the coach shows, and the idle lock."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli.shared import friendly, print_json, services


@friendly
def settings_command(
    ctx: typer.Context,
    region: Annotated[
        str | None,
        typer.Option(help="Your region's code, for the crisis lines the coach shows (e.g. GB)."),
    ] = None,
    list_regions: Annotated[
        bool, typer.Option("--list-regions", help="List the regions and their codes.")
    ] = False,
    idle_lock: Annotated[
        int | None,
        typer.Option(
            "--idle-lock",
            metavar="MINUTES",
            help="With a passphrase set: lock the app after this many idle minutes (0: never).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Show or change settings (the region for crisis lines, the app's idle lock)."""
    settings = services(ctx).settings
    if list_regions:
        if as_json:
            print_json(
                [
                    {"code": r.code, "name": r.name, "emergency": r.emergency}
                    for r in settings.regions()
                ]
            )
            return
        for found in settings.regions():
            typer.echo(f"{found.code:<6} {found.name:<22} emergency: {found.emergency}")
        return
    if region is not None:
        settings.set_region(region)
    if idle_lock is not None:
        settings.set_idle_lock(idle_lock)
    current, chosen = settings.region_code, settings.region
    minutes = settings.idle_lock_minutes
    if as_json:
        print_json(
            {
                "region": current,
                "region_name": chosen.name,
                "emergency": chosen.emergency,
                "idle_lock_minutes": int(minutes) if minutes.is_integer() else minutes,
                "passphrase_set": settings.passphrase_set,
            }
        )
        return
    note = "" if current else " (not chosen yet: the generic list is shown)"
    typer.echo(f"region: {chosen.code} {chosen.name}, emergency {chosen.emergency}{note}")
    shown = f"{minutes:g} minute{'' if minutes == 1 else 's'}"
    if not minutes:
        idle = "never"
    elif settings.passphrase_set:
        idle = f"after {shown} without a key or a click"
    else:
        idle = f"after {shown} (only once a passphrase is set with 'coach lock')"
    typer.echo(f"idle lock: {idle}")
