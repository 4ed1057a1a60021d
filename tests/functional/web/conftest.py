"""Driving `coach serve` without a browser: a server in the test's own loop, and a client.

The client is aiohttp's, talking to 127.0.0.1 only; tests using it are marked ``loopback``
so the network guard lets them (and nothing else) through.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from coach.web.access import Access
from coach.web.app_process import AppCommand
from coach.web.server import CoachServer
from coach.web.serving import bind

BARE_APP = Path(__file__).parents[2] / "fixtures" / "web" / "bare_app.py"


def bare_app(mode: str = "") -> AppCommand:
    return AppCommand((sys.executable, str(BARE_APP)), {"WEB_TEST_MODE": mode})


@dataclass
class Served:
    """A running server and a client session that keeps no cookies of its own."""

    server: CoachServer
    client: aiohttp.ClientSession

    @property
    def base(self) -> str:
        return self.server.origin

    def link_path(self) -> str:
        return self.server.fresh_link().removeprefix(self.base)

    async def open_link(self, path: str | None = None) -> aiohttp.ClientResponse:
        url = self.base + (path or self.link_path())
        async with self.client.get(url, allow_redirects=False) as response:
            await response.read()
            return response

    async def cookie(self) -> str:
        """Open a fresh link as a browser would; the Cookie header it then sends."""
        response = await self.open_link()
        assert response.status == 303, response.status
        morsel = response.cookies[self.server.access.cookie_name]
        return f"{morsel.key}={morsel.value}"

    def connect(self, cookie: str | None, origin: str | None = "same", **kw: object):
        headers = {"Cookie": cookie} if cookie else {}
        if origin == "same":
            origin = self.base
        if origin is not None:
            headers["Origin"] = origin
        return self.client.ws_connect(self.base + "/ws?width=80&height=24", headers=headers, **kw)


@pytest.fixture
async def serve() -> AsyncIterator[Callable[..., object]]:
    runners: list[web.AppRunner] = []
    clients: list[aiohttp.ClientSession] = []

    async def start(
        command: AppCommand | None = None, *, clock: Callable[[], float] | None = None
    ) -> Served:
        listener = bind(0)
        port = listener.getsockname()[1]
        access = Access(port, clock=clock) if clock else None
        server = CoachServer(port, command or bare_app(), access=access, link_key="the-key")
        runner = web.AppRunner(server.application(), access_log=None)
        await runner.setup()
        await web.SockSite(runner, listener).start()
        runners.append(runner)
        client = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
        clients.append(client)
        return Served(server, client)

    yield start
    for client in clients:
        await client.close()
    for runner in runners:
        await runner.cleanup()


async def until(condition: Callable[[], object], timeout: float = 20.0) -> None:
    """Wait for a condition (never a fixed pause)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)
