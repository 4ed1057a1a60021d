"""Who may connect to `coach serve`, spoken as HTTP and WebSocket (no browser).

Every refusal is a 403 and starts nothing; the right cookie, from the right page, connects.
"""

from __future__ import annotations

import json
import os
import re

import aiohttp
import pytest

from coach.web.access import LINK_LIFETIME_SECONDS
from coach.web.app_process import AppCommand
from tests.functional.web.conftest import bare_app, until

pytestmark = pytest.mark.loopback


async def refused(response: aiohttp.ClientResponse) -> bool:
    return response.status == 403


async def test_without_a_cookie_every_route_is_refused_and_nothing_starts(serve):
    served = await serve()
    for path in ("/", "/static/textual.js", "/download/" + "0" * 32, "/no-such-page"):
        async with served.client.get(served.base + path) as response:
            assert response.status == 403, path
            assert "link that `coach serve` prints" in await response.text()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refusal:
        await served.connect(None)
    assert refusal.value.status == 403
    assert served.server.apps_started == 0


async def test_a_wrong_token_is_refused_and_sets_no_cookie(serve):
    served = await serve()
    real = served.link_path()
    wrong = real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")
    response = await served.open_link(wrong)
    assert response.status == 403
    assert served.server.access.cookie_name not in response.cookies
    assert (await served.open_link("/link/")).status == 403


async def test_a_link_works_once_and_leaves_no_token_in_the_address(serve):
    served = await serve()
    path = served.link_path()
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes in URL-safe base64: 256 bits
    first = await served.open_link(path)
    assert first.status == 303
    assert first.headers["Location"] == served.base + "/"
    assert first.headers["Referrer-Policy"] == "no-referrer"
    cookie = first.cookies[served.server.access.cookie_name]
    port = str(served.server.host.rsplit(":", 1)[1])
    assert port in cookie.key
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"
    assert not cookie["domain"] and not cookie["max-age"]
    again = await served.open_link(path)
    assert again.status == 403
    assert "used or has expired" in await again.text()


async def test_an_unused_link_expires(serve):
    now = [1000.0]
    served = await serve(clock=lambda: now[0])
    late, in_time = served.link_path(), served.link_path()
    now[0] += LINK_LIFETIME_SECONDS - 1
    assert (await served.open_link(in_time)).status == 303
    now[0] += 2
    assert (await served.open_link(late)).status == 403


@pytest.mark.parametrize(
    "origin",
    [
        None,
        "http://localhost:{port}",
        "https://127.0.0.1:{port}",
        "http://127.0.0.1:{other}",
        "http://127.0.0.1",
        "http://evil.example",
        "null",
    ],
)
async def test_a_websocket_from_any_other_origin_is_refused(serve, origin):
    served = await serve()
    cookie = await served.cookie()
    port = int(served.server.host.rsplit(":", 1)[1])
    if origin is not None:
        origin = origin.format(port=port, other=port + 1)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refusal:
        await served.connect(cookie, origin=origin)
    assert refusal.value.status == 403
    assert served.server.apps_started == 0


@pytest.mark.parametrize(
    "host", ["localhost:{port}", "127.0.0.1", "127.0.0.1:{other}", "evil.example", ""]
)
async def test_any_other_host_header_is_refused_even_with_the_cookie(serve, host):
    """A page on another name that resolves here (DNS rebinding) gets nothing at all."""
    served = await serve()
    cookie = await served.cookie()
    port = int(served.server.host.rsplit(":", 1)[1])
    headers = {"Host": host.format(port=port, other=port + 1), "Cookie": cookie}
    async with served.client.get(served.base + "/", headers=headers) as response:
        assert response.status == 403
    path = served.link_path()
    async with served.client.get(served.base + path, headers=headers) as response:
        assert response.status == 403
    assert (await served.open_link(path)).status == 303  # the refusal did not spend it
    with pytest.raises(aiohttp.WSServerHandshakeError):
        await served.client.ws_connect(
            served.base + "/ws", headers={**headers, "Origin": served.base}
        )
    assert served.server.apps_started == 0


async def test_the_right_cookie_connects_and_the_app_ends_with_the_tab(serve, home):
    served = await serve(AppCommand.coach(["--home", str(home)]))
    cookie = await served.cookie()
    async with served.client.get(served.base + "/", headers={"Cookie": cookie}) as page:
        assert page.status == 200
        assert "<title>Notes</title>" in await page.text()
    socket = await served.connect(cookie)
    screen = b""
    while b"NVR Coach" not in screen:
        message = await socket.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        screen += message.data
    (tab,) = served.server.tabs
    pid = tab.pid
    assert pid is not None and served.server.apps_started == 1
    await socket.close()
    await until(lambda: not served.server.tabs)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_a_download_key_works_once_and_only_for_its_own_browser(serve):
    served = await serve(bare_app("deliver"))
    owner, stranger = await served.cookie(), await served.cookie()
    socket = await served.connect(owner)
    key = await _delivery_key(socket)
    url = f"{served.base}/download/{key}"
    async with served.client.get(url) as response:
        assert response.status == 403  # no cookie
    async with served.client.get(url, headers={"Cookie": stranger}) as response:
        assert response.status == 403  # another browser's session
    async with served.client.get(url, headers={"Cookie": owner}) as response:
        assert response.status == 200
        assert await response.text() == "A calm plan.\n"
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="plan-2026-11-27.md"'
        )
        assert response.headers["Cache-Control"] == "no-store"
    async with served.client.get(url, headers={"Cookie": owner}) as response:
        assert response.status == 403  # used once already
    await socket.close()


async def _delivery_key(socket: aiohttp.ClientWebSocketResponse) -> str:
    """Read the tab's messages until the app offers a file; fail on any link to open."""
    while True:
        message = await socket.receive(timeout=30)
        if message.type == aiohttp.WSMsgType.TEXT:
            kind, data = json.loads(message.data)
            assert kind != "open_url"
            if kind == "deliver_file_start":
                assert re.fullmatch(r"[0-9a-f]{32}", data)
                return str(data)
        else:
            assert message.type == aiohttp.WSMsgType.BINARY, message


async def test_links_the_app_asks_to_open_never_reach_the_browser(serve):
    served = await serve(bare_app("open_url deliver"))
    socket = await served.connect(await served.cookie())
    await _delivery_key(socket)  # the app asked to open a link first: nothing came of it
    await socket.close()


async def test_every_response_carries_the_privacy_headers(serve):
    served = await serve()
    cookie = await served.cookie()
    ws_url = served.server.websocket_url
    for path, status in (("/", 200), ("/static/coach.js", 200), ("/static/x.js", 404)):
        async with served.client.get(served.base + path, headers={"Cookie": cookie}) as r:
            assert r.status == status
            policy = {
                directive.split(" ", 1)[0]: directive.split(" ", 1)[1]
                for directive in r.headers["Content-Security-Policy"].split("; ")
            }
            assert policy == {
                "default-src": "'none'",
                "script-src": "'self'",
                "style-src": "'self' 'unsafe-inline'",
                "font-src": "'self'",
                "img-src": "'self'",
                "connect-src": ws_url,
                "frame-ancestors": "'none'",
                "base-uri": "'none'",
                "form-action": "'none'",
            }
            assert r.headers["Cache-Control"] == "no-store"
            assert r.headers["Referrer-Policy"] == "no-referrer"
            assert r.headers["X-Content-Type-Options"] == "nosniff"
    async with served.client.get(served.base + "/") as refusal:
        assert refusal.status == 403
        assert refusal.headers["Cache-Control"] == "no-store"


async def test_the_page_loads_only_this_servers_files_and_runs_no_inline_script(serve):
    served = await serve()
    cookie = await served.cookie()
    async with served.client.get(served.base + "/", headers={"Cookie": cookie}) as r:
        page = await r.text()
    addresses = re.findall(r"\b(?:src|href)=\"([^\"]+)\"", page)
    assert addresses and all(a.startswith("/static/") for a in addresses), addresses
    assert re.findall(r"[a-z]+://[^\"<\s]+", page) == [served.server.websocket_url]
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
    assert not re.search(r"\son[a-z]+=", page)
    for name in ("textual.js", "xterm.css", "coach.js", "coach.css"):
        async with served.client.get(
            f"{served.base}/static/{name}", headers={"Cookie": cookie}
        ) as r:
            body = await r.text()
            assert r.status == 200
            assert "fonts.googleapis" not in body and "@import" not in body


async def test_a_quick_hide_is_remembered_for_the_browser_session(serve):
    served = await serve(bare_app("hide"))
    cookie = await served.cookie()
    session = served.server.access.session(cookie.split("=", 1)[1])
    assert session is not None and not session.hidden
    socket = await served.connect(cookie)
    await until(lambda: session.hidden)
    await socket.close()


async def test_nothing_the_app_prints_reaches_the_servers_output(serve, capfd, caplog):
    """A crash report (with local variables) goes to the app's stderr: none of it shows."""
    from tests.fixtures.web.bare_app import SECRET

    served = await serve(bare_app("crash"))
    socket = await served.connect(await served.cookie())
    while (await socket.receive(timeout=30)).type != aiohttp.WSMsgType.CLOSE:
        pass
    await until(lambda: not served.server.tabs)
    out, err = capfd.readouterr()
    assert SECRET not in out + err + caplog.text
    assert "Traceback" not in out + err + caplog.text
