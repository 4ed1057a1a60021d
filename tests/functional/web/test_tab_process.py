"""The app behind each browser tab: what it loads before the home screen, and its mistakes.

A tab's app starts while someone looks at a blank page, so it must not load the command line
(typer, click, every command's module) or anything the home screen does not show. The process
is started from the very argument list the server uses (``AppCommand.coach``), with Textual's
run replaced by a headless one that reports the loaded modules once home is on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.services import Services, Workspace
from coach.tui.browser_tab import TabOptions, main
from coach.web.app_process import AppCommand

# Runs ``-m MODULE OPTIONS`` as the server would, then prints the modules loaded at home.
MODULES_AT_HOME = """
import asyncio, json, runpy, sys
import textual.app

async def until_home(app):
    from coach.tui.screens.home import HomeScreen
    async with app.run_test(size=(100, 32)) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.query("FlowList")):
            await pilot.pause()
        print(json.dumps(sorted(sys.modules)))

textual.app.App.run = lambda app, *args, **kwargs: asyncio.run(until_home(app))
assert sys.argv[1] == "-m", sys.argv
sys.argv = sys.argv[2:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""

# What the home screen never needs: the command line, flow models, templates, exports, the
# server's own libraries.
NOT_AT_HOME = (
    "typer",
    "click",
    "coach.cli",
    "pydantic",
    "yaml",
    "jinja2",
    "fpdf",
    "coach.export",
    "aiohttp",
    "textual_serve",
)


def _used_before(home: Path) -> None:
    """Welcome seen and the flows checked once (their cache written), as after a first start."""
    coach = Services(Workspace(home_option=home))
    coach.settings.mark_welcomed()
    assert coach.flows.cards
    coach.close()


@pytest.mark.own_flow_cache  # warmed here, read by the tab in a process of its own
def test_a_tab_loads_no_command_line_and_nothing_home_does_not_show(home):
    _used_before(home)
    argv = AppCommand.coach(TabOptions(home=str(home)).argv()).argv
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AT_HOME, *argv[1:]],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"},
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "coach.tui.screens.home" in loaded
    unwanted = [
        name
        for name in loaded
        if any(name.split(".")[: len(n.split("."))] == n.split(".") for n in NOT_AT_HOME)
    ]
    assert unwanted == []


@pytest.mark.parametrize(
    "options",
    [
        TabOptions(home="/data/coach"),
        TabOptions(home="/a folder/with spaces", flows="/my flows", practitioner=True),
        TabOptions(home="/h", case="--practitioner"),  # a case may be named anything
    ],
)
def test_the_options_the_server_writes_are_read_back_the_same(options):
    assert TabOptions.parse(options.argv()) == options


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--home", "/h", "--host", "0.0.0.0"], "a browser tab cannot use the option '--host'"),
        (["--home"], "a browser tab cannot use the option '--home'"),
        (["--case", "Sam"], "a browser tab needs --home"),
    ],
)
def test_options_a_tab_cannot_use_are_one_line(argv, expected, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"coach: {expected}")
    assert err.count("\n") == 1


def test_a_damaged_store_is_one_line_and_no_app(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("coach.tui.app.CoachApp.run", lambda *_a, **_k: pytest.fail("ran"))
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "coach.db").write_bytes(b"not a database")
    assert main(["--home", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "is not a coach database" in err and err.count("\n") == 1
