"""The command line around the app: settings, start and resume, and no textual elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coach.safety import REGIONS
from tests.conftest import ANSWERS


@pytest.fixture
def launched(monkeypatch):
    """Replace running the app with a record of how it would have been opened (what the
    command line asked of it)."""
    from coach.tui.app import CoachApp

    calls: list[dict] = []
    asked: dict[int, dict] = {}
    make = CoachApp.__init__

    def recording_init(self, services, **options):
        asked[id(self)] = options
        make(self, services, **options)

    def fake_run(self, *args, **kwargs):
        options = asked.pop(id(self))
        calls.append(
            {
                "start": options.get("start"),
                "resume": options.get("resume"),
                "practitioner": self.practitioner,
                "case_limit": self.case_limit.name if self.case_limit else None,
                "prepare": options.get("prepare"),
                "waiting": self.services.data.needs_passphrase,
                "services": self.services,
            }
        )
        return 0

    monkeypatch.setattr(CoachApp, "__init__", recording_init)
    monkeypatch.setattr(CoachApp, "run", fake_run)
    return calls


def test_settings_region_is_kept_and_listed(cli):
    result = cli("settings", "--json")
    assert json.loads(result.stdout)["region"] is None
    assert cli("settings", "--region", "gb").exit_code == 0
    assert json.loads(cli("settings", "--json").stdout)["region"] == "GB"
    listed = cli("settings", "--list-regions").stdout
    assert all(code in listed for code in REGIONS)
    bad = cli("settings", "--region", "XX")
    assert bad.exit_code == 1 and "unknown region 'XX'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_coach_alone_opens_the_app(cli, launched):
    assert cli().exit_code == 0
    assert [{k: v for k, v in call.items() if k != "services"} for call in launched] == [
        {
            "start": None,
            "resume": None,
            "practitioner": False,
            "case_limit": None,
            "prepare": None,
            "waiting": False,
        }
    ]
    assert cli("--practitioner", "--case", "Sam").exit_code == 0
    assert launched[-1]["practitioner"] is True and launched[-1]["case_limit"] == "Sam"


def test_start_and_resume_open_the_app_on_a_flow_or_session(cli, launched):
    assert cli("start", "de_escalation", "--case", "Sam").exit_code == 0
    assert launched[-1]["start"] == ("de_escalation", 1)
    unknown = cli("start", "no_such_flow")
    assert unknown.exit_code != 0 and "no_such_flow" in unknown.stderr
    nothing = cli("resume")
    assert nothing.exit_code == 1 and "nothing to resume" in nothing.stderr
    stopped = cli(
        "run", "de_escalation", "--answers", ANSWERS / "de_escalation_safety_stop.yaml", "--json"
    )
    session = json.loads(stopped.stdout)["session_id"]
    assert cli("resume", str(session)).exit_code == 0
    assert launched[-1]["resume"] == session
    done = json.loads(
        cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--json").stdout
    )
    finished = cli("resume", str(done["session_id"]))
    assert finished.exit_code == 1 and "has finished" in finished.stderr


def test_commands_other_than_the_app_never_import_textual(tmp_path):
    script = f"""
import sys
from typer.testing import CliRunner
from coach.cli import app
runner = CliRunner()
for args in (["flows"], ["validate"], ["run", "de_escalation", "--answers",
             "{ANSWERS / "de_escalation.yaml"}"], ["export", "1", "--format", "md"],
             ["settings"]):
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""
    env = {"COACH_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_damaged_store_is_one_line_not_a_traceback(cli, tmp_path, launched):
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "coach.db").write_bytes(b"not a database")
    result = cli("--home", folder)
    assert result.exit_code == 1
    assert "is not a coach database" in result.stderr and "Traceback" not in result.stderr
    assert launched == []


@pytest.fixture
def locked_store(cli, monkeypatch):
    run = cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", "Sam")
    assert run.exit_code == 0
    monkeypatch.setenv("COACH_PASSPHRASE", "correct horse battery")
    assert cli("lock").exit_code == 0
    monkeypatch.delenv("COACH_PASSPHRASE")

    def no_terminal_prompt(*_args, **_kwargs):
        raise AssertionError("the app must ask on its own screen, not in the terminal")

    monkeypatch.setattr("getpass.getpass", no_terminal_prompt)


def test_a_locked_store_opens_the_app_on_its_unlock_screen(cli, launched, locked_store):
    assert cli("start", "de_escalation", "--case", "Sam").exit_code == 0
    opened = launched[-1]
    # Nothing was read before the passphrase: the app resolves the case once unlocked.
    assert opened["waiting"] and opened["start"] is None and opened["prepare"] is not None
    nothing = cli("--case", "Nobody", "resume")
    assert nothing.exit_code == 0 and launched[-1]["prepare"] is not None


def test_what_the_app_opens_on_is_checked_once_unlocked(cli, launched, locked_store):
    from coach.errors import CoachError

    assert cli("start", "de_escalation", "--case", "Sam").exit_code == 0
    prepare, coach = launched[-1]["prepare"], launched[-1]["services"]
    coach.data.provide_passphrase("correct horse battery")
    options = prepare()
    assert options["start"] == ("de_escalation", coach.cases.find("Sam").id)
    assert cli("resume").exit_code == 0
    prepare, coach = launched[-1]["prepare"], launched[-1]["services"]
    coach.data.provide_passphrase("correct horse battery")
    with pytest.raises(CoachError, match="nothing to resume"):
        prepare()


def test_a_failure_found_by_the_app_is_one_line(cli, monkeypatch, locked_store):
    from coach.tui.app import CoachApp

    def fail_after_unlock(self, *args, **kwargs):
        self.failure = "nothing to resume: no unfinished session ('coach sessions' lists all)"
        return None

    monkeypatch.setattr(CoachApp, "run", fail_after_unlock)
    result = cli("resume")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "coach: nothing to resume: no unfinished session ('coach sessions' lists all)"
    )


def test_coach_passphrase_still_opens_the_app_unlocked(cli, launched, locked_store, monkeypatch):
    monkeypatch.setenv("COACH_PASSPHRASE", "correct horse battery")
    assert cli("start", "de_escalation", "--case", "Sam").exit_code == 0
    assert launched[-1]["waiting"] is False and launched[-1]["start"] == ("de_escalation", 1)
    monkeypatch.setenv("COACH_PASSPHRASE", "wrong guess!")
    wrong = cli()
    assert wrong.exit_code == 1 and "does not open this store" in wrong.stderr


def test_idle_lock_setting(cli):
    assert json.loads(cli("settings", "--json").stdout)["idle_lock_minutes"] == 5
    assert "only once a passphrase is set" in cli("settings").stdout
    assert cli("settings", "--idle-lock", "12").exit_code == 0
    assert json.loads(cli("settings", "--json").stdout)["idle_lock_minutes"] == 12
    assert cli("settings", "--idle-lock", "0").stdout.splitlines()[-1] == "idle lock: never"
    bad = cli("settings", "--idle-lock", "5000")
    assert bad.exit_code == 1 and "from 0 (never) to 1440" in bad.stderr


@pytest.mark.parametrize("command", [[], ["start", "de_escalation"], ["resume"]])
def test_without_a_terminal_the_app_says_so_in_one_line_even_when_locked(home, command):
    """Before, `coach resume` on a locked store waited for ever for keys from a pipe."""
    import os

    env = {**os.environ, "COACH_HOME": str(home), "COACH_PASSPHRASE": "pass phrase 1"}
    env.pop("TEXTUAL_DRIVER", None)

    def coach(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "coach", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    answers = ANSWERS / "de_escalation_safety_stop.yaml"
    assert coach("run", "de_escalation", "--answers", str(answers)).returncode == 0
    assert coach("lock").returncode == 0
    del env["COACH_PASSPHRASE"]  # as a person would start it: asked on the app's own screen
    result = coach(*command)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "needs a terminal" in result.stderr
    assert "\x1b[" not in result.stderr + result.stdout  # nothing drawn into the pipe
