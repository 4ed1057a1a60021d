"""The web server of `coach serve`: who may connect, and what each route hands out.

Every request must name the host exactly as printed (127.0.0.1:PORT), which defeats DNS
rebinding. Apart from the one-use link itself, every route needs the session cookie; the
WebSocket also needs the page's own Origin. A refusal is a 403 with one line, and nothing is
started. No handler writes what it received anywhere.
"""

from __future__ import annotations

import hmac
import logging

from aiohttp import WSMsgType, web
from aiohttp.typedefs import Handler

from coach.web.access import Access, BrowserSession
from coach.web.app_process import AppCommand, AppProcess, terminal_size
from coach.web.downloads import Downloads
from coach.web.link_file import FRESH_LINK_PATH, LINK_KEY_HEADER, LOOPBACK
from coach.web.page import STATIC_FILES, page, security_headers

log = logging.getLogger("coach.web")

REFUSED = (
    "This page opens only from the link that `coach serve` prints. "
    "Press L where it runs for a fresh link.\n"
)
LINK_SPENT = (
    "This link has been used or has expired. Press L where `coach serve` runs for a fresh one.\n"
)


def refused(text: str = REFUSED) -> web.Response:
    return web.Response(status=403, text=text, content_type="text/plain")


class CoachServer:
    """One server run: its address, who holds a cookie, the tabs and their downloads.

    ``link_key`` lets `coach serve --link` ask this server for a fresh link; it is kept in a
    file only the user can read.
    """

    def __init__(
        self,
        port: int,
        command: AppCommand,
        *,
        access: Access | None = None,
        link_key: str = "",
    ) -> None:
        self.host = f"{LOOPBACK}:{port}"
        self.origin = f"http://{self.host}"
        self.websocket_url = f"ws://{self.host}/ws"
        self.command = command
        self.access = access or Access(port)
        self.link_key = link_key
        self.downloads = Downloads()
        self.tabs: set[AppProcess] = set()
        self.apps_started = 0
        self._headers = security_headers(self.websocket_url)

    def fresh_link(self) -> str:
        return f"{self.origin}/link/{self.access.new_link_token()}"

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=4096)
        app.router.add_get("/link/{token}", self._open_link)
        app.router.add_post(FRESH_LINK_PATH, self._make_link)
        app.router.add_get("/", self._page)
        app.router.add_get("/ws", self._websocket)
        app.router.add_get("/download/{key}", self._download)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/favicon.ico", self._no_icon)
        app.on_response_prepare.append(self._add_headers)
        app.on_shutdown.append(self._close_tabs)
        return app

    # --- checks around every request ----------------------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.headers.get("Host") != self.host:
            return refused()
        if request.match_info.handler in (self._open_link, self._make_link):
            return await handler(request)  # each checks its own secret
        if self._session(request) is None:
            return refused()
        return await handler(request)

    def _session(self, request: web.Request) -> BrowserSession | None:
        return self.access.session(request.cookies.get(self.access.cookie_name))

    async def _add_headers(self, _request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(self._headers)

    # --- routes -------------------------------------------------------------------------------

    async def _open_link(self, request: web.Request) -> web.StreamResponse:
        """A one-use link becomes a cookie; the address bar then shows no token."""
        session = self.access.redeem(request.match_info["token"])
        if session is None:
            return refused(LINK_SPENT)
        response = web.Response(status=303, headers={"Location": f"{self.origin}/"})
        response.set_cookie(
            self.access.cookie_name, session.cookie, path="/", httponly=True, samesite="Strict"
        )
        return response

    async def _make_link(self, request: web.Request) -> web.StreamResponse:
        given = request.headers.get(LINK_KEY_HEADER, "").encode()
        if not self.link_key or not hmac.compare_digest(given, self.link_key.encode()):
            return refused()
        return web.Response(text=self.fresh_link() + "\n", content_type="text/plain")

    async def _page(self, _request: web.Request) -> web.StreamResponse:
        return web.Response(text=page(self.websocket_url), content_type="text/html")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        entry = STATIC_FILES.get(request.match_info["name"])
        if entry is None:
            raise web.HTTPNotFound()
        path, content_type = entry
        return web.FileResponse(path, headers={"Content-Type": content_type})

    async def _no_icon(self, _request: web.Request) -> web.StreamResponse:
        return web.Response(status=204)  # a neutral tab: no icon

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        session = self._session(request)
        if session is None or request.headers.get("Origin") != self.origin:
            return refused()
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        await socket.prepare(request)
        tab = AppProcess(self.command, socket, self.downloads, session)
        self.tabs.add(tab)
        self.apps_started += 1
        try:
            await tab.start(*terminal_size(request.query))
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    await tab.from_browser(message.data)
        finally:
            await tab.stop()
            self.tabs.discard(tab)
        return socket

    async def _download(self, request: web.Request) -> web.StreamResponse:
        session = self._session(request)
        download = session and self.downloads.take(request.match_info["key"], session)
        if not download:
            return refused("This download has been used already, or belongs to another window.\n")
        response = web.StreamResponse(
            headers={
                "Content-Type": download.content_type,
                "Content-Disposition": f'attachment; filename="{download.file_name}"',
            }
        )
        await response.prepare(request)
        async for chunk in self.downloads.stream(download):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def _close_tabs(self, _app: web.Application) -> None:
        for tab in list(self.tabs):
            await tab.stop()
