"""Looking after the data: ``coach backup``, ``restore``, ``doctor``, ``erase``, ``lock`` and
``unlock``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.shared import fail, friendly, new_passphrase, note, services
from coach.errors import NotFoundError

if TYPE_CHECKING:
    from coach.services import Services


@friendly
def backup_command(
    ctx: typer.Context,
    out: Annotated[
        str | None, typer.Option(metavar="FILE", help="Where to write it (default: backups/).")
    ] = None,
) -> None:
    """Make a backup of your data now (one is also made automatically each day)."""
    typer.echo(f"Backup written to {services(ctx).data.backup(out)}")


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
    data = services(ctx).data
    if (backup is not None) + finish + undo != 1:
        raise fail("give a BACKUP to restore, or --finish or --undo for a restore that stopped", 2)
    if undo:
        data.undo_restore()
        typer.echo("The restore was undone; your data is as it was before it.")
        return
    aside = data.finish_restore() if finish else data.restore(backup or "")
    kept = f" The previous file was kept as {aside}." if aside else ""
    typer.echo(f"Restored.{kept}")


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
    named = (case or "").strip()
    try:
        found = coach.cases.find(named)
    except NotFoundError:
        held = 0 if named.isdigit() else coach.data.copies_holding(named)
        if not held:
            raise
        _erase_from_copies_only(coach, named, held, yes=yes, reminder=reminder)
        return
    assert found is not None
    if not yes and not typer.confirm(
        f"Erase '{found.name}' and all their sessions and plans? This cannot be undone",
        default=False,
    ):
        raise fail("nothing was erased")
    cleaned = coach.data.erase_case(found)
    copies = f"{cleaned} other cop{'y' if cleaned == 1 else 'ies'}"
    typer.echo(f"Erased '{found.name}' (and from {copies}). {reminder}")


def _erase_from_copies_only(
    coach: Services, name: str, held: int, *, yes: bool, reminder: str
) -> None:
    """A case a restore set aside with the store it was in: only copies still hold it."""
    copies = f"{held} cop{'y' if held == 1 else 'ies'}"
    if not yes and not typer.confirm(
        f"'{name}' is not in your data now, but {copies} (backups, or a store a restore set "
        "aside) still hold it. Erase it from them? This cannot be undone",
        default=False,
    ):
        raise fail("nothing was erased")
    cleaned = coach.data.erase_case_only_copies_hold(name)
    typer.echo(f"Erased '{name}' from {cleaned} cop{'y' if cleaned == 1 else 'ies'}. {reminder}")


@friendly
def lock_command(ctx: typer.Context) -> None:
    """Protect your data with a passphrase (encrypted on disk). Forget it and the data is gone."""
    coach = services(ctx)
    coach.open_store()  # a locked or damaged store says so before anything is asked
    typer.echo(
        "With a passphrase, everything you wrote (names, answers, notes, plans, the diary) is\n"
        "encrypted on this computer. If you forget it, nobody can get it back: not you, not us.\n"
        "Write it somewhere safe."
    )
    locked = coach.data.lock(new_passphrase())
    for problem in locked.problems:
        note(problem)
    copies = f"{locked.copies} cop{'y' if locked.copies == 1 else 'ies'}"
    typer.echo(f"Locked. Your data and its {copies} in the data folder are encrypted.")


@friendly
def unlock_command(ctx: typer.Context) -> None:
    """Remove the passphrase; data stays private to your account (0600) but unencrypted."""
    for problem in services(ctx).data.unlock():
        note(problem)
    typer.echo("Unlocked. Your data is no longer encrypted (it is still readable only by you).")
