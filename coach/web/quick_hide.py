"""Quick hide across a reload: what the app in a tab and the server tell each other.

Reloading a tab ends its app and starts a new one, which would open on home. So the app
reports each quick hide and each ctrl+r on a pipe the server gives it, and the server starts
the next app of that browser session on the notes page while it is hidden. Plain lines on a
pipe of our own, rather than a message on Textual's driver, keep this off Textual's private
API. This module imports nothing, so the app can use it without the web extra.
"""

from __future__ import annotations

import contextlib
import os

EVENTS_FD_ENV = "COACH_BROWSER_EVENTS_FD"
HIDDEN_ENV = "COACH_BROWSER_HIDDEN"
HIDDEN = "hidden"
SHOWN = "shown"


def starts_hidden() -> bool:
    """The server asks this app to open on the notes page (its tab was hidden, then reloaded)."""
    return os.environ.get(HIDDEN_ENV) == "1"


def report(hidden: bool) -> None:
    """Tell the server the app was hidden or shown; does nothing outside a browser tab."""
    descriptor = os.environ.get(EVENTS_FD_ENV, "")
    if not descriptor.isdigit():
        return
    with contextlib.suppress(OSError):  # the server has gone; the tab is closing anyway
        os.write(int(descriptor), f"{HIDDEN if hidden else SHOWN}\n".encode("ascii"))
