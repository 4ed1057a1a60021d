"""Driving the coach in Debian's Chromium with Playwright (never a downloaded browser).

The terminal in the page draws on a canvas, so what a person sees is read back from the
bytes the page receives, through pyte (a terminal emulator for tests). Where Chromium is
missing the tests skip and say why; CI sets COACH_REQUIRE_BROWSER=1, which turns that skip
into a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium")
REQUIRE_ENV = "COACH_REQUIRE_BROWSER"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no name but our own resolves, so nothing could leave even by mistake.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1000, "height": 640}
LINK = re.compile(r"http://127\.0\.0\.1:\d+/link/[A-Za-z0-9_-]+")


def need_chromium() -> str:
    """Chromium's path; skip (or, in CI, fail) with the reason when it is not there."""
    reason = None
    if CHROMIUM is None:
        reason = "Chromium is not installed (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright for Python is not installed (pip install -e '.[test]')"
    if reason is None:
        assert CHROMIUM is not None
        return CHROMIUM
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@contextmanager
def chromium(user_data: Path, downloads: Path) -> Iterator[Any]:
    """A fresh headless Chromium profile; yields Playwright's browser context."""
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=VIEWPORT,
            accept_downloads=True,
            downloads_path=str(downloads),
        )
        try:
            yield context
        finally:
            context.close()


@contextmanager
def coach_serving(home: Path, *options: str) -> Iterator[tuple[str, Callable[[], str]]]:
    """`coach serve --no-open --port 0` in its own process: its first link, and a way to ask
    for another (the L key in its terminal). Stopped with ctrl+c (SIGINT) at the end."""
    command = [sys.executable, "-m", "coach", "--home", str(home), *options]
    process = subprocess.Popen(
        [*command, "serve", "--no-open", "--port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DISPLAY": "", "WAYLAND_DISPLAY": ""},
    )
    assert process.stdin is not None and process.stdout is not None

    def next_link() -> str:
        assert process.stdout is not None
        for line in process.stdout:
            if found := LINK.search(line):
                return found.group(0)
        raise AssertionError("coach serve printed no link")

    def fresh_link() -> str:
        assert process.stdin is not None
        process.stdin.write("l\n")
        process.stdin.flush()
        return next_link()

    try:
        yield next_link(), fresh_link
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


class TabScreen:
    """What one tab's terminal shows, rebuilt from the bytes its WebSocket receives."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.connections = 0  # a reload makes a new one, with a new app behind it
        self.received = b""
        self._screen: Any = None
        self._stream: Any = None
        page.on("websocket", self._attach)

    def _attach(self, socket: Any) -> None:
        import pyte

        query = dict(part.split("=", 1) for part in socket.url.split("?", 1)[1].split("&"))
        self._screen = pyte.Screen(int(query["width"]), int(query["height"]))
        self._stream = pyte.ByteStream(self._screen)
        self.received = b""
        self.connections += 1
        socket.on("framereceived", self._received)
        socket.on("framesent", self._sent)

    def _received(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.received += payload
            self._stream.feed(payload)

    def _sent(self, payload: bytes | str) -> None:
        message = json.loads(payload)
        if message[0] == "resize":
            self._screen.resize(message[1]["height"], message[1]["width"])

    @property
    def text(self) -> str:
        return "" if self._screen is None else "\n".join(self._screen.display)

    def wait_until(self, condition: Callable[[str], bool], timeout: float = 30.0) -> str:
        """Let the page run until ``condition(screen text)`` holds; never a fixed pause."""
        deadline = time.monotonic() + timeout
        while not condition(self.text):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the screen shows:\n{self.text}")
            self.page.wait_for_timeout(25)
        return self.text

    def wait_for(self, *words: str, timeout: float = 30.0) -> str:
        return self.wait_until(lambda text: all(w in text for w in words), timeout)

    def press(self, *keys: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        for key in keys:
            self.page.keyboard.press(key)


class PlayedServer:
    """Our page and textual-serve's client in Chromium, with the server played by the test: it
    answers the page's requests (with the server's headers) and stands in for the app behind
    the WebSocket. Nothing listens anywhere; every request and message is recorded."""

    ORIGIN = "http://127.0.0.1:9"
    WEBSOCKET_URL = "ws://127.0.0.1:9/ws"

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.sent: list[str] = []
        self.requests: list[str] = []
        self._socket: Any = None
        context.on("request", lambda request: self.requests.append(request.url))
        self.page.route(self.ORIGIN + "/**", self._answer)
        self.page.route_web_socket(
            re.compile(re.escape(self.WEBSOCKET_URL) + r"\?"), self._connected
        )
        self.page.goto(self.ORIGIN + "/")
        self.page.wait_for_function("() => document.body.classList.contains('-loaded')")

    def _answer(self, route: Any) -> None:
        from coach.web.page import STATIC_FILES, page, security_headers

        headers = security_headers(self.WEBSOCKET_URL)
        path = route.request.url.removeprefix(self.ORIGIN)
        if path == "/":
            route.fulfill(body=page(self.WEBSOCKET_URL), content_type="text/html", headers=headers)
        elif path.startswith("/static/") and path[8:] in STATIC_FILES:
            file, content_type = STATIC_FILES[path[8:]]
            route.fulfill(body=file.read_bytes(), content_type=content_type, headers=headers)
        elif path.startswith("/download/"):
            route.fulfill(body=b"A calm plan.\n", content_type="text/markdown", headers=headers)
        else:
            route.fulfill(status=404, headers=headers)

    def _connected(self, socket: Any) -> None:
        self._socket = socket
        socket.on_message(lambda message: self.sent.append(message))

    def to_page(self, message: list[Any]) -> None:
        """A message from the server to textual-serve's client."""
        self._socket.send(json.dumps(message))

    def stdin(self) -> str:
        """What the page has sent the app as typed keys, so far."""
        return "".join(m[1] for m in map(json.loads, self.sent) if m[0] == "stdin")
