"""`coach export` and `coach import` end to end, with real plans made by `coach run`."""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from coach.store import Store
from tests.export_support import (
    ESCAPES,
    HOSTILE,
    HOSTILE_STORED,
    LINK,
    NAME,
    NAMES,
    SCRIPT,
    STYLE_END,
    TEMPLATE,
    counts,
    make_plan,
    pdf_text,
)

FORMATS = ["md", "html", "pdf", "json", "ics"]


def export(cli, *args):
    return cli("export", *[str(a) for a in args])


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("coach: ")
    return lines[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def hostile(cli, tmp_path) -> int:
    return make_plan(cli, tmp_path, **HOSTILE)


# harmless text in every format -------------------------------------------------------------


def test_markdown_keeps_answers_as_escaped_text(cli, hostile):
    text = export(cli, hostile, "--format", "md").stdout
    assert "\x1b" not in text and "\x07" not in text
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\[x\](javascript:alert(1))" in text
    assert "{{ 7\\*7 }}" in text and "49" not in text
    assert all(name in text for name in NAMES)


def test_html_shows_answers_as_text_and_runs_nothing(cli, hostile):
    page = export(cli, hostile, "--format", "html").stdout
    assert "<script" not in page and "<img" not in page and "href" not in page
    assert page.count(STYLE_END) == 1  # only the page's own stylesheet ends
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/style&gt;" in page
    assert LINK in page and TEMPLATE in page and "49" not in page
    assert "\x1b" not in page and "\x07" not in page
    assert all(name in page for name in NAMES)


def test_pdf_text_holds_every_answer_and_name(cli, hostile, tmp_path):
    out = tmp_path / "plan.pdf"
    result = export(cli, hostile, "--format", "pdf", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    pages, text = pdf_text(out.read_bytes())
    assert pages == 2
    for answer in HOSTILE_STORED.values():
        assert answer in text, answer
    assert f"De-escalation plan for {NAME}" in text
    assert "\x1b" not in text and "49" not in text
    assert b"/JavaScript" not in out.read_bytes()


def test_pdf_of_the_plain_answers_file_has_two_pages(cli, tmp_path):
    plan_id = make_plan(cli, tmp_path, case="Sam")
    out = tmp_path / "sam.pdf"
    export(cli, plan_id, "--format", "pdf", "--out", out)
    pages, text = pdf_text(out.read_bytes())
    assert pages == 2
    assert "Page 1 of 2" in text and "Page 2 of 2" in text
    assert f"Created {date.today():%A} {date.today().day} {date.today():%B %Y}" in text


def test_json_holds_the_answers_as_data(cli, hostile):
    raw = export(cli, hostile, "--format", "json").stdout
    assert "\x1b" not in raw and "\\u001b" not in raw
    doc = json.loads(raw)
    for key, value in HOSTILE_STORED.items():
        assert doc["answers"][key] == value
    assert doc["case"] == {"name": NAME}
    assert "id" not in doc["plan"] and "session_id" not in json.dumps(doc)


def test_ics_has_one_event_with_nothing_private_in_any_field(cli, hostile):
    data = export(cli, hostile, "--format", "ics").stdout_bytes
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Plan: follow-up"
    assert event.decoded("DTSTART") == datetime(2026, 12, 5, 19, 30)
    assert NAME.split()[0].encode() not in data
    assert HOSTILE_STORED["later_support"].encode() not in data


def test_ics_with_details_has_the_detail_inside_when_asked_for(cli, hostile):
    data = export(cli, hostile, "--format", "ics-details").stdout_bytes
    assert b"\x1b" not in data and b"\x07" not in data
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Plan: follow-up"
    description = str(event["DESCRIPTION"])
    assert f"De-escalation plan for {NAME}" in description
    assert HOSTILE_STORED["later_support"] in description
    assert SCRIPT in description and LINK in description and TEMPLATE in description
    assert ESCAPES[0] not in description


def test_ics_is_all_day_without_a_time(cli, tmp_path):
    plan_id = make_plan(cli, tmp_path, later_time=None)
    (event,) = Calendar.from_ical(export(cli, plan_id, "--format", "ics").stdout_bytes).walk(
        "VEVENT"
    )
    assert event.decoded("DTSTART") == date(2026, 12, 5)
    assert event.decoded("DTEND") == date(2026, 12, 6)


def test_ics_without_dates_is_one_line_and_no_file(cli, tmp_path):
    plan_id = make_plan(cli, tmp_path, later_when=None, later_time=None)
    out = tmp_path / "plan.ics"
    result = export(cli, plan_id, "--format", "ics", "--out", out)
    assert result.exit_code == 1
    assert "has no planned dates" in one_line(result.stderr)
    assert not out.exists() and list(tmp_path.glob(".coach-*")) == []


# files: names, modes, overwriting ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_folder_gets_a_safe_default_name_and_a_private_file(cli, tmp_path, hostile, fmt):
    folder = tmp_path / "Documents"
    folder.mkdir()
    result = export(cli, hostile, "--format", fmt, "--out", f"{folder}/")
    assert result.exit_code == 0, result.stderr
    (written,) = folder.iterdir()
    assert re.fullmatch(rf"de-escalation-plan-\d{{4}}-\d{{2}}-\d{{2}}\.{fmt}", written.name)
    assert mode(written) == 0o600
    assert f"Wrote {written}" in result.stdout


def test_a_new_folder_path_with_a_slash_must_exist(cli, tmp_path, hostile):
    result = export(cli, hostile, "--format", "md", "--out", f"{tmp_path}/missing/")
    assert result.exit_code == 1
    assert "does not exist" in one_line(result.stderr)


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_an_existing_file_is_replaced_only_with_force(cli, tmp_path, hostile, fmt):
    out = tmp_path / f"plan.{fmt}"
    out.write_text("keep me")
    result = export(cli, hostile, "--format", fmt, "--out", out)
    assert result.exit_code == 1
    assert "already exists" in one_line(result.stderr) and "--force" in result.stderr
    assert out.read_text() == "keep me"
    result = export(cli, hostile, "--format", fmt, "--out", out, "--force")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() != b"keep me" and mode(out) == 0o600


def test_binary_formats_are_not_dumped_on_a_terminal(cli, hostile, monkeypatch):
    monkeypatch.setattr("coach.cli.shared.stdout_is_terminal", lambda: True)
    for fmt in ("pdf",):
        result = export(cli, hostile, "--format", fmt)
        assert result.exit_code == 1
        line = one_line(result.stderr)
        assert "--out" in line and "de-escalation-plan-" in line
        assert result.stdout == ""
    assert export(cli, hostile, "--format", "md").exit_code == 0


def test_binary_formats_go_to_a_pipe(cli, hostile):
    result = export(cli, hostile, "--format", "pdf")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"%PDF-")


def test_a_missing_glyph_is_one_note_on_stderr(cli, tmp_path):
    plan_id = make_plan(cli, tmp_path, recovery="Tea with 小明")
    result = export(cli, plan_id, "--format", "pdf", "--out", tmp_path / "p.pdf")
    assert result.exit_code == 0
    line = one_line(result.stderr)
    assert line.startswith("coach: note: the PDF font has no letter for 小 (U+5C0F)")
    assert "Tea with ??" in pdf_text((tmp_path / "p.pdf").read_bytes())[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give either a PLAN_ID or --case"),
        (("1", "--case", "Sam"), "give either a PLAN_ID or --case"),
        (("1", "--format", "docx"), "unknown export format 'docx'"),
        (("99", "--format", "md"), "no plan with id 99"),
        (("1", "--practitioner"), "--practitioner adds session notes to a case bundle"),
        (("--case", "Sam", "--format", "pdf"), "a case exports as zip, html, json, csv or ics"),
        (("--case", "Nobody", "--format", "zip"), "no case 'Nobody'"),
    ],
)
def test_mistakes_are_one_line(cli, tmp_path, args, message):
    make_plan(cli, tmp_path, case="Sam")
    result = export(cli, *args)
    assert result.exit_code != 0
    assert message in one_line(result.stderr)


# import --------------------------------------------------------------------------------------


def test_round_trip_export_import_export_is_identical(cli, tmp_path, hostile, monkeypatch):
    first = export(cli, hostile, "--format", "json").stdout_bytes
    ics_there = export(cli, hostile, "--format", "ics").stdout_bytes
    file = tmp_path / "plan.json"
    file.write_bytes(first)
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "elsewhere"))
    result = cli("import", file, "--json")
    assert result.exit_code == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["duplicate"] is False and outcome["new_case"] is True
    again = export(cli, outcome["plan_id"], "--format", "json").stdout_bytes
    assert again == first
    ics_here = export(cli, outcome["plan_id"], "--format", "ics").stdout_bytes
    uids = [re.findall(rb"UID:(\S+)", ics) for ics in (ics_there, ics_here)]
    assert uids[0] == uids[1] and len(uids[0]) == 1  # the same event, not a second one


def test_importing_the_same_plan_twice_adds_nothing(cli, tmp_path, hostile, home):
    file = tmp_path / "plan.json"
    file.write_bytes(export(cli, hostile, "--format", "json").stdout_bytes)
    before = counts(home)
    result = cli("import", file)
    assert result.exit_code == 0
    assert result.stdout == f"Plan {hostile} is already this plan; nothing was added.\n"
    assert counts(home) == before


def test_import_into_an_existing_case_by_name(cli, tmp_path, hostile, monkeypatch):
    file = tmp_path / "plan.json"
    file.write_bytes(export(cli, hostile, "--format", "json").stdout_bytes)
    other = tmp_path / "other"
    monkeypatch.setenv("COACH_HOME", str(other))
    with Store.open(other) as store:
        case = store.create_case(NAME.upper())
    result = cli("import", file)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Imported plan 1: De-escalation plan for")
    assert f"(case {case.id})" in result.stdout
    plans = json.loads(cli("plans", "--json").stdout)
    assert [p["case"] for p in plans] == [NAME.upper()]


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda raw: raw[: len(raw) // 2], "damaged JSON at line"),
        (lambda raw: raw.replace('"version": 1,', '"version": 2,', 1), "newer NVR Coach"),
        (lambda raw: raw.replace('"de_escalation"', '"no_such_flow"', 1), "does not have"),
        (lambda raw: raw.replace('"heat": 8', '"heat": 80', 1), "answer 'heat' does not fit"),
        (lambda raw: raw.replace('"heat": 8', '"hat": 8', 1), "'hat' is not a field"),
    ],
)
def test_a_bad_import_is_one_line_and_changes_nothing(
    cli, tmp_path, hostile, home, mangle, message
):
    raw = export(cli, hostile, "--format", "json").stdout
    file = tmp_path / "bad.json"
    file.write_text(mangle(raw))
    before = counts(home)
    result = cli("import", file)
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert message in line and str(file) in line
    assert counts(home) == before


def test_import_of_a_missing_file(cli, tmp_path):
    result = cli("import", tmp_path / "nope.json")
    assert result.exit_code == 1
    assert "no such file" in one_line(result.stderr)


# bundles -------------------------------------------------------------------------------------


@pytest.fixture
def two_plans(cli, tmp_path, home) -> list[int]:
    first = make_plan(cli, tmp_path, **HOSTILE)
    second = make_plan(cli, tmp_path, later_action="sit_in", recovery="A bath")
    make_plan(cli, tmp_path, case="Someone else")
    with Store.open(home) as store:
        store.save_notes(store.plan(first).session_id, "Mum was tearful; SECRET-NOTE follow up.")
    return [first, second]


def test_zip_bundle_holds_every_plan_in_three_formats(cli, tmp_path, two_plans):
    folder = tmp_path / "out"
    folder.mkdir()
    result = export(cli, "--case", NAME, "--format", "zip", "--out", f"{folder}/")
    assert result.exit_code == 0, result.stderr
    (written,) = folder.iterdir()
    assert re.fullmatch(r"case-1-plans-\d{4}-\d{2}-\d{2}\.zip", written.name)
    assert mode(written) == 0o600
    with zipfile.ZipFile(written) as archive:
        names = sorted(Path(n).name for n in archive.namelist() if not n.endswith("/"))
        (folder_info,) = [i for i in archive.infolist() if i.is_dir()]
        assert stat.S_IMODE(folder_info.external_attr >> 16) == 0o700
        diary = {"incidents.csv", "check-ins.csv"}  # the plans' incidents are in the diary
        assert diary <= set(names)
        stems = {n.rsplit(".", 1)[0] for n in names if n != "index.html" and n not in diary}
        assert len(stems) == 2 and len(names) == 9
        assert all(re.fullmatch(r"0[12]-de-escalation-plan-\d{4}-\d{2}-\d{2}", s) for s in stems)
        everything = b"".join(archive.read(n) for n in archive.namelist())
        index = next(archive.read(n) for n in archive.namelist() if n.endswith("index.html"))
        pdf = next(archive.read(n) for n in archive.namelist() if n.endswith(".pdf"))
        html_files = [archive.read(n) for n in archive.namelist() if n.endswith(".html")]
    assert b"SECRET-NOTE" not in everything and b"Someone else" not in everything
    pages = b"".join(html_files)
    assert b"<script" not in pages and b"&lt;script&gt;" in pages
    assert index.count(b'href="01-') == 3 and NAME.encode() in index
    assert pdf_text(pdf)[0] == 2


def test_zip_bundle_adds_notes_only_for_practitioners(cli, tmp_path, two_plans):
    out = tmp_path / "bundle.zip"
    result = export(cli, "--case", NAME, "--format", "zip", "--practitioner", "--out", out)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        files = {Path(n).name: archive.read(n) for n in archive.namelist() if n[-1] != "/"}
    assert len(files) == 11 and {"incidents.csv", "check-ins.csv"} <= set(files)
    notes = files["practitioner-notes.md"].decode()
    assert notes.startswith("# Practitioner notes - not for the family")
    assert "SECRET-NOTE" in notes
    assert b"Practitioner notes - not for the family" in files["practitioner-notes.html"]
    plan_files = [data for name, data in files.items() if name.startswith("0")]
    assert all(b"SECRET-NOTE" not in data for data in plan_files)
    assert b"practitioner-notes.html" in files["index.html"]


def test_html_bundle_is_one_document_with_page_breaks(cli, two_plans):
    page = export(cli, "--case", "1", "--format", "html").stdout
    assert page.count('<article class="plan"') == 2
    assert ".plan + .plan" in page and "break-before: page" in page
    assert "SECRET-NOTE" not in page and "Someone else" not in page
    assert f"<h1>Plans for {NAME}</h1>" in page
    assert "<script" not in page


def test_html_bundle_with_notes_marks_them(cli, two_plans):
    page = export(cli, "--case", NAME, "--format", "html", "--practitioner").stdout
    assert page.count('<section class="notes">') == 1
    notes = page[page.index('<section class="notes">') :]
    assert notes.index("Practitioner notes - not for the family") < notes.index("SECRET-NOTE")
    assert "This bundle includes practitioner notes - not for the family" in page


def test_zip_bundle_is_not_dumped_on_a_terminal(cli, two_plans, monkeypatch):
    monkeypatch.setattr("coach.cli.shared.stdout_is_terminal", lambda: True)
    result = export(cli, "--case", NAME, "--format", "zip")
    assert result.exit_code == 1 and "--out" in one_line(result.stderr)
    monkeypatch.setattr("coach.cli.shared.stdout_is_terminal", lambda: False)
    data = export(cli, "--case", NAME, "--format", "zip").stdout_bytes
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
