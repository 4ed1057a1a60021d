"""Shared fixtures: every test gets its own data folder, and helpers to run the CLI."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import textual._wait
from typer.testing import CliRunner

from coach.cli import app
from coach.flowformat.flow import Flow
from coach.flowformat.loader import Catalogue, load_folders
from coach.paths import shipped_flows_folder
from coach.services.workspace import Workspace

if TYPE_CHECKING:
    from coach.services.sessions import Conversation

# After every key, Pilot sleeps in slices of 1/50 s until a slice passes with the process idle:
# at least 40 ms a key, more than half of the app tests' time, spent asleep. Slices of 1/200 s
# (idle still meaning under a twentieth of the slice busy) halve it; every test still waits
# for what it checks with wait_for, never for a fixed time.
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20

TESTS = Path(__file__).parent
ANSWERS = TESTS / "answers"
MINIMAL = TESTS / "fixtures" / "minimal"
TODAY = date(2026, 11, 27)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked ``slow``) first, the rest in their order: with the tests shared
    among processes, a long one started last kept one process busy while the others waited
    (the suite took 4 min 35 s on two cores; the longest test alone takes half a minute)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder per test; nothing ever touches the real one."""
    folder = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(folder))
    monkeypatch.delenv("COACH_FLOWS", raising=False)
    return folder


@pytest.fixture(scope="session")
def checked_flows_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("checked-flows")


@pytest.fixture(autouse=True)
def flows_checked_once(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, checked_flows_folder: Path
) -> None:
    """The shipped flows are checked once per test process, not once per test (each test's
    new data folder would check them again: a quarter of a second every time). The cache's
    key covers every flow file and the checking code, so flows a test changes or adds are
    still checked afresh. A test marked ``own_flow_cache`` keeps the cache in its data folder,
    as the coach does; so does every command a test runs in a process of its own."""
    if request.node.get_closest_marker("own_flow_cache") is None:
        monkeypatch.setattr(Workspace, "cache_folder", property(lambda _ws: checked_flows_folder))


class NetworkUsed(AssertionError):
    """Raised when any code under test tries to reach a network."""


LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host in LOOPBACK_HOSTS:
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return isinstance(address, str | bytes)  # a Unix-domain path


@pytest.fixture(autouse=True)
def no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if any code path opens an internet socket: nothing leaves the machine.

    Unix-domain socket pairs stay allowed (asyncio's event loop wakes itself up with one).
    A test marked ``loopback`` (the browser mode's server and its clients) may also use
    127.0.0.1, and nothing else: every address it binds, connects or sends to is checked.
    """
    real_socket = socket.socket
    real_getaddrinfo = socket.getaddrinfo
    loopback = request.node.get_closest_marker("loopback") is not None

    def check(address: object) -> None:
        if not _is_loopback(address):
            raise NetworkUsed(f"a non-loopback address was used: {address!r}")

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            internet = family in (socket.AF_INET, socket.AF_INET6) or family == -1
            if internet and not loopback:
                raise NetworkUsed(f"a network socket was opened (family {family})")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

        def bind(self, address: object) -> None:
            check(address)
            super().bind(address)  # type: ignore[arg-type]

        def connect(self, address: object) -> None:
            check(address)
            super().connect(address)  # type: ignore[arg-type]

        def connect_ex(self, address: object) -> int:
            check(address)
            return super().connect_ex(address)  # type: ignore[arg-type]

        def sendto(self, data: bytes, *args: object) -> int:
            check(args[-1])
            return super().sendto(data, *args)  # type: ignore[arg-type, call-overload]

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"a network connection was attempted: {args!r}")

    def loopback_only(host: object, *args: object, **kwargs: object) -> object:
        check((host,))
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "getaddrinfo", loopback_only if loopback else refuse)
    if not loopback:  # with loopback it goes through the guarded getaddrinfo and connect
        monkeypatch.setattr(socket, "create_connection", refuse)


_SHIPPED: Catalogue | None = None


@pytest.fixture
def shipped() -> Catalogue:
    """The shipped flows, loaded once for the whole run (they are read-only)."""
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = load_folders([shipped_flows_folder()])
    assert not _SHIPPED.problems, _SHIPPED.problems
    return _SHIPPED


def store_at_schema(home: Path, version: int) -> sqlite3.Connection:
    """An empty store as a coach of schema ``version`` made it (the migrations up to it),
    open, for the tests of the migrations after it."""
    from coach.store.schema import MIGRATIONS

    home.mkdir(mode=0o700)
    db = sqlite3.connect(home / "coach.db")
    for number in range(1, version + 1):
        step = MIGRATIONS[number]
        if callable(step):
            step(db)
        else:
            db.executescript(step)
    db.execute(f"PRAGMA user_version = {version}")
    return db


@pytest.fixture
def mini_folder(tmp_path: Path) -> Path:
    """A private copy of the minimal valid flow pair, for tests that break it on purpose."""
    target = tmp_path / "flows-folder"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture
def mini(mini_folder: Path) -> Flow:
    return load_folders([mini_folder]).flows["mini"]


class Cli:
    """Runs `coach ...` in-process; stdout and stderr are kept apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str | Path, input: str | None = None, env: dict[str, str] | None = None
    ):
        return self.runner.invoke(
            app, [str(a) for a in args], input=input, env=env, catch_exceptions=False
        )


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace one exact piece of text in a file (fails loudly if the text is not there)."""

    def replace(file: Path, old: str, new: str) -> None:
        text = file.read_text()
        assert old in text, f"{old!r} not in {file}"
        file.write_text(text.replace(old, new, 1))

    return replace


def walk_to_extra(conversation: Conversation) -> None:
    """Answer the mini flow so that it stops at its optional 'extra' step."""
    conversation.advance()
    conversation.answer("danger", False)
    conversation.advance()
    conversation.answer("mood", "low")
    conversation.advance()
    assert conversation.session.state == "extra"


def drop_extra_step(folder: Path, edit: Callable[[Path, str, str], None]) -> None:
    """Take the 'extra' step out of the mini flow's two files, as an update of a flow might
    (its version goes up)."""
    machine, content = folder / "state_machines/mini.yaml", folder / "flows/mini.yaml"
    edit(machine, "  - extra\n", "")
    edit(
        machine,
        "  - {trigger: next, source: ask, dest: extra, when: {field: mood, in: [low, very_low]}}\n",
        "",
    )
    edit(machine, "  - {trigger: next, source: extra, dest: summary}\n", "")
    edit(
        content,
        "  extra:\n    say: Tell me more.\n    fields:\n"
        "      - {id: more, type: long_text, label: More}\n",
        "",
    )
    edit(content, "{% if answers.more %}More: {{ answers.more }}{% endif %}\n", "")
    edit(content, "version: 1", "version: 2")
