"""The command line's scripting commands never import textual: they must stay quick and light."""

import subprocess
import sys

import pytest

from tests.conftest import ANSWERS

PROBE = """
import sys
from coach.cli import main
sys.argv = ["coach", *{args!r}]
try:
    main()
except SystemExit:
    pass
loaded = any(m == "textual" or m.startswith("textual.") for m in sys.modules)
print("TEXTUAL" if loaded else "CLEAN", file=sys.stderr)
"""


def imports_textual(args: list[str], env_home: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        capture_output=True,
        text=True,
        env={"COACH_HOME": env_home, "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["flows", "--json"],
        ["validate"],
        ["run", "de_escalation", "--answers", str(ANSWERS / "de_escalation.yaml")],
        ["export", "1", "--format", "md"],
        ["export", "1", "--format", "json"],
        ["plans", "--json"],
        ["diagram", "de_escalation"],
    ],
)
def test_scripting_commands_do_not_import_textual(args, home):
    imports_textual(
        ["run", "de_escalation", "--answers", str(ANSWERS / "de_escalation.yaml")], str(home)
    )
    assert imports_textual(args, str(home)) == "CLEAN"


HOME_PROBE = """
import sys
from coach.store import Store
from coach.services import Services
from coach.services.settings import WELCOMED_SETTING
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.services.workspace import Workspace

with Store.open(Workspace().home) as store:
    store.set_setting(WELCOMED_SETTING, "1")

class Probe(CoachApp):
    def on_ready(self):
        self.set_interval(0.01, self.check)

    def check(self):
        if isinstance(self.screen, HomeScreen) and self.screen.focused is not None:
            self.exit()

Probe(Services(Workspace()), cursor_blink=False).run(headless=True, size=(100, 32))
heavy = [m for m in ("pydantic", "jinja2", "transitions") if m in sys.modules]
print("HEAVY " + ",".join(heavy) if heavy else "LIGHT", file=sys.stderr)
"""


def test_the_home_screen_opens_without_the_flow_models(home):
    """Start-up stays quick: once the flows are checked and cached (the first start), home
    shows them from the cache, without pydantic models, templates or state machines."""
    runs = [
        subprocess.run(
            [sys.executable, "-c", HOME_PROBE],
            capture_output=True,
            text=True,
            env={"COACH_HOME": str(home), "PATH": "/usr/bin:/bin"},
            timeout=60,
        )
        for _ in range(2)
    ]
    assert runs[0].stderr.strip().splitlines()[-1] == "HEAVY pydantic,jinja2"
    assert runs[1].stderr.strip().splitlines()[-1] == "LIGHT", runs[1].stderr[-2000:]
