"""`coach validate` renders every template of a flow, so one that fails when it runs is found
before anyone reaches it (a plan template with {{ 1/0 }} once passed, then stranded a session)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    Mood: {{ answers.mood }}\n",
            "    Mood: {{ 1 / 0 }}\n",
            "plan template: division by zero",
        ),
        (
            "    say: Tell me more.",
            "    say: \"{{ 'x' * 2000000000 }}\"",
            "extra say: '*' would make",
        ),
        (
            "    {% if answers.more %}More: {{ answers.more }}{% endif %}\n",
            "    {% for i in range(100000) %}{% for j in range(9) %}{% endfor %}{% endfor %}\n",
            "plan template: more than 200,000 loop steps",
        ),
    ],
)
def test_validate_reports_a_template_that_fails_when_rendered(
    cli, mini_folder, edit, old, new, expected
):
    flow_file = mini_folder / "flows" / "mini.yaml"
    edit(flow_file, old, new)
    result = cli("validate", mini_folder)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"{flow_file}:") and expected in lines[0]
    line = int(lines[0].split(":")[1])
    assert new.strip()[:12] in flow_file.read_text().splitlines()[line - 1]


def test_a_template_that_fails_only_on_the_sparer_answers_is_found(cli, mini_folder, edit):
    flow_file = mini_folder / "flows" / "mini.yaml"
    edit(
        flow_file,
        "    Mood: {{ answers.mood }}\n",
        "    Mood: {{ answers.mood }}\n    {% if not answers.note %}{{ 1 / 0 }}{% endif %}\n",
    )
    result = cli("validate", mini_folder)
    assert result.exit_code == 1 and "plan template: division by zero" in result.stdout


def test_the_shipped_flows_render(cli):
    result = cli("validate", "--fresh")
    assert result.exit_code == 0, result.stdout
