import json

from tests.conftest import ANSWERS


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("coach ")


def test_run_makes_a_plan_that_lists_and_exports(cli):
    result = cli(
        "run",
        "de_escalation",
        "--answers",
        ANSWERS / "de_escalation.yaml",
        "--case",
        "Sam",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["kind"] == "end" and outcome["plan_id"] == 1
    plans = json.loads(cli("plans", "--json").stdout)
    assert [p["title"] for p in plans] == ["De-escalation plan for Sam"]
    markdown = cli("export", "1", "--format", "md").stdout
    assert "I won't accept this. I'll come back to it later." in markdown
