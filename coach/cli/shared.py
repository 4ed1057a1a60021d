"""What every command shares: one line on stderr for a mistake, JSON output, the use cases
(built from the global options), today's date and the passphrase prompts."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

if TYPE_CHECKING:
    from datetime import date

    from coach.services import Services
    from coach.services.plans import Export

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    typer.echo(f"coach: {message}", err=True)
    return typer.Exit(code)


def friendly(command: F) -> F:
    """Turn a user's mistake (a CoachError) into one line on stderr and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from coach.errors import CoachError, os_problem

        try:
            return command(*args, **kwargs)
        except CoachError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("stopped; everything answered so far is saved", 130) from None
        except OSError as exc:
            raise fail(os_problem(exc)) from None

    return wrapper  # type: ignore[return-value]


def note(text: str) -> None:
    """Something the person should know that does not stop the command (e.g. a backup that
    could not be made today)."""
    typer.echo(f"coach: note: {text}", err=True)


def services(ctx: typer.Context) -> Services:
    """What the coach can do, for this command's data folder and flows."""
    return ctx.ensure_object(dict)["services"]  # type: ignore[no-any-return]


def today() -> date:
    from datetime import date

    return date.today()


def passphrase_from_env_or_terminal() -> str | None:
    """COACH_PASSPHRASE for scripts; otherwise ask, but only when someone is at a terminal."""
    from coach.vault import passphrase_from_env

    given = passphrase_from_env()
    if given:
        return given
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Passphrase: ")
    return None


def new_passphrase() -> str:
    from coach.vault import PASSPHRASE_ENV, passphrase_from_env

    given = passphrase_from_env()
    if given:
        return given
    if not sys.stdin.isatty():
        raise fail(f"type the new passphrase in a terminal, or set {PASSPHRASE_ENV}")
    import getpass

    first = getpass.getpass("New passphrase (8 characters or more): ")
    if getpass.getpass("The same again: ") != first:
        raise fail("the two passphrases differ; nothing was changed")
    return first


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def deliver(made: Export, format_name: str, out: str | None, *, force: bool) -> None:
    """An export's notes on stderr, then the file written to ``--out`` (a file, or a folder
    that gets the export's safe name), or printed; a binary file goes to standard output
    only when that is not a terminal."""
    from coach.errors import CoachError

    for warning in made.warnings:
        note(warning)
    if out is None:
        if made.binary and stdout_is_terminal():
            raise CoachError(
                f"a {format_name} file cannot be shown in the terminal; add --out FILE or "
                f"--out FOLDER (e.g. --out ~/Documents/ for {made.name})"
            )
        sys.stdout.buffer.write(made.data)
        sys.stdout.flush()
        return
    from coach.export.files import target_path, write_private

    written = write_private(target_path(out, made.name), made.data, force=force)
    typer.echo(f"Wrote {written}")


def day_option(text: str | None, what: str = "--since") -> date | None:
    """A date typed as YYYY-MM-DD (or today, yesterday); one line when it is not one."""
    if text is None:
        return None
    from datetime import date, timedelta

    from coach.errors import CoachError

    words = {"today": 0, "yesterday": 1}
    if text.strip().lower() in words:
        return date.today() - timedelta(days=words[text.strip().lower()])
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CoachError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD") from None
