"""The page a tab loads, its four static files, and the headers every response carries.

textual-serve's own page loads a font from a third-party host and starts its client with
inline handlers; ours loads only files from this server (textual-serve's client and terminal
styles, and two small files of ours) and names no other host. The terminal draws with the
system's monospace fonts. The title stays "Notes" whatever the app shows, and the line shown
when the tab's app has ended is as plain, since it may end while the notes page is up.
"""

from __future__ import annotations

import html
from importlib.resources import files
from pathlib import Path

PAGE_TITLE = "Notes"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="stylesheet" href="/static/xterm.css">
<link rel="stylesheet" href="/static/coach.css">
<script src="/static/coach.js"></script>
<script src="/static/textual.js"></script>
</head>
<body>
<div class="closed"><div>
<p>This page has closed.</p>
<button type="button" id="open-again">Open again</button>
</div></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{websocket_url}"
 data-font-size="16"></div>
</body>
</html>
"""

_CLIENT = files("textual_serve") / "static"
_OURS = Path(__file__).with_name("static")

# name -> (file, content type). Nothing else is served.
STATIC_FILES: dict[str, tuple[Path, str]] = {
    "textual.js": (Path(str(_CLIENT / "js" / "textual.js")), "text/javascript"),
    "xterm.css": (Path(str(_CLIENT / "css" / "xterm.css")), "text/css"),
    "coach.js": (_OURS / "coach.js", "text/javascript"),
    "coach.css": (_OURS / "coach.css", "text/css"),
}


def page(websocket_url: str) -> str:
    return _PAGE.format(title=PAGE_TITLE, websocket_url=html.escape(websocket_url, quote=True))


def security_headers(websocket_url: str) -> dict[str, str]:
    """For every response: load nothing from elsewhere, keep nothing, tell no one where from."""
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # the terminal injects its own styles
            "font-src 'self'",
            "img-src 'self'",
            f"connect-src {websocket_url}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return {
        "Content-Security-Policy": policy,
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
