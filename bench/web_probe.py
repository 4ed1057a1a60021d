"""The bench's baseline for the browser mode: a bare Textual app, served the way `coach serve`
serves the coach (the same server, page, client and protocol; only the app differs).

    python bench/web_probe.py serve HOME   serve the bare app; prints a link, as coach serve does
    python bench/web_probe.py app          the bare app itself (what each tab runs)
"""

from __future__ import annotations

import sys
from pathlib import Path

BARE_TEXT = "A bare app of the same kind, for comparison."


def bare_app() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input, Markdown

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Markdown(f"# NVR Coach\n\n{BARE_TEXT}")
            yield Input(placeholder="Type here")
            yield Footer()

    Bare().run()


def serve_bare(home: Path) -> None:
    from coach.web.app_process import AppCommand
    from coach.web.serving import ServeOptions, serve

    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    command = AppCommand((sys.executable, str(Path(__file__).resolve()), "app"))
    serve(ServeOptions(port=0, open_browser=False, command=command, home=home))


if __name__ == "__main__":
    if sys.argv[1] == "app":
        bare_app()
    else:
        serve_bare(Path(sys.argv[2]))
