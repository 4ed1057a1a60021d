"""Opening the link in the person's own web browser, where there is a desktop to show it.

Python's webbrowser module falls back to a text browser (lynx, w3m) inside the terminal
when it finds no desktop; that would take over the serving terminal and spend the one-use
link, so a text browser counts as no browser here.
"""

from __future__ import annotations

import os
import sys
import webbrowser


def has_desktop() -> bool:
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def open_in_browser(link: str) -> bool:
    """True when a desktop browser was asked to open ``link``."""
    if not has_desktop():
        return False
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if type(browser) is webbrowser.GenericBrowser:  # a text browser in this terminal
        return False
    try:
        return bool(browser.open(link, new=2))
    except OSError:
        return False
