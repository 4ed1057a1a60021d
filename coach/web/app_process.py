"""One coach app per browser tab: started without a shell, relayed, and ended with the tab.

The relay speaks textual-serve's protocol (Textual's web driver on the app's side, its page
client on the browser's). Where textual-serve's own AppService falls short it is replaced:
the app is started from an argument list, never through a shell; its standard error is read
and thrown away, because a crash report there can hold what the family typed; links the app
asks to open are dropped; deliveries go to the single-use ``Downloads``. A second pipe
carries the app's quick hide to the server, so a reload shows the notes page again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, BinaryIO

from aiohttp import web
from textual_serve._binary_encode import DecodeError
from textual_serve._binary_encode import load as binary_load
from textual_serve.app_service import AppService

from coach.web.access import BrowserSession
from coach.web.downloads import Download, Downloads, safe_file_name
from coach.web.quick_hide import EVENTS_FD_ENV, HIDDEN, HIDDEN_ENV, SHOWN

log = logging.getLogger("coach.web")

READY_LINE = b"__GANGLION__\n"
TAB_MODULE = "coach.tui.browser_tab"
QUIT_WAIT_SECONDS = 5.0
KILL_WAIT_SECONDS = 2.0


@dataclass(frozen=True)
class AppCommand:
    """How to start one app: an argument list (no shell) and what to add to the environment."""

    argv: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def coach(cls, options: list[str]) -> AppCommand:
        """The coach itself, started for a tab (``coach.tui.browser_tab``, which skips the
        command line), with the options `coach serve` was given and has checked."""
        return cls((sys.executable, "-m", TAB_MODULE, *options))


def _clamp(value: Any, low: int, high: int, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def terminal_size(query: Mapping[str, str]) -> tuple[int, int]:
    return _clamp(query.get("width"), 10, 500, 80), _clamp(query.get("height"), 5, 200, 24)


class AppProcess:
    """The app behind one tab; ``stop`` ends it however it is doing."""

    def __init__(
        self,
        command: AppCommand,
        socket: web.WebSocketResponse,
        downloads: Downloads,
        session: BrowserSession,
    ) -> None:
        self.command = command
        self.socket = socket
        self.downloads = downloads
        self.session = session
        self.started_drawing = False
        self._process: asyncio.subprocess.Process | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    async def start(self, width: int, height: int) -> None:
        read_end, write_end = os.pipe()
        env = {
            **os.environ,
            **self.command.env,
            "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
            "TEXTUAL_FPS": "60",
            "TEXTUAL_COLOR_SYSTEM": "truecolor",
            "TERM_PROGRAM": "textual",
            "COLUMNS": str(width),
            "ROWS": str(height),
            EVENTS_FD_ENV: str(write_end),
            HIDDEN_ENV: "1" if self.session.hidden else "",
        }
        try:
            self._process = await asyncio.create_subprocess_exec(
                *self.command.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=env,
                pass_fds=(write_end,),
                start_new_session=True,  # ctrl+c in the serving terminal is the server's to handle
            )
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        events = os.fdopen(read_end, "rb", buffering=0)
        self._tasks = [
            asyncio.create_task(self._relay_screen()),
            asyncio.create_task(self._discard_errors()),
            asyncio.create_task(self._follow_events(events)),
        ]

    # --- from the app to the browser ----------------------------------------------------------

    async def _relay_screen(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        try:
            for _ in range(10):
                line = await stdout.readline()
                if not line or line == READY_LINE:
                    break
            if line != READY_LINE:
                return
            self.started_drawing = True
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if kind == b"D":
                    await self.socket.send_bytes(payload)
                elif kind == b"M":
                    meta = json.loads(payload)
                    if isinstance(meta, dict):
                        await self._on_meta(meta)
                elif kind == b"P":
                    self._on_packed(payload)
        except (
            asyncio.IncompleteReadError,
            ConnectionError,
            RuntimeError,
            ValueError,
            DecodeError,
        ):
            pass  # the app ended, the tab closed, or the app sent something malformed
        finally:
            await self._ended()

    async def _ended(self) -> None:
        process = self._process
        if process is not None and not self.started_drawing:
            code = await process.wait()
            log.warning(
                "the coach could not start in a browser tab (exit code %s); run `coach` with "
                "the same options in a terminal to see why",
                code,
            )
        await self.socket.close()

    async def _on_meta(self, meta: dict[str, Any]) -> None:
        kind = meta.get("type")
        if kind == "exit":
            await self.socket.close()
        elif kind == "deliver_file_start":
            await self._offer_download(meta)
        # "open_url" is dropped on purpose: links are never opened from the browser mode.

    async def _offer_download(self, meta: dict[str, Any]) -> None:
        download = Download(
            key=str(meta.get("key", "")),
            owner=self.session,
            file_name=safe_file_name(PurePath(str(meta.get("path", ""))).name),
            mime_type=str(meta.get("mime_type") or ""),
            encoding=str(meta.get("encoding") or "") or None,
            request_chunk=self.request_chunk,
        )
        if self.downloads.offer(download):
            await self.socket.send_str(json.dumps(["deliver_file_start", download.key]))

    def _on_packed(self, payload: bytes) -> None:
        unpacked = binary_load(payload)
        if isinstance(unpacked, list | tuple) and len(unpacked) == 3:
            kind, key, chunk = unpacked
            if kind == "deliver_chunk" and isinstance(key, str):
                self.downloads.chunk_arrived(key, chunk)

    async def _discard_errors(self) -> None:
        """Read the app's standard error so it never blocks, and show none of it."""
        assert self._process is not None and self._process.stderr is not None
        while await self._process.stderr.read(65536):
            pass

    async def _follow_events(self, events: BinaryIO) -> None:
        """The app says when it hides and shows itself; the session remembers it."""
        reader = asyncio.StreamReader()
        loop = asyncio.get_running_loop()
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), events
        )
        try:
            while line := await reader.readline():
                word = line.strip().decode("ascii", "replace")
                if word in (HIDDEN, SHOWN):
                    self.session.hidden = word == HIDDEN
        finally:
            transport.close()

    # --- from the browser to the app ----------------------------------------------------------

    async def from_browser(self, text: str) -> None:
        """One message of textual-serve's page client; anything malformed is ignored."""
        try:
            envelope = json.loads(text)
        except ValueError:
            return
        if not isinstance(envelope, list) or not envelope:
            return
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await self._send(b"D", data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = terminal_size(data)
            await self._send_meta({"type": "resize", "width": width, "height": height})
        elif kind == "ping" and isinstance(data, str):
            await self.socket.send_str(json.dumps(["pong", data[:32]]))
        elif kind in ("focus", "blur"):
            await self._send_meta({"type": kind})

    async def request_chunk(self, key: str, size: int) -> bool:
        return await self._send_meta({"type": "deliver_chunk_request", "key": key, "size": size})

    async def _send_meta(self, meta: dict[str, Any]) -> bool:
        return await self._send(b"M", json.dumps(meta).encode("utf-8"))

    async def _send(self, kind: bytes, payload: bytes) -> bool:
        process = self._process
        if process is None or process.stdin is None or process.returncode is not None:
            return False
        try:
            process.stdin.write(AppService.encode_packet(kind, payload))  # type: ignore[arg-type]
            await process.stdin.drain()
        except (ConnectionError, RuntimeError):
            return False
        return True

    # --- ending -------------------------------------------------------------------------------

    async def stop(self) -> None:
        """Ask the app to quit (everything is already saved); end it if it does not."""
        self.downloads.cancel(self.request_chunk)
        process = self._process
        if process is not None and process.returncode is None:
            await self._send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), QUIT_WAIT_SECONDS)
            except TimeoutError:
                process.kill()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), KILL_WAIT_SECONDS)
        for task in self._tasks:
            if not task.done():
                task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
