"""Looking after the data: ``coach backup``, ``restore``, ``doctor``, ``erase``, ``lock`` and
``unlock``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.cli.shared import fail, friendly, new_passphrase, services


@friendly
def backup_command(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option(help="Where to write it (default: backups/).")] = None,
) -> None:
    """Make a backup of your data now (one is also made automatically each day)."""
    typer.echo(f"Backup written to {services(ctx).data.backup(out)}")


@friendly
def restore_command(
    ctx: typer.Context, backup: Annotated[Path, typer.Argument(metavar="BACKUP")]
) -> None:
    """Put a backup back in place; the current file is kept aside, never deleted."""
    aside = services(ctx).data.restore(backup)
    typer.echo(f"Restored {backup}. The previous file was kept as {aside}.")


@friendly
def doctor_command(ctx: typer.Context) -> None:
    """Check the data folder, the store, the backups and the flows."""
    findings = services(ctx).data.doctor()
    for finding in findings:
        typer.echo(f"{'ok     ' if finding.ok else 'PROBLEM'}  {finding.text}")
    if not all(f.ok for f in findings):
        raise typer.Exit(1)


@friendly
def erase_command(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option(help="Erase one case (name or id).")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Erase all data and backups.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase data for good: one case, or everything, including backups."""
    coach = services(ctx)
    if (case is None) == (not everything):
        raise fail("say what to erase: --case NAME or --all")
    reminder = "Files you exported earlier are yours to delete; the coach does not track them."
    if everything:
        if not yes and not typer.confirm(
            f"Erase ALL data in {coach.data.home}, including backups? This cannot be undone",
            default=False,
        ):
            raise fail("nothing was erased")
        removed = coach.data.erase_all()
        typer.echo(f"Erased {len(removed)} file{'s' if len(removed) != 1 else ''}. {reminder}")
        return
    found = coach.cases.find(case)
    assert found is not None
    if not yes and not typer.confirm(
        f"Erase '{found.name}' and all their sessions and plans? This cannot be undone",
        default=False,
    ):
        raise fail("nothing was erased")
    cleaned = coach.data.erase_case(found)
    plural = "s" if cleaned != 1 else ""
    typer.echo(f"Erased '{found.name}' (and from {cleaned} backup{plural}). {reminder}")


@friendly
def lock_command(ctx: typer.Context) -> None:
    """Protect your data with a passphrase (encrypted on disk). Forget it and the data is gone."""
    coach = services(ctx)
    coach.open_store()  # a locked or damaged store says so before anything is asked
    typer.echo(
        "With a passphrase, your answers, notes and plans are encrypted on this computer.\n"
        "If you forget it, nobody can get them back: not you, not us. Write it somewhere safe."
    )
    coach.data.lock(new_passphrase())
    typer.echo("Locked. Earlier backups were replaced by an encrypted one.")


@friendly
def unlock_command(ctx: typer.Context) -> None:
    """Remove the passphrase; data stays private to your account (0600) but unencrypted."""
    services(ctx).data.unlock()
    typer.echo("Unlocked. Your data is no longer encrypted (it is still readable only by you).")
