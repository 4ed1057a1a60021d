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

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    typer.echo(f"coach: {message}", err=True)
    return typer.Exit(code)


def friendly(command: F) -> F:
    """Turn a user's mistake (a CoachError) into one line on stderr and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from coach.errors import CoachError

        try:
            return command(*args, **kwargs)
        except CoachError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("stopped; everything answered so far is saved", 130) from None

    return wrapper  # type: ignore[return-value]


def services(ctx: typer.Context) -> Services:
    """What the coach can do, for this command's data folder and flows."""
    return ctx.ensure_object(dict)["services"]  # type: ignore[no-any-return]


def today() -> date:
    from datetime import date

    return date.today()


PASSPHRASE_ENV = "COACH_PASSPHRASE"  # noqa: S105 (the name of a variable, not a secret)


def passphrase_from_env_or_terminal() -> str | None:
    """COACH_PASSPHRASE for scripts; otherwise ask, but only when someone is at a terminal."""
    import os

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Passphrase: ")
    return None


def new_passphrase() -> str:
    import os

    given = os.environ.get(PASSPHRASE_ENV)
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


def passphrase_from_env() -> str | None:
    """The app's source: COACH_PASSPHRASE only; without it the app asks on its own screen."""
    import os

    return os.environ.get(PASSPHRASE_ENV) or None
