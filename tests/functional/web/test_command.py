"""`coach serve` on the command line: one line for each mistake, links on demand, clean stop."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from coach.web import serving

LINK = re.compile(r"http://127\.0\.0\.1:(\d+)/link/[A-Za-z0-9_-]{43,}")


@pytest.mark.parametrize("host", ["0.0.0.0", "localhost", "192.168.1.10", "::"])
def test_any_host_but_loopback_is_refused_in_one_line(cli, host):
    result = cli("serve", "--host", host, "--no-open")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"coach: coach serve listens on 127.0.0.1 only (this computer); --host {host} is refused\n"
    )


def test_without_the_web_extra_one_line_names_it(cli, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "aiohttp" else real(name, *a),
    )
    result = cli("serve", "--no-open")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "pip install 'nvr-coach[web]'" in result.stderr


def test_a_port_out_of_range_is_one_line():
    result = subprocess.run(
        [sys.executable, "-m", "coach", "serve", "--port", "70000", "--no-open"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("coach serve: invalid value for '--port'")
    assert result.stderr.count("\n") == 1


def test_a_fresh_link_needs_a_running_server(cli):
    result = cli("serve", "--link")
    assert result.exit_code == 1
    assert result.stderr == (
        "coach: no coach serve is running for this data folder; start one first\n"
    )


@pytest.mark.loopback
def test_a_port_in_use_is_one_line(cli):
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        result = cli("serve", "--port", str(port), "--no-open")
    finally:
        taken.close()
    assert result.exit_code == 1
    assert result.stderr.startswith(f"coach: port {port} is in use")
    assert result.stderr.count("\n") == 1


def start_serving(home: Path) -> tuple[subprocess.Popen[str], str]:
    """`coach serve --no-open --port 0` in its own process; its first link."""
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "--home", str(home), "serve", "--no-open", "--port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DISPLAY": ""},
    )
    assert process.stdout is not None
    for line in process.stdout:
        if found := LINK.search(line):
            return process, found.group(0)
    raise AssertionError(process.stderr.read() if process.stderr else "no link printed")


@pytest.mark.loopback
def test_links_come_from_a_key_or_from_coach_serve_link_and_ctrl_c_stops(cli, home):
    process, first = start_serving(home)
    try:
        port = LINK.search(first).group(1)
        key_file = home / f"serve-{port}.key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("l\n")
        process.stdin.flush()
        from_key = next(found.group(0) for line in process.stdout if (found := LINK.search(line)))
        result = cli("serve", "--link")
        assert result.exit_code == 0, result.stderr
        from_command = result.stdout.strip()
        assert LINK.fullmatch(from_command)
        assert len({first, from_key, from_command}) == 3
        assert cli("serve", "--link", "--port", port).exit_code == 0
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Stopping: every answer is already saved." in out
    assert err == ""
    assert not key_file.exists()


@pytest.mark.loopback
def test_coach_serve_holds_collections_while_it_starts_and_collects_once_listening(
    cli, monkeypatch
):
    """Start-up makes many objects and almost no garbage: collections wait until it listens."""
    seen: dict[str, bool] = {}
    real_serve = serving.serve

    def starting(options, out=None):
        seen["starting"] = gc.isenabled()
        real_serve(options, out)

    @contextlib.contextmanager
    def listening(loop, on_key):
        seen["listening"] = gc.isenabled()
        loop.call_soon(os.kill, os.getpid(), signal.SIGTERM)  # then stop, as ctrl+c would
        yield

    monkeypatch.setattr(serving, "serve", starting)
    monkeypatch.setattr(serving, "keys_from_terminal", listening)
    try:
        result = cli("serve", "--no-open", "--port", "0")
    finally:
        gc.enable()
        gc.unfreeze()
    assert result.exit_code == 0, result.stderr
    assert seen == {"starting": False, "listening": True}
