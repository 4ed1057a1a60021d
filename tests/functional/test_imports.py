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
