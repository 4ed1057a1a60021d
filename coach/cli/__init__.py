"""The command line: every command, in the order ``coach --help`` lists them.

Only typer is imported up front: each command loads what it needs when it runs, so
``coach --version`` stays quick and no command but the app ever imports textual. The
commands live by subject in this package's ``*_commands`` modules.
"""

from __future__ import annotations

import typer

from coach.cli import (
    app_commands,
    case_commands,
    data_commands,
    flow_commands,
    plan_commands,
    session_commands,
    settings_commands,
)

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
    ("cases", case_commands.cases_command),
    ("sessions", session_commands.sessions_command),
    ("backup", data_commands.backup_command),
    ("restore", data_commands.restore_command),
    ("doctor", data_commands.doctor_command),
    ("erase", data_commands.erase_command),
    ("lock", data_commands.lock_command),
    ("unlock", data_commands.unlock_command),
):
    app.command(name)(command)


def main() -> None:
    """The console script: run the app, exiting with its code."""
    app()
