"""The campaign on the command line: ``coach log``, ``coach progress``, ``coach report`` and a
case's exports (csv, ics, json) and import, each mistake one line."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date, timedelta

import pytest

from coach.services import Services, Workspace
from tests.conftest import ANSWERS, TODAY
from tests.unit.test_campaign_year import FIRST, GOALS, generate
from tests.unit.test_campaign_year import TODAY as YEAR_END


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    for module in ("campaign_commands", "plan_commands", "session_commands"):
        monkeypatch.setattr(f"coach.cli.{module}.today", lambda: TODAY)


def log(cli, *options: str):
    return cli("log", "--case", "Sam", *options)


ENTRY = ("--what-happened", "Kicked the bedroom door", "--severity", "6", "--anyone-hurt", "no")


def test_an_incident_logged_with_options(cli):
    result = log(cli, *ENTRY, "--day", "yesterday", "--at", "9pm", "--responses", "held,delayed")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Logged incident 1 in Sam's diary, a new case (how bad: 6 out of 10).\n"
    )
    data = json.loads(cli("progress", "--case", "Sam", "--json").stdout)
    assert data["incidents"]["total"] == 1
    assert data["period"]["from"] == "2026-11-23"  # the Monday of the entry's week


def test_someone_hurt_prints_what_to_do_first(cli):
    cli("settings", "--region", "GB")
    result = log(cli, *ENTRY[:4], "--anyone-hurt", "yes")
    assert result.exit_code == 0, result.stderr
    first, _, rest = result.stdout.partition("\n")
    assert first == "## Someone was hurt"
    assert "call 999" in rest and "Samaritans" in rest
    assert result.stdout.rstrip().endswith("(how bad: 6 out of 10).")
    data = json.loads(log(cli, *ENTRY[:4], "--anyone-hurt", "yes", "--json").stdout)
    assert data["anyone_hurt"] and data["guidance"].startswith("## Someone was hurt")


def test_every_mistake_is_named_on_one_line_and_nothing_is_logged(cli):
    result = log(cli, "--severity", "12", "--day", "someday")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("coach: --what-happened: ") and line.endswith("(nothing was logged)")
    named = [part.split(":")[0] for part in line.removeprefix("coach: ").split("; ")]
    assert named == ["--what-happened", "--severity", "--anyone-hurt", "--day"]
    assert "Traceback" not in result.stderr
    assert json.loads(cli("progress", "--case", "Sam", "--json").stdout)["incidents"]["total"] == 0


def test_an_answers_file_names_its_mistakes_with_the_file(cli, tmp_path):
    good = tmp_path / "incident.yaml"
    good.write_text("what_happened: Swore at me\nseverity: 3\nanyone_hurt: no\nday: today\n")
    assert log(cli, "--answers", good).exit_code == 0
    odd = tmp_path / "odd.yaml"
    odd.write_text("what_happened: Swore at me\nmood: low\n")
    result = log(cli, "--answers", odd)
    assert result.exit_code == 1
    assert result.stderr == (
        f"coach: {odd}:2: 'mood' is not part of an incident entry (the parts are: anyone_hurt, "
        "at, day, place, responses, severity, support_called, what_happened, who_was_there)\n"
    )
    short = tmp_path / "short.yaml"
    short.write_text("what_happened: Swore at me\n")
    [line] = log(cli, "--answers", short).stderr.splitlines()
    assert line.startswith(f"coach: {short}: severity: ") and f"; {short}: anyone_hurt: " in line
    both = log(cli, *ENTRY, "--answers", good)
    assert both.exit_code == 1
    assert both.stderr == "coach: give the incident as options or as --answers FILE, not both\n"


def test_progress_prints_the_figures_and_the_json_has_what_scripts_need(cli):
    cli("run", "check_in", "--answers", ANSWERS / "check_in.yaml", "--case", "Sam")
    log(cli, *ENTRY)
    text = cli("progress", "--case", "Sam")
    assert text.exit_code == 0
    assert "- 1 incident logged between 23 November and 27 November 2026, in one week." in (
        text.stdout
    )
    assert "Calmer mornings before school: 3 -> 3" in text.stdout
    data = json.loads(cli("progress", "--case", "Sam", "--json").stdout)
    assert {"incidents", "goals", "check_ins", "summary", "period"} <= set(data)
    assert data["incidents"]["total"] == 1
    assert data["incidents"]["weeks"] == [
        {"week": "2026-11-23", "count": 1, "mild": 0, "moderate": 1, "severe": 0, "hurt": 0}
    ]
    assert data["goals"][0] == {
        "goal": "Calmer mornings before school",
        "ratings": [{"day": "2026-11-27", "rating": 3}],
    }
    assert len(data["check_ins"]) == 1
    since = json.loads(cli("progress", "--case", "Sam", "--since", "2026-11-01", "--json").stdout)
    assert since["period"]["from"] == "2026-11-01" and since["period"]["weeks"] == 5


def test_progress_mistakes_are_one_line(cli):
    assert cli("progress", "--case", "Nobody").stderr == (
        "coach: no case 'Nobody'; 'coach cases' lists them\n"
    )
    log(cli, *ENTRY)
    bad = cli("progress", "--case", "Sam", "--since", "last week")
    assert bad.stderr == "coach: --since 'last week' is not a date; write it as YYYY-MM-DD\n"
    later = cli("progress", "--case", "Sam", "--since", "2026-12-25")
    assert later.stderr == "coach: --since 2026-12-25 is after today; give a date in the past\n"


def test_the_report_as_a_web_page_and_a_pdf(cli, tmp_path):
    cli("run", "delayed_action", "--answers", ANSWERS / "delayed_action.yaml", "--case", "Sam")
    page = cli("report", "--case", "Sam", "--format", "html")
    assert page.exit_code == 0, page.stderr
    html = page.stdout
    assert "<title>Progress report: Sam</title>" in html
    assert "<script" not in html.lower() and "@import" not in html and "url(" not in html
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\w+:""", html)  # nothing fetched
    assert "<svg" in html and "1 incident over 1 week;" in html
    written = cli("report", "--case", "Sam", "--format", "pdf", "--out", f"{tmp_path}/")
    assert written.stdout == f"Wrote {tmp_path / 'case-1-progress-2026-11-27.pdf'}\n"
    assert (tmp_path / "case-1-progress-2026-11-27.pdf").read_bytes().startswith(b"%PDF")
    wrong = cli("report", "--case", "Sam", "--format", "docx")
    assert wrong.stderr == "coach: a progress report is html or pdf, not 'docx'\n"


def test_the_diary_as_csv_parses_and_holds_every_entry(cli, tmp_path):
    cli("run", "delayed_action", "--answers", ANSWERS / "delayed_action.yaml", "--case", "Sam")
    cli("run", "check_in", "--answers", ANSWERS / "check_in.yaml", "--case", "Sam")
    log(cli, "--what-happened", "=HYPERLINK(evil)", "--severity", "2", "--anyone-hurt", "no")
    for n in range(5):
        log(cli, *ENTRY, "--day", f"2026-11-{10 + n}")
    result = cli("export", "--case", "Sam", "--format", "csv", "--out", f"{tmp_path}/")
    assert result.exit_code == 0, result.stderr
    archive = zipfile.ZipFile(tmp_path / "case-1-diary-2026-11-27.zip")
    assert sorted(archive.namelist()) == ["check-ins.csv", "incidents.csv"]
    incidents = list(csv.DictReader(io.StringIO(archive.read("incidents.csv").decode("utf-8-sig"))))
    assert len(incidents) == 7
    assert sorted(row["date"] for row in incidents)[:5] == [f"2026-11-{10 + n}" for n in range(5)]
    assert "'=HYPERLINK(evil)" in [row["what_happened"] for row in incidents]
    linked = next(row for row in incidents if row["plan_id"])
    assert linked["how_bad"] == "7" and linked["anyone_hurt"] == "yes"
    check_ins = list(csv.DictReader(io.StringIO(archive.read("check-ins.csv").decode("utf-8-sig"))))
    assert [row["goal_1"] for row in check_ins] == ["Calmer mornings before school"]


def test_reminders_are_neutral_in_every_field(cli):
    cli("run", "sit_in", "--answers", ANSWERS / "sit_in.yaml", "--case", "Sam")
    cli("run", "check_in", "--answers", ANSWERS / "check_in.yaml", "--case", "Sam")
    result = cli("export", "--case", "Sam", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    calendar = result.stdout
    assert "SUMMARY:Weekly check-in" in calendar and "RRULE:FREQ=WEEKLY" in calendar
    assert "SUMMARY:Plan: how it went" in calendar
    assert "Sam" not in calendar and "Calmer" not in calendar


def test_a_whole_case_goes_out_as_json_and_back_in_once(cli, tmp_path, monkeypatch):
    cli("run", "delayed_action", "--answers", ANSWERS / "delayed_action.yaml", "--case", "Sam")
    cli("run", "check_in", "--answers", ANSWERS / "check_in.yaml", "--case", "Sam")
    log(cli, *ENTRY)
    coach = Services(Workspace())
    sam = coach.cases.find("Sam")
    first = coach.campaign.diary(sam.id)[-1]
    coach.campaign.correct_incident(
        first.id,
        {
            "what_happened": "Kicked the door twice",
            "severity": 7,
            "anyone_hurt": "no",
            "day": "today",
        },
        TODAY,
    )
    coach.close()
    out = tmp_path / "sam.json"
    assert cli("export", "--case", "Sam", "--format", "json", "--out", out).exit_code == 0
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "elsewhere"))
    result = cli("import", out)
    assert result.stdout == "Imported into case 1, new: 1 plan, 2 diary entries, 1 check-in.\n"
    again = cli("import", out, "--json")
    assert json.loads(again.stdout)["added"] == {"plans": 0, "incidents": 0, "check_ins": 0}
    there = Services(Workspace())
    case = there.cases.find("Sam")
    diary = there.campaign.diary(case.id)
    assert [len(entry.revisions) for entry in diary] == [1, 2]
    assert diary[1].incident.what_happened == "Kicked the door twice"
    [plan] = there.plans.of_case(case.id)
    assert diary[0].incident.plan_id == plan.id
    assert there.campaign.check_ins(case.id)[0].check_in.goals[0].rating == 3
    there.close()


def test_a_damaged_case_file_is_refused_in_one_line(cli, tmp_path, monkeypatch):
    log(cli, *ENTRY)
    out = tmp_path / "sam.json"
    cli("export", "--case", "Sam", "--format", "json", "--out", out)
    document = json.loads(out.read_text())
    document["incidents"][0]["revisions"][0]["entry"]["severity"] = 15
    document["check_ins"] = [{"saved": "yesterday", "check_in": {}}]
    out.write_text(json.dumps(document))
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "elsewhere"))
    result = cli("import", out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"coach: {out}: incidents[1].revisions[1].entry.severity is 15, too high; the highest "
        "is 10 (and 1 more); nothing was imported\n"
    )
    assert json.loads(cli("cases", "--json").stdout) == []


@pytest.mark.parametrize("command", ["log", "progress", "report"])
def test_each_command_has_help(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0 and "--case" in result.stdout


def test_a_year_through_the_store_and_progress_json(cli, monkeypatch):
    """Issue 16's year test, through the store and the command: a generated year (fixed seed)
    is stored, and ``coach progress --json`` gives the weekly counts and goal series this test
    computes on its own."""
    incidents, check_ins, gestures = generate()
    coach = Services(Workspace())
    store = coach.workspace.store
    case = store.create_case("Year")
    for incident in incidents:
        store.add_incident(case.id, incident)
    for check_in in check_ins:
        store.add_check_in(case.id, check_in)
    for gesture in gestures:
        store.create_plan(
            session_id=None,
            case_id=case.id,
            flow_id="reconciliation_gestures",
            flow_version=1,
            title="Gestures plan",
            body="# Gestures plan\n",
            answers={"gesture_1": gesture.what, "gesture_1_date": gesture.day.isoformat()},
        )
    coach.close()
    monkeypatch.setattr("coach.cli.campaign_commands.today", lambda: YEAR_END)
    data = json.loads(cli("progress", "--case", "Year", "--json").stdout)

    weekly = [0] * 52
    for incident in incidents:
        weekly[(incident.day - FIRST).days // 7] += 1
    weeks = data["incidents"]["weeks"]
    assert [week["week"] for week in weeks] == [
        (FIRST + timedelta(days=7 * n)).isoformat() for n in range(52)
    ]
    assert [week["count"] for week in weeks] == weekly
    assert data["incidents"]["total"] == len(incidents) == sum(weekly)
    series: dict[str, list[dict[str, object]]] = {}
    for check_in in sorted(check_ins, key=lambda c: c.day):
        for goal in check_in.goals:
            series.setdefault(goal.goal, []).append(
                {"day": check_in.day.isoformat(), "rating": goal.rating}
            )
    assert [goal["goal"] for goal in data["goals"]] == list(GOALS)
    assert {goal["goal"]: goal["ratings"] for goal in data["goals"]} == series
    assert len(data["check_ins"]) == len(check_ins)
    assert data["gestures"]["total"] == len(gestures)
    assert data["summary"][0] == (
        f"{len(incidents)} incidents logged between 5 January 2026 and 3 January 2027, "
        "over 52 weeks."
    )
    assert data["summary"][-1] == f"{len(gestures)} reconciliation gestures offered."
    assert date.fromisoformat(data["period"]["to"]) == YEAR_END
