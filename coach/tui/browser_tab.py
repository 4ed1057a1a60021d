"""What each browser tab of `coach serve` runs: the app, on the options the server checked.

    python -m coach.tui.browser_tab --home DIR [--flows DIR] [--practitioner] [--case NAME]

A tab's app starts while someone watches a blank page, so it loads what the home screen
needs and no more: not the command line (typer, click and the modules of thirty commands),
which cost about a tenth of a tab's start before the home screen was painted. The options
are written by ``coach serve`` (``TabOptions.argv``) after it has checked them the way the
app opens them, so they are the command line's global options with the same meaning. What
goes wrong is one line on standard error and a non-zero exit; the server reads and drops that
line (it may name a case) and reports the exit code only.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass

from coach.errors import CoachError, os_problem

VALUE_OPTIONS = ("--home", "--flows", "--case")


@dataclass(frozen=True)
class TabOptions:
    home: str
    flows: str | None = None
    practitioner: bool = False
    case: str | None = None

    def argv(self) -> list[str]:
        options = ["--home", self.home]
        if self.flows is not None:
            options += ["--flows", self.flows]
        if self.practitioner:
            options.append("--practitioner")
        if self.case is not None:
            options += ["--case", self.case]
        return options

    @classmethod
    def parse(cls, argv: list[str]) -> TabOptions:
        values: dict[str, str] = {}
        practitioner = False
        given = iter(argv)
        for option in given:
            if option == "--practitioner":
                practitioner = True
            elif option in VALUE_OPTIONS and (value := next(given, None)) is not None:
                values[option] = value
            else:
                raise CoachError(
                    f"a browser tab cannot use the option {option!r}; open the coach with "
                    "`coach serve` instead"
                )
        if "--home" not in values:
            raise CoachError("a browser tab needs --home; open the coach with `coach serve`")
        return cls(values["--home"], values.get("--flows"), practitioner, values.get("--case"))


def main(argv: list[str]) -> int:
    """Run the app for one tab; its exit code. Garbage collections wait from the first
    import on, as ``run_app`` has them wait for the first screen."""
    gc.disable()
    try:
        return _run(TabOptions.parse(argv))
    except CoachError as exc:
        print(f"coach: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(f"coach: {os_problem(exc)}", file=sys.stderr)
        return 1
    finally:
        gc.enable()


def _run(options: TabOptions) -> int:
    from coach.services import Services, Workspace
    from coach.tui.launch import run_app

    services = Services(Workspace(home_option=options.home, flows_option=options.flows))
    try:
        return run_app(services, practitioner=options.practitioner, case=options.case)
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
