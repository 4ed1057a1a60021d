"""The command line: every command, in the order ``coach --help`` lists them.

Only typer is imported up front: each command loads what it needs when it runs, so
``coach --version`` stays quick and no command but the app ever imports textual. The
commands live by subject in this package's ``*_commands`` modules.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

import typer

from coach.cli import (
    app_commands,
    campaign_commands,
    case_commands,
    data_commands,
    flow_commands,
    plan_commands,
    serve_commands,
    session_commands,
    settings_commands,
)
from coach.errors import os_problem

app = typer.Typer(
    name="coach",
    help="NVR Coach: plan calm, non-violent responses, one small step at a time.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

app.callback(invoke_without_command=True)(app_commands.main_options)
for name, command in (
    ("start", app_commands.start_command),
    ("resume", app_commands.resume_command),
    ("settings", settings_commands.settings_command),
    ("flows", flow_commands.flows_command),
    ("validate", flow_commands.validate_command),
    ("diagram", flow_commands.diagram_command),
    ("run", session_commands.run_command),
    ("plans", plan_commands.plans_command),
    ("show", plan_commands.show_command),
    ("export", plan_commands.export_command),
    ("follow-up", plan_commands.follow_up_command),
    ("import", plan_commands.import_command),
    ("log", campaign_commands.log_command),
    ("progress", campaign_commands.progress_command),
    ("report", campaign_commands.report_command),
    ("cases", case_commands.cases_command),
    ("sessions", session_commands.sessions_command),
    ("backup", data_commands.backup_command),
    ("restore", data_commands.restore_command),
    ("doctor", data_commands.doctor_command),
    ("erase", data_commands.erase_command),
    ("lock", data_commands.lock_command),
    ("unlock", data_commands.unlock_command),
    ("serve", serve_commands.serve_command),
):
    app.command(name)(command)


def usage_problem(exc: Any) -> str:
    """One line for a command line that cannot be run as typed: what is wrong, and where the
    help for that command is (click would print a usage block of three lines)."""
    where = exc.ctx.command_path if exc.ctx is not None else "coach"
    message = exc.format_message().strip().rstrip(".")
    message = message[:1].lower() + message[1:]
    if ". Did you mean" in message:
        message = message.replace(". Did you mean", " (did you mean", 1) + ")"
    return f"{where}: {message}; '{where} --help' shows how to use it"


def main() -> None:
    """The console script: run the app or a command, exiting with its code."""
    import click

    if sys.argv[1:] == ["--version"]:  # before typer builds every command (a fifth of its time)
        app_commands.show_version()
        sys.exit(0)
    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="coach", standalone_mode=False)
    except click.UsageError as exc:
        typer.echo(usage_problem(exc), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        typer.echo(f"coach: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        typer.echo("coach: stopped; nothing more was done", err=True)
        sys.exit(130)
    try:
        sys.stdout.flush()
    except OSError as exc:
        # Output into a full disk (or a closed pipe) fails only when it is flushed; say so
        # once here, instead of Python's warning at exit.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (left open for the exit flush)
        if exc.errno != errno.EPIPE:
            typer.echo(f"coach: the output could not be written: {os_problem(exc)}", err=True)
            sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
