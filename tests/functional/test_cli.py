"""The command line as a user meets it: output, exit codes and one-line messages."""

import json
import stat

import pytest

from tests.conftest import ANSWERS, MINIMAL


def run_json(cli, *args):
    result = cli("run", *args, "--json")
    return result, json.loads(result.stdout) if result.stdout.strip() else None


def test_validate_all_shipped_flows(cli, shipped):
    result = cli("validate")
    assert result.exit_code == 0, result.stdout
    count = len(shipped.flows)
    assert result.stdout.strip() == f"{count} flow{'s' if count != 1 else ''} OK"


def test_validate_paths_reports_file_and_line(cli, mini_folder, edit):
    assert cli("validate", mini_folder).stdout.strip() == "1 flow OK"
    assert cli("validate", mini_folder / "flows/mini.yaml").stdout.strip() == "1 flow OK"
    edit(mini_folder / "flows/mini.yaml", "type: long_text", "type: essay")
    edit(mini_folder / "state_machines/mini.yaml", "initial: start", "initial: begin")
    result = cli("validate", mini_folder)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(line.split(":")[1].isdigit() for line in lines)


def test_validate_a_lone_machine_file(cli, mini_folder, edit):
    machine = mini_folder / "state_machines/mini.yaml"
    assert cli("validate", machine).exit_code == 0
    edit(machine, "initial: start", "initial: nowhere")
    result = cli("validate", machine)
    assert result.exit_code == 1 and "initial state 'nowhere'" in result.stdout


def test_validate_missing_path(cli, tmp_path):
    result = cli("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"coach: {tmp_path / 'nope.yaml'}: no such file or folder"


def test_flows_json_shape(cli):
    flows = json.loads(cli("flows", "--json").stdout)
    flow = next(f for f in flows if f["id"] == "de_escalation")
    assert set(flow) == {
        "id",
        "title",
        "summary",
        "minutes",
        "version",
        "confrontation",
        "initial",
        "states",
        "transitions",
    }
    check = next(s for s in flow["states"] if s["id"] == "now_danger")
    assert check["kind"] == "safety_check" and check["final"] is False
    danger = check["fields"][0]
    assert set(danger) == {
        "id",
        "type",
        "label",
        "required",
        "choices",
        "min",
        "max",
        "fields",
        "validate",
        "example",
    }
    assert danger["choices"] == [] and danger["fields"] == []
    stop = next(t for t in flow["transitions"] if t["dest"] == "safety_stop")
    assert stop["source"] == "now_danger"
    assert stop["when"] == {"field": "immediate_danger", "equals": True}
    assert next(t for t in flow["transitions"] if t["source"] == "welcome")["when"] is None
    what = next(s for s in flow["states"] if s["id"] == "incident")["fields"][0]
    assert what["validate"]["min_length"] == 15 and what["example"]


def test_added_flows_folder(cli, mini_folder, monkeypatch):
    ids = [f["id"] for f in json.loads(cli("--flows", mini_folder, "flows", "--json").stdout)]
    assert "mini" in ids and "de_escalation" in ids
    monkeypatch.setenv("COACH_FLOWS", str(mini_folder))
    assert "mini" in [f["id"] for f in json.loads(cli("flows", "--json").stdout)]


SHIPPED_ORDER = [
    "de_escalation",
    "delayed_action",
    "priorities",
    "support_network",
    "parental_presence",
    "announcement",
    "sit_in",
    "supporter_messages",
    "reparation",
    "resisting_rules",
    "reconciliation_gestures",
    "check_in",
    "self_care",
]


def test_flows_are_listed_by_their_order_then_by_title(cli, mini_folder):
    def listed() -> list[str]:
        listing = json.loads(cli("--flows", mini_folder, "flows", "--json").stdout)
        return [f["id"] for f in listing]

    assert listed() == [*SHIPPED_ORDER, "mini"], "a flow without an order comes after"
    content = mini_folder / "flows" / "mini.yaml"
    content.write_text(content.read_text().replace("minutes: 2\n", "minutes: 2\norder: 15\n"))
    assert listed() == [SHIPPED_ORDER[0], "mini", *SHIPPED_ORDER[1:]]
    text = cli("--flows", mini_folder, "flows").stdout
    assert text.index("Look back at an incident") < text.index("A small test flow")


def test_added_flow_clashing_with_a_shipped_one(cli, tmp_path):
    import shutil

    from coach.paths import shipped_flows_folder

    clash = tmp_path / "clash"
    shutil.copytree(shipped_flows_folder() / "flows", clash / "flows")
    shutil.copytree(shipped_flows_folder() / "state_machines", clash / "state_machines")
    result = cli("--flows", clash, "validate")
    assert result.exit_code == 1
    assert "already used by a shipped flow" in result.stdout


def test_diagram(cli):
    result = cli("diagram", "de_escalation")
    lines = result.stdout.splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "    [*] --> welcome" in lines
    assert any(
        line.startswith("    now_danger --> safety_stop : immediate_danger = yes") for line in lines
    )
    assert "    done --> [*]" in lines


def test_diagram_escapes_mermaid_syntax(cli, mini_folder, edit):
    edit(
        mini_folder / "flows/mini.yaml",
        "{value: low, label: Low}",
        "{value: 'low; #1: {x}', label: Low}",
    )
    edit(
        mini_folder / "state_machines/mini.yaml",
        "in: [low, very_low]",
        "in: ['low; #1: {x}', very_low]",
    )
    out = cli("--flows", mini_folder, "diagram", "mini").stdout
    edge = next(line for line in out.splitlines() if line.startswith("    ask --> extra"))
    label = edge.split(" : ", 1)[1]
    assert ";" not in label.replace("#59;", "").replace("#35;", "").replace("#58;", "").replace(
        "#123;", ""
    ).replace("#125;", "")
    assert "low#59; #35;1#58; #123;x#125;" in label


def test_run_to_a_plan(cli):
    result, out = run_json(
        cli, "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", "Sam"
    )
    assert result.exit_code == 0
    assert out["outcome"] == "done" and out["kind"] == "end" and out["unused"] == []
    assert out["path"][:6] == [
        "welcome",
        "now_danger",
        "now_missing",
        "now_young_person",
        "now_adult_harm",
        "incident",
    ]
    assert "mutual_notes" in out["path"] and "giving_in_notes" in out["path"]
    plans = json.loads(cli("plans", "--json").stdout)
    assert plans == [
        {
            "id": out["plan_id"],
            "title": "De-escalation plan for Sam",
            "flow": "de_escalation",
            "case": "Sam",
            "created": plans[0]["created"],
            "revision": 1,
        }
    ]
    shown = cli("show", out["plan_id"]).stdout
    assert "## What happened\nWhen I asked Sam to hand over the phone at 22:00" in shown
    assert (
        "Prepare an announcement with other adults, on Saturday 5 December 2026 at 19:30." in shown
    )


def test_run_text_output(cli):
    result = cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml")
    assert result.exit_code == 0
    assert result.stdout.startswith("Plan 1 saved: De-escalation plan\n")


def test_run_to_a_safety_stop_makes_no_plan(cli):
    result, out = run_json(
        cli, "de_escalation", "--answers", ANSWERS / "de_escalation_safety_stop.yaml"
    )
    assert result.exit_code == 0
    assert out["kind"] == "safety_stop" and out["plan_id"] is None
    assert out["unused"] == [
        "adult_hurt_child",
        "self_harm_risk",
        "what_happened",
        "young_person_missing",
    ]
    assert json.loads(cli("plans", "--json").stdout) == []
    text = cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation_safety_stop.yaml")
    assert "Someone is in danger now." in text.stdout


def test_run_with_an_invalid_answer_stops_and_can_resume(cli, tmp_path):
    answers = (ANSWERS / "de_escalation.yaml").read_text().replace("heat: 8", "heat: 12")
    file = tmp_path / "answers.yaml"
    file.write_text(answers)
    result, out = run_json(cli, "de_escalation", "--answers", file)
    assert result.exit_code == 1
    assert out["error"] == {
        "state": "my_response",
        "field": "heat",
        "message": "Please choose a whole number from 0 to 10.",
    }
    session_id = out["session_id"]
    text = cli("run", "de_escalation", "--answers", file)
    assert text.exit_code == 1
    assert text.stderr.startswith(
        "coach: step 'my_response', field 'heat': Please choose a whole number"
    )
    assert len(text.stderr.strip().splitlines()) == 1
    file.write_text(answers)
    file.write_text(answers.replace("heat: 12", "heat: 6"))
    result, out = run_json(cli, "de_escalation", "--answers", file, "--resume", session_id)
    assert result.exit_code == 0 and out["session_id"] == session_id and out["plan_id"]


def test_run_with_a_missing_required_answer(cli, tmp_path):
    file = tmp_path / "a.yaml"
    file.write_text("immediate_danger: no\n")
    result, out = run_json(cli, "de_escalation", "--answers", file)
    assert result.exit_code == 1
    assert (
        out["error"]["state"] == "now_missing" and out["error"]["field"] == "young_person_missing"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nonsense: 1\nalso_not: 2\n", "flow 'de_escalation' has no field 'nonsense', 'also_not'"),
        ("- a list\n", "expected a mapping of field ids"),
        ("a: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_answer_files(cli, tmp_path, content, message):
    file = tmp_path / "a.yaml"
    file.write_text(content)
    result = cli("run", "de_escalation", "--answers", file)
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.startswith("coach: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_control_characters_are_removed_from_answers(cli, tmp_path):
    answers = (
        (ANSWERS / "de_escalation.yaml")
        .read_text()
        .replace(
            "where: On the landing outside Sam's room", 'where: "On the\\x1b[31m landing\\x07"'
        )
    )
    file = tmp_path / "a.yaml"
    file.write_text(answers)
    _, out = run_json(cli, "de_escalation", "--answers", file)
    assert "**Where:** On the landing\n" in cli("show", out["plan_id"]).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("run", "nope", "--answers", "x.yaml"), "no flow called 'nope'; the flows are:"),
        (("show", "42"), "no plan with id 42"),
        (("export", "42"), "no plan with id 42"),
        (("diagram", "nope"), "no flow called 'nope'"),
        (("plans", "--case", "Nobody"), "no case 'Nobody'"),
    ],
)
def test_user_mistakes_are_one_line(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("coach: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_corrupt_database_is_one_line_and_left_alone(cli, home):
    home.mkdir(mode=0o700)
    (home / "coach.db").write_bytes(b"garbage" * 50)
    result = cli("plans")
    assert result.exit_code == 1
    assert "is not a coach database" in result.stderr
    assert (home / "coach.db").read_bytes() == b"garbage" * 50


def test_export_to_a_file_is_private_and_never_overwrites(cli, tmp_path):
    run_json(cli, "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", "Sam")
    target = tmp_path / "plan.md"
    assert cli("export", "1", "--format", "md", "--out", target).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# De-escalation plan for Sam")
    again = cli("export", "1", "--format", "md", "--out", target)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert cli("export", "1", "--format", "md", "--out", target, "--force").exit_code == 0


def test_export_json_is_versioned(cli):
    run_json(cli, "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", "Sam")
    document = json.loads(cli("export", "1", "--format", "json").stdout)
    assert document["format"] == "nvr-coach-plan" and document["version"] == 1
    assert document["flow"] == {"id": "de_escalation", "version": 4}
    assert document["case"] == {"name": "Sam"}
    assert document["answers"]["heat"] == 8
    assert document["plan"]["markdown"].startswith("# De-escalation plan for Sam")


def test_unknown_export_format(cli):
    run_json(cli, "de_escalation", "--answers", ANSWERS / "de_escalation.yaml")
    result = cli("export", "1", "--format", "docx")
    assert result.exit_code == 1 and "unknown export format 'docx'" in result.stderr


def test_cases_and_sessions(cli):
    run_json(cli, "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", "Sam")
    run_json(cli, "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--case", "1")
    cases = json.loads(cli("cases", "--json").stdout)
    assert [c["name"] for c in cases] == ["Sam"]
    sessions = json.loads(cli("sessions", "--json").stdout)
    assert [s["status"] for s in sessions] == ["finished", "finished"]


def test_minimal_fixture_is_valid(cli):
    assert cli("validate", MINIMAL).exit_code == 0
