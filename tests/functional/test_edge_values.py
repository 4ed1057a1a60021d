"""Numbers, dates and text at the edges: each is taken as typed, or refused in one line naming
where it is; never changed on the way in, never a traceback."""

from __future__ import annotations

import json

import pytest

from coach.fields import InvalidAnswer
from coach.fieldtypes.number_field import number_from
from coach.plain_text import clean_text
from tests.conftest import ANSWERS


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("3", 3),
        ("2.5", 2.5),
        ("2,5", 2.5),
        ("1,000", 1000),
        ("1 000", 1000),
        ("12,345,678", 12345678),
        ("-4", -4),
        (7, 7),
    ],
)
def test_numbers_are_read_as_people_write_them(typed, stored):
    assert number_from(typed) == stored


@pytest.mark.parametrize(
    "typed", ["1,2345", "1,000,00", "inf", "nan", "1e5", "9" * 50, 10**30, "1_000", "12abc"]
)
def test_numbers_that_could_be_misread_are_refused(typed):
    with pytest.raises(InvalidAnswer):
        number_from(typed)


def test_a_lone_surrogate_is_dropped_from_text():
    assert clean_text("Sa\ud800m") == "Sam"


def answers_with(tmp_path, name: str, extra: str):
    text = (ANSWERS / f"{name}.yaml").read_text()
    target = tmp_path / f"{name}.yaml"
    target.write_text(text + "\n" + extra + "\n")
    return target


def test_an_impossible_unquoted_date_names_its_field(cli, tmp_path):
    answers = (ANSWERS / "delayed_action.yaml").read_text()
    target = tmp_path / "answers.yaml"
    target.write_text(answers.replace("incident_date: 2026-11-27", "incident_date: 2026-02-30"))
    result = cli("run", "delayed_action", "--answers", target)
    assert result.exit_code == 1
    assert "incident_date" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_integer_of_thousands_of_digits_in_an_answer_file_is_one_line(cli, tmp_path):
    target = tmp_path / "answers.yaml"
    target.write_text("immediate_danger: no\nseverity: " + "9" * 5000 + "\n")
    result = cli("run", "delayed_action", "--answers", target)
    assert result.exit_code == 1
    assert f"{target}:2:" in result.stderr and "far too long" in result.stderr


@pytest.fixture
def exported(cli, tmp_path):
    made = cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--json")
    assert made.exit_code == 0, made.stderr
    path = tmp_path / "plan.json"
    assert cli("export", "1", "--format", "json", "--out", path).exit_code == 0
    return path


def test_an_import_with_a_lone_surrogate_keeps_the_rest_of_the_text(cli, exported):
    text = exported.read_text().replace('"title": "', '"title": "\\ud800', 1)
    exported.write_text(text)
    cli("erase", "--all", "--yes")
    result = cli("import", exported, "--json")
    assert result.exit_code == 0, result.stderr
    listed = json.loads(cli("plans", "--json").stdout)
    assert listed[0]["title"] == "De-escalation plan"


def test_an_import_with_a_huge_integer_is_one_line(cli, exported):
    text = exported.read_text()
    assert '"format": ' in text
    exported.write_text(text.replace('"format": ', '"big": ' + "9" * 5000 + ', "format": ', 1))
    result = cli("import", exported)
    assert result.exit_code == 1 and "nothing was imported" in result.stderr
