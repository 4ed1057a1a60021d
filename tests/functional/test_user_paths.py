"""Paths the person types: expanded once, refused in one line when they cannot be used, and
never a reason to read for ever, wait for ever, or write over something that is not a file."""

from __future__ import annotations

import os
import stat

import pytest

from tests.conftest import ANSWERS

pytestmark = pytest.mark.own_flow_cache  # where the data folder (and its cache) goes


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_import_and_run_refuse_a_device_without_reading_it(cli, device):
    imported = cli("import", device)
    assert imported.exit_code == 1
    assert "not a regular file" in imported.stderr and "nothing was imported" in imported.stderr
    walked = cli("run", "de_escalation", "--answers", device)
    assert walked.exit_code == 1
    assert "not a regular file" in walked.stderr


def test_import_and_run_refuse_a_named_pipe_instead_of_waiting(cli, fifo):
    assert "not a regular file" in cli("import", fifo).stderr
    assert "not a regular file" in cli("run", "de_escalation", "--answers", fifo).stderr


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path):
    from coach.user_files import FileTooLarge, read_limited

    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge):
        read_limited(path, 100)
    path.write_bytes(b"x" * 100)
    assert read_limited(path, 100) == b"x" * 100


def test_flows_folder_with_a_tilde_is_expanded(cli, tmp_path, monkeypatch, mini_folder):
    monkeypatch.setenv("HOME", str(mini_folder.parent))
    tilde = f"~/{mini_folder.name}"
    assert cli("--flows", tilde, "flows").exit_code == 0
    monkeypatch.setenv("COACH_FLOWS", tilde)
    assert cli("flows").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--home", "~nosuchuser/x", "flows"],
        ["--flows", "~nosuchuser/x", "flows"],
        ["import", "~nosuchuser/plan.json"],
    ],
)
def test_an_unknown_user_in_a_path_is_one_line(cli, args):
    result = cli(*args)
    assert result.exit_code == 1
    assert "~nosuchuser" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_user_in_coach_home_is_one_line(cli, monkeypatch):
    monkeypatch.setenv("COACH_HOME", "~nosuchuser/data")
    result = cli("flows")
    assert result.exit_code == 1 and "cannot find the home folder" in result.stderr


def test_an_empty_home_is_not_the_current_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("--home", "", "cases")
    assert result.exit_code == 1 and "--home folder is empty" in result.stderr
    assert not (tmp_path / "coach.db").exists()


def test_the_data_folder_is_private_whatever_the_umask(cli, tmp_path, monkeypatch):
    home = tmp_path / "new" / "deeper" / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    old = os.umask(0)
    try:
        assert cli("flows").exit_code == 0
        assert cli("cases").exit_code == 0
    finally:
        os.umask(old)
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper", home, home / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@pytest.fixture
def plan_id(cli):
    made = cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--json")
    assert made.exit_code == 0, made.stderr
    return "1"


def test_force_never_replaces_a_pipe_or_a_link(cli, plan_id, fifo, tmp_path):
    refused = cli("export", plan_id, "--format", "md", "--out", fifo, "--force")
    assert refused.exit_code == 1 and "not a regular file" in refused.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "link.md"
    link.symlink_to(precious)
    refused = cli("export", plan_id, "--format", "md", "--out", link, "--force")
    assert refused.exit_code == 1 and "not a regular file" in refused.stderr
    assert precious.read_text() == "keep me" and link.is_symlink()
    plain = tmp_path / "plan.md"
    plain.write_text("old")
    assert cli("export", plan_id, "--format", "md", "--out", plain, "--force").exit_code == 0
    assert plain.read_text() != "old"
