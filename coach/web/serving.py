"""Running `coach serve`: bind to this computer only, print or open a link, stop on ctrl+c.

What the serving terminal shows is ours alone: aiohttp's access log is off (it would print
the link's token), and any other log record is cut to the logger's name and the kind of
error, so no message, traceback or local variable can carry what the family typed.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import secrets
import signal
import socket
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from aiohttp import web

from coach.errors import CoachError
from coach.export.files import write_private
from coach.web.access import LINK_LIFETIME_SECONDS
from coach.web.app_process import AppCommand
from coach.web.browser import open_in_browser
from coach.web.link_file import LOOPBACK, link_file
from coach.web.server import CoachServer

FRESH_LINK_KEYS = "lL"


@dataclass(frozen=True)
class ServeOptions:
    port: int
    open_browser: bool
    command: AppCommand  # what each tab runs: the coach, with `coach serve`'s global options
    home: Path  # where the key for `coach serve --link` is kept


class PrivateLog(logging.Handler):
    """Our own lines as they are; anyone else's as a name and the kind of error only."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(logging.WARNING)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("coach."):
            text = record.getMessage()
        else:
            error = record.exc_info[1] if record.exc_info else None
            kind = f" ({type(error).__name__})" if error is not None else ""
            text = f"{record.name} reported a problem{kind}; the server carries on"
        print(f"coach serve: {text}", file=self.out, flush=True)


def bind(port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((LOOPBACK, port))
    except OSError:
        listener.close()
        raise CoachError(
            f"port {port} is in use (perhaps another coach serve); choose another with "
            "--port N, or --port 0 for any free one"
        ) from None
    listener.listen(64)
    listener.setblocking(False)
    return listener


def serve(options: ServeOptions, out: TextIO | None = None) -> None:
    """Serve until ctrl+c (or SIGTERM); the tabs' apps are asked to quit first."""
    out = out or sys.stdout
    handler = PrivateLog(sys.stderr)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        asyncio.run(_serve(options, out))
    except (CoachError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a traceback could show what a tab was sending: its kind only
        raise CoachError(
            f"the server stopped after an unexpected error ({type(exc).__name__})"
        ) from None
    finally:
        root.removeHandler(handler)


async def _serve(options: ServeOptions, out: TextIO) -> None:
    listener = bind(options.port)
    port = listener.getsockname()[1]
    link_key = secrets.token_urlsafe(32)
    server = CoachServer(port, options.command, link_key=link_key)
    runner = web.AppRunner(server.application(), access_log=None, handle_signals=False)
    await runner.setup()
    await web.SockSite(runner, listener).start()
    key_file = link_file(options.home, port)
    write_private(key_file, link_key.encode("ascii"), force=True)

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    def fresh_link() -> None:
        say(f"A fresh link (it works once, within {int(LINK_LIFETIME_SECONDS // 60)} minutes):")
        say(f"  {server.fresh_link()}")

    def on_key(key: str) -> None:
        if key in FRESH_LINK_KEYS:
            fresh_link()

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    say(f"NVR Coach is served on this computer only, at {server.origin}")
    if options.open_browser and open_in_browser(server.fresh_link()):
        say("It has opened in your web browser. If no window appeared, press L for a link.")
    else:
        fresh_link()
    say("Press L for a fresh link, ctrl+c to stop. Each browser tab runs its own coach.")
    # Listening: `coach serve` held Python's garbage collections while it started (it makes
    # many objects and almost no garbage). What it made stays for the server's life, so it is
    # frozen out of later collections, which go on from here.
    gc.freeze()
    gc.enable()
    try:
        with keys_from_terminal(loop, on_key):
            await stop.wait()
    finally:
        key_file.unlink(missing_ok=True)
        say("Stopping: every answer is already saved.")
        await runner.cleanup()


@contextlib.contextmanager
def keys_from_terminal(
    loop: asyncio.AbstractEventLoop, on_key: Callable[[str], None]
) -> Iterator[None]:
    """Single keys from the serving terminal (a line at a time from a pipe), while serving."""
    try:
        descriptor = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    saved = None
    if os.isatty(descriptor):
        import termios
        import tty

        saved = termios.tcgetattr(descriptor)
        tty.setcbreak(descriptor)

    def readable() -> None:
        data = os.read(descriptor, 64)
        if not data:
            loop.remove_reader(descriptor)
            return
        for key in data.decode("utf-8", "ignore"):
            on_key(key)

    try:
        loop.add_reader(descriptor, readable)
        watching = True
    except (NotImplementedError, OSError, ValueError):
        watching = False  # a regular file, or a platform without readers: --link still works
    try:
        yield
    finally:
        if watching:
            loop.remove_reader(descriptor)
        if saved is not None:
            import termios

            termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)
