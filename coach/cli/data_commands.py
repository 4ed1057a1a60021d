"""Looking after the data: ``coach backup``, ``restore``, ``doctor``, ``erase``, ``lock`` and
``unlock``."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli.case_commands import case_for
from coach.cli.shared import fail, friendly, new_passphrase, note, workspace


@friendly
def backup_command(
    ctx: typer.Context,
    out: Annotated[
        str | None, typer.Option(metavar="FILE", help="Where to write it (default: backups/).")
    ] = None,
) -> None:
    """Make a backup of your data now (one is also made automatically each day)."""
    from coach.paths import user_path
    from coach.store.backups import make_backup

    target = user_path(out, what="--out file") if out is not None else None
    typer.echo(f"Backup written to {make_backup(workspace(ctx).store, target)}")


@friendly
def restore_command(
    ctx: typer.Context,
    backup: Annotated[str | None, typer.Argument(metavar="BACKUP")] = None,
    finish: Annotated[
        bool, typer.Option("--finish", help="Complete a restore that was stopped.")
    ] = False,
    undo: Annotated[
        bool, typer.Option("--undo", help="Put back what was there before a stopped restore.")
    ] = False,
) -> None:
    """Put a backup back in place; the current file is kept aside, never deleted."""
    from coach.paths import user_path
    from coach.store.restoring import finish_restore, restore, undo_restore

    home = workspace(ctx).home
    if (backup is not None) + finish + undo != 1:
        raise fail("give a BACKUP to restore, or --finish or --undo for a restore that stopped", 2)
    if undo:
        undo_restore(home)
        typer.echo("The restore was undone; your data is as it was before it.")
        return
    if finish:
        aside = finish_restore(home)
    else:
        chosen = user_path(backup or "", what="backup")
        aside = restore(home, chosen)
    kept = f" The previous file was kept as {aside}." if aside else ""
    typer.echo(f"Restored.{kept}")


@friendly
def doctor_command(ctx: typer.Context) -> None:
    """Check the data folder, the store, the backups and the flows."""
    from coach.store.maintenance import doctor

    ws = workspace(ctx)
    findings = doctor(ws.home)
    for finding in findings:
        typer.echo(f"{'ok     ' if finding.ok else 'PROBLEM'}  {finding.text}")
    problems = ws.catalogue.problems
    for problem in problems:
        typer.echo(f"PROBLEM  flow skipped: {problem}")
    if not problems:
        count = len(ws.catalogue.flows)
        typer.echo(f"ok       {count} flow{'s load' if count != 1 else ' loads'}")
    if problems or not all(f.ok for f in findings):
        raise typer.Exit(1)


@friendly
def erase_command(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option(help="Erase one case (name or id).")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Erase all data and backups.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase data for good: one case, or everything, including backups."""
    from coach.store.erasing import erase_all, erase_case

    ws = workspace(ctx)
    if (case is None) == (not everything):
        raise fail("say what to erase: --case NAME or --all")
    reminder = "Files you exported earlier are yours to delete; the coach does not track them."
    if everything:
        if not yes and not typer.confirm(
            f"Erase ALL data in {ws.home}, including backups? This cannot be undone", default=False
        ):
            raise fail("nothing was erased")
        ws.close()
        removed = erase_all(ws.home)
        typer.echo(f"Erased {len(removed)} file{'s' if len(removed) != 1 else ''}. {reminder}")
        return
    found = case_for(ws, case, create=False)
    if not yes and not typer.confirm(
        f"Erase '{found.name}' and all their sessions and plans? This cannot be undone",
        default=False,
    ):
        raise fail("nothing was erased")
    cleaned = erase_case(ws.store, found.id)
    copies = f"{cleaned} other cop{'y' if cleaned == 1 else 'ies'}"
    typer.echo(f"Erased '{found.name}' (and from {copies}). {reminder}")


@friendly
def lock_command(ctx: typer.Context) -> None:
    """Protect your data with a passphrase (encrypted on disk). Forget it and the data is gone."""
    from coach.store.locking import copies, lock_everything

    ws = workspace(ctx)
    store = ws.store
    typer.echo(
        "With a passphrase, your answers, notes and plans are encrypted on this computer.\n"
        "If you forget it, nobody can get them back: not you, not us. Write it somewhere safe."
    )
    problems = lock_everything(store, new_passphrase())
    for problem in problems:
        note(problem)
    sealed = len(copies(ws.home)) - len(problems)
    typer.echo(
        f"Locked. Your data and {sealed} backup cop{'y' if sealed == 1 else 'ies'} are encrypted."
    )


@friendly
def unlock_command(ctx: typer.Context) -> None:
    """Remove the passphrase; data stays private to your account (0600) but unencrypted."""
    from coach.store.locking import unlock_everything

    for problem in unlock_everything(workspace(ctx).store):
        note(problem)
    typer.echo("Unlocked. Your data is no longer encrypted (it is still readable only by you).")
