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


def run_coach() -> None:
    """NVR Coach as `coach` starts it (coach.tui.launch.run_app: the store opened first, garbage
    collections held until the first paint), headless, ended once home has the focus."""
    import coach.tui.app as app_module
    from coach.services import Services, Workspace
    from coach.tui.launch import run_app
    from coach.tui.screens.home import HomeScreen

    class Probe(app_module.CoachApp):
        def run(self, **_options):  # run_app's own run, but headless at the bench's size
            return super().run(headless=True, size=(100, 32))

        def on_ready(self) -> None:
            super().on_ready()
            if not self._check():  # home usually has the focus by its first paint
                self.set_interval(0.001, self._check)

        def _check(self) -> bool:
            ready = isinstance(self.screen, HomeScreen) and self.screen.focused is not None
            if ready:
                self.exit()
            return ready

    app_module.CoachApp = Probe  # run_app imports the app class when it is called
    run_app(Services(Workspace()), practitioner=False, case=None)


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
    if sys.argv[1] == "bare":
        bare_app().run(headless=True, size=(100, 32))
    else:
        run_coach()
    print(json.dumps({"rss_kb": peak_rss_kb()}))


if __name__ == "__main__":
    main()
