"""Start a Textual app headless, stop once its first screen is ready for input, and print the
peak memory. Run as a separate process so start-up is measured from a cold interpreter.

    python bench/tui_probe.py bare      a bare app: Header, Markdown, Input, Footer
    python bench/tui_probe.py coach     NVR Coach's home screen (COACH_HOME chooses the store)
"""

from __future__ import annotations

import json
import resource
import sys


def bare_app():
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input, Markdown

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Markdown("# NVR Coach\n\nA bare app of the same kind, for comparison.")
            yield Input(placeholder="Type here")
            yield Footer()

        def on_ready(self) -> None:
            self.exit()

    return Bare()


def coach_app():
    from coach.services import Services, Workspace
    from coach.tui.app import CoachApp
    from coach.tui.screens.home import HomeScreen

    class Probe(CoachApp):
        def on_ready(self) -> None:
            self.set_interval(0.001, self._check)

        def _check(self) -> None:
            if isinstance(self.screen, HomeScreen) and self.screen.focused is not None:
                self.exit()

    return Probe(Services(Workspace()), cursor_blink=False)


def peak_rss_kb() -> int:
    """This program's own peak. On Linux ``ru_maxrss`` also counts the parent's memory at
    the fork before exec (so every probe started by a large bench showed the bench's size);
    the memory map's high-water mark (VmHWM) starts afresh at exec."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    app = bare_app() if sys.argv[1] == "bare" else coach_app()
    app.run(headless=True, size=(100, 32))
    print(json.dumps({"rss_kb": peak_rss_kb()}))


if __name__ == "__main__":
    main()
