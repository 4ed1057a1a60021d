"""Bench row: from `coach serve` to the home screen's first paint in Chromium, against a bare
Textual app served the same way (bench/web_probe.py), taking turns in one run.

The clock starts when the server process is started and stops when Playwright sees the first
animation frame after the page has received the screen holding the app's own text (the home
screen's first flow, or the bare app's line): the server's start, the link, the page, its
scripts, the WebSocket, the app's start and Chromium drawing its first screen all count.
Debian's Chromium only; without it the row is skipped with the reason.
"""

from __future__ import annotations

import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from web_probe import BARE_TEXT

LINK = re.compile(r"http://127\.0\.0\.1:\d+/link/[A-Za-z0-9_-]+")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# Marks the first animation frame after a binary message that holds ``marker``.
PAINT_WATCH = """
(() => {
  const marker = %r;
  const Real = window.WebSocket;
  window.WebSocket = class extends Real {
    constructor(...args) {
      super(...args);
      const decoder = new TextDecoder();
      let seen = "";
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string" || window.painted) return;
        seen += decoder.decode(event.data, {stream: true});
        if (seen.includes(marker)) requestAnimationFrame(() => { window.painted = true; });
      });
    }
  };
})();
"""


def skipped_reason() -> str | None:
    if shutil.which("chromium") is None:
        return "Chromium is not installed (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    return None


def _served_to_paint(context: Any, command: list[str], marker: str) -> float:
    started = time.perf_counter()
    server = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert server.stdout is not None
        link = next(found.group(0) for line in server.stdout if (found := LINK.search(line)))
        page = context.new_page()
        page.add_init_script(PAINT_WATCH % marker)
        page.goto(link)
        page.wait_for_function("() => window.painted === true", polling="raf", timeout=60_000)
        elapsed = (time.perf_counter() - started) * 1000
        page.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    return elapsed


def web_start_row(coach_home: Path, first_flow_title: str, repeat: int) -> tuple[float, float]:
    """Medians (ms) of serve-to-first-paint: the coach's home, and the bare app's screen."""
    from playwright.sync_api import sync_playwright

    coach = [sys.executable, "-m", "coach", "--home", str(coach_home), "serve", "--no-open"]
    coach += ["--port", "0"]
    probe = Path(__file__).with_name("web_probe.py")
    with tempfile.TemporaryDirectory() as bare_home, sync_playwright() as playwright:
        bare = [sys.executable, str(probe), "serve", bare_home]
        context = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="coach-bench-chromium-"),
            executable_path=shutil.which("chromium"),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1000, "height": 640},
        )
        runs: dict[str, list[float]] = {"coach": [], "bare": []}
        try:
            _served_to_paint(context, coach, first_flow_title)  # first starts fill caches
            _served_to_paint(context, bare, BARE_TEXT)
            for _ in range(repeat):  # taking turns, so drift in the machine weighs on both
                runs["coach"].append(_served_to_paint(context, coach, first_flow_title))
                runs["bare"].append(_served_to_paint(context, bare, BARE_TEXT))
        finally:
            context.close()
    return statistics.median(runs["coach"]), statistics.median(runs["bare"])
