"""Odd and hostile input: stored and shown safely, limited with a message, never a traceback."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ANSWERS

HOSTILE = {
    "escape": "red \x1b[31mtext\x1b[0m and \x1b]52;c;ZXZpbA==\x07 clipboard \x07bell",
    "control": "tab\there, nul \x00 and \x08backspace",
    "bidi": "a \u202eright-to-left\u202c mark \u200f",
    "emoji": "we laughed 😂 and hugged 🤗",
}


def run_with(cli, tmp_path, where: str):
    text = (
        (ANSWERS / "de_escalation.yaml")
        .read_text()
        .replace(
            "where: On the landing outside Sam's room",
            f"where: {json.dumps(where, ensure_ascii=False)}",
        )
    )
    file = tmp_path / "a.yaml"
    file.write_text(text)
    return cli("run", "de_escalation", "--answers", file, "--json")


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_odd_answers_are_stored_and_shown_without_escapes(cli, tmp_path, kind):
    result = run_with(cli, tmp_path, HOSTILE[kind])
    assert result.exit_code == 0, result.stderr
    plan_id = json.loads(result.stdout)["plan_id"]
    shown = cli("show", plan_id).stdout
    exported = json.loads(cli("export", plan_id, "--format", "json").stdout)
    for text in (shown, exported["answers"]["where"], exported["plan"]["markdown"]):
        assert (
            "\x1b" not in text and "\x07" not in text and "\x00" not in text and "\x08" not in text
        )
    if kind == "emoji":
        assert "😂" in shown
    if kind == "bidi":
        assert "a right-to-left mark \u200f" in shown, "shown in the order typed; RLM stays"
        assert "\u202e" not in exported["answers"]["where"] + exported["plan"]["markdown"]


def test_a_huge_paste_gets_a_message_naming_the_field(cli, tmp_path):
    result = run_with(cli, tmp_path, "x" * 100_000)
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["field"] == "where" and "please keep it under 500" in error["message"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("heat: lots", "Please give a number"),
        ("heat: [1, 2]", "Please give a number"),
        ("what_i_did: {a: 1}", "Please pick one of the options"),
        ("incident_date: next week", "YYYY-MM-DD"),
        ("later_time: 25:99", "does not exist"),
        ("immediate_danger: maybe", "yes or no"),
    ],
)
def test_wrong_types_in_an_answer_file(cli, tmp_path, line, message):
    field = line.split(":")[0]
    lines = [
        x
        for x in (ANSWERS / "de_escalation.yaml").read_text().splitlines()
        if not x.startswith(f"{field}:")
    ]
    file = tmp_path / "a.yaml"
    file.write_text("\n".join([*lines, line]) + "\n")
    result = cli("run", "de_escalation", "--answers", file)
    assert result.exit_code == 1
    assert f"field '{field}'" in result.stderr and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_broken_flow_is_skipped_and_the_others_work(cli, tmp_path, mini_folder):
    shutil.copy(mini_folder / "flows/mini.yaml", mini_folder / "flows/broken.yaml")
    (mini_folder / "flows/broken.yaml").write_text(
        (mini_folder / "flows/mini.yaml")
        .read_text()
        .replace("flow: mini", "flow: broken")
        .replace("machine: mini", "machine: nothing")
    )
    listed = cli("--flows", mini_folder, "flows", "--json")
    assert listed.exit_code == 0
    assert "mini" in [f["id"] for f in json.loads(listed.stdout)]
    assert "skipped:" in listed.stderr and "broken.yaml" in listed.stderr
    answers = tmp_path / "a.yaml"
    answers.write_text("danger: no\nmood: good\n")
    assert cli("--flows", mini_folder, "run", "mini", "--answers", answers).exit_code == 0
    refused = cli("--flows", mini_folder, "run", "broken", "--answers", answers)
    assert refused.exit_code == 1 and "has problems and cannot be used" in refused.stderr
