"""The NVR Coach app: home, conversation, plan, and the keys that work everywhere.

Screens other than home load on first use, so the app is ready sooner. Screens never hold
flow logic or touch the store: they ask the use cases (``coach.services``) and show what
they return. Navigation always goes through the home screen at the bottom of the stack, so "Home"
and "Back" are predictable.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from coach.errors import CoachError
from coach.flow_info import FlowCard
from coach.flowformat.catalogue import Catalogue
from coach.phrases import sentence_start
from coach.records import Case
from coach.safety import Region
from coach.services import Services
from coach.tui.commands import CoachCommands, PaletteEntries
from coach.tui.failures import shows_mistakes
from coach.tui.passphrase_lock import Clock, LockingApp
from coach.tui.screens.hide import NeutralScreen
from coach.tui.screens.home import HomeScreen
from coach.web import quick_hide

NEEDS_A_TERMINAL = (
    "the app needs a terminal: run 'coach' in a terminal window ('coach run' walks a flow "
    "without one, from a file of answers)"
)


def has_terminal() -> bool:
    """Whether the app can draw and read keys: a terminal on the streams Textual uses
    (stdin, stderr), or a driver chosen for it (a browser tab sets TEXTUAL_DRIVER)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    streams = (sys.__stdin__, sys.__stderr__)
    return all(stream is not None and stream.isatty() for stream in streams)


# While the lock screen is up: nothing that could show the family's data.
HIDDEN_WHEN_LOCKED = {
    "command_palette",
    "practitioner_material",
    "toggle_practitioner",
    "change_theme",
    "lock_now",
}


class CoachApp(LockingApp):
    CSS_PATH = Path(__file__).with_name("coach.tcss")
    COMMANDS: ClassVar = App.COMMANDS | {CoachCommands}
    COMMAND_PALETTE_DISPLAY = "^p"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", priority=True),
        Binding("f2,ctrl+g", "help_now", "Help now", key_display="F2", priority=True),
        Binding("f3,ctrl+n", "quick_hide", "Hide", key_display="F3", priority=True),
        Binding(
            "f4,ctrl+t",
            "practitioner_material(False)",
            "Hide notes",
            key_display="F4",
            priority=True,
        ),
        Binding(
            "f4,ctrl+t", "practitioner_material(True)", "Notes", key_display="F4", priority=True
        ),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    practitioner: reactive[bool] = reactive(False)
    practitioner_hidden: reactive[bool] = reactive(False)

    def __init__(
        self,
        services: Services,
        *,
        practitioner: bool = False,
        case_limit: Case | None = None,
        start: tuple[str, int | None] | None = None,
        resume: int | None = None,
        today: date | None = None,
        cursor_blink: bool = True,
        prepare: Callable[[], dict[str, Any]] | None = None,
        idle_lock_seconds: float | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        """``prepare`` (for a store still waiting for its passphrase) is called once it is
        unlocked and returns ``case_limit``, ``start`` and ``resume``; a CoachError from it
        ends the app with ``failure`` set. ``idle_lock_seconds`` overrides the setting, and
        ``clock`` (seconds, only ever compared) is what the idle lock measures time with."""
        super().__init__(prepare=prepare, idle_lock_seconds=idle_lock_seconds, clock=clock)
        self.services = services
        self.case_limit = case_limit
        self.today = today or date.today()
        self.cursor_blink = cursor_blink
        self._start = start
        self._resume = resume
        self.palette = PaletteEntries(self)
        self.set_reactive(CoachApp.practitioner, practitioner)

    def run(self, *args: Any, **kwargs: Any) -> int | None:
        """Without a terminal the app would draw into a pipe and wait for keys that never
        come (for ever, on a store waiting for its passphrase): one line instead."""
        if not kwargs.get("headless") and not has_terminal():
            raise CoachError(NEEDS_A_TERMINAL)
        return super().run(*args, **kwargs)

    # --- what the coach knows -------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """The flows as models: loaded the first time a flow is started or resumed."""
        return self.services.flows.catalogue

    @property
    def cards(self) -> dict[str, FlowCard]:
        """What home and the palette show of each flow; needs no flow models."""
        return self.services.flows.cards

    def set_region(self, code: str) -> Region | None:
        """Choose the region for crisis lines; an unknown one is refused, with one line."""
        try:
            return self.services.settings.set_region(code)
        except CoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None

    @shows_mistakes
    def mark_welcomed(self) -> None:
        self.services.settings.mark_welcomed()

    # --- starting -------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        if self.is_web and quick_hide.starts_hidden():
            return NeutralScreen()  # a tab reloaded while hidden: nothing of the coach is drawn
        home = HomeScreen()  # empty until the store is open (see HomeScreen.on_mount)
        return home.add_class(self._width_class())

    def _width_class(self) -> str:
        """The class Textual gives the first screen at its first resize (the widest of
        HORIZONTAL_BREAKPOINTS the terminal reaches). Given before home is styled, the resize
        finds it there and home is not styled a second time (8 ms of a 330 ms start)."""
        width = self.size.width
        return max(point for point in self.HORIZONTAL_BREAKPOINTS if width >= point[0])[1]

    @shows_mistakes
    def on_mount(self) -> None:
        theme = self.services.settings.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self._apply_practitioner_classes()
        if isinstance(self.screen, NeutralScreen):
            self.title = self.HIDDEN_TITLE
            return  # the coach opens on ctrl+r (see action_unhide)
        self._open()

    def _home_screen(self) -> HomeScreen:
        return HomeScreen()

    def _open(self) -> None:
        """Notices about the flows, then the lock screen or what the app was asked to open on."""
        for problem in self.services.flows.skipped:
            self.notify(
                f"A flow was skipped: {problem}", severity="warning", timeout=10, markup=False
            )
        if self.services.data.needs_passphrase:
            self.push_screen(self._lock_screen(idle=False))
        else:
            self._show_notices()
            self._begin()

    def _show_notices(self) -> None:
        """What opening the store had to say (today's backup could not be made, a lock that
        was stopped has been finished), once the person can see it."""
        for text in self.services.data.take_notices():
            self.notify(sentence_start(text), severity="warning", timeout=10, markup=False)

    def on_ready(self) -> None:
        """The first screen is drawn. Start-up made most of the objects the app will hold
        (modules, styles, flows). Freezing them keeps Python's full garbage collections from
        walking them again; those collections paused a conversation for 40 to 85 ms, and for
        7 to 22 ms once frozen. Collections started with the app were held until now (see
        coach.tui.launch): they go on from here."""
        gc.freeze()
        gc.enable()

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _take_opening(self, options: dict[str, Any]) -> None:
        """What to open on, worked out once the store was unlocked (see ``prepare``)."""
        self.case_limit = options.get("case_limit")
        self._start = options.get("start")
        self._resume = options.get("resume")

    def _begin(self) -> None:
        """With the store open: the idle lock, today's backup, the welcome the first time the
        coach is seen (whatever it opens on), then what the app was asked to open on."""
        self._start_idle_lock()
        self.run_worker(self._back_up_today, thread=True, group="backup")
        if not self.services.settings.welcomed:
            from coach.tui.screens.first_run import FirstRunScreen

            asked = self._start is not None or self._resume is not None
            offer_case = not asked and self.case_limit is None
            self.push_screen(FirstRunScreen(offer_case=offer_case), self._after_first_run)
            return
        self._open_asked()

    def _open_asked(self) -> None:
        if self._start is not None:
            self.start_flow(*self._start)
        elif self._resume is not None:
            self.resume_session(self._resume)

    def _back_up_today(self) -> None:
        """In a worker: copying a large store takes a while, and the app stays drawn."""
        problem = self.services.data.daily_backup(date.today())
        if problem:
            self.call_from_thread(
                self.notify, problem, severity="warning", timeout=10, markup=False
            )

    def _after_first_run(self, choice: str | None) -> None:
        if self._start is not None or self._resume is not None:
            self._open_asked()
            return
        home = self.home
        if choice == "case":
            home.action_new_case()
        else:
            home.refresh_all(focus=True)

    @shows_mistakes
    def watch_theme(self, theme: str) -> None:
        """Keep a theme the person picks; the one applied at start is already kept, and
        opening the app writes nothing."""
        if theme != self.services.settings.theme:
            self.services.settings.set_theme(theme)

    # --- navigation -----------------------------------------------------------------------------

    @property
    def home(self) -> HomeScreen:
        return next(s for s in self.screen_stack if isinstance(s, HomeScreen))

    def go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        self.home.refresh_all(focus=True)

    def _show(self, screen: Screen[Any]) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        self.push_screen(screen)

    def start_flow(self, flow_id: str, case_id: int | None = None) -> None:
        from coach.tui.screens.conversation import ConversationScreen

        if self.case_limit is not None:
            case_id = self.case_limit.id
        try:
            conversation = self.services.sessions.start(flow_id, case_id, self.today)
        except CoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show(ConversationScreen(conversation))

    def resume_session(self, session_id: int) -> None:
        from coach.tui.screens.conversation import ConversationScreen

        try:
            conversation = self.services.sessions.resume(
                session_id, self.today, case_limit=self.case_limit
            )
        except CoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show(ConversationScreen(conversation))

    def open_plan(self, plan_id: int) -> None:
        from coach.tui.screens.plan import PlanScreen

        try:
            plan = self.services.plans.get(plan_id, case_limit=self.case_limit)
        except CoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show(PlanScreen(plan.id))

    # --- what the palette offers (limited to one case when asked) ------------------------------

    def palette_case(self) -> int | None:
        if self.case_limit is not None:
            return self.case_limit.id
        for screen in reversed(self.screen_stack):
            if isinstance(screen, HomeScreen):
                return screen.selected_case
        return None

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # "Switch theme" replaces "Theme"; "Screenshot" is left out because it would write
        # the family's words to a file that is not private.
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Screenshot"):
                yield command

    # --- keys that work everywhere ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.hides_action(action):
            return False
        if action in HIDDEN_WHEN_LOCKED and (self.is_locked or self.services.data.needs_passphrase):
            return False
        if action == "practitioner_material":
            return self.practitioner and parameters[0] == self.practitioner_hidden
        return True

    def _in_front(self, question: str) -> Any:
        """What the nearest screen that can answer ``question`` (a method's name) says, for
        help now: nothing before unlocking, and nothing while hidden (a case's names, or which
        page help now leads with, would say what the notes page covers)."""
        if self.is_locked or self.hidden:
            return None
        for screen in reversed(self.screen_stack):
            answer = getattr(screen, question, None)
            if callable(answer):
                return answer()
        return None

    @shows_mistakes
    def action_help(self) -> None:
        """Help for the screen in front; while hidden, only a plain line about that screen
        (``plain_help``), with nothing about the coach or its keys."""
        from coach.tui.screens.help import PLAIN_HELP, HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        if self.hidden:
            plain = getattr(screen, "plain_help", None)
            self.push_screen(HelpScreen(plain() if callable(plain) else PLAIN_HELP, keys=False))
            return
        helper = getattr(screen, "help_markdown", None)
        text = helper() if callable(helper) else PLAIN_HELP
        notes = getattr(screen, "practitioner_help", None)
        self.push_screen(HelpScreen(text, practitioner=notes() if callable(notes) else None))

    @shows_mistakes
    def action_help_now(self) -> None:
        """What to do in danger, over whatever is in front (the notes page included)."""
        from coach.tui.screens.safety_help import SafetyHelpScreen

        if isinstance(self.screen, SafetyHelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(
            SafetyHelpScreen(
                self.region_code,
                self._in_front("case_profile"),  # the case's own contacts
                step=self._in_front("step_in_front"),  # after a struggling yes: adults first
            )
        )

    def action_change_region(self) -> None:
        from coach.tui.screens.region import RegionScreen

        def chosen(code: str | None) -> None:
            region = self.set_region(code) if code else None
            if region is not None:
                self.notify(f"Crisis lines now for: {region.name}", markup=False)

        self.push_screen(RegionScreen(self.region_code), chosen)

    async def action_quit(self) -> None:
        """Quit. Typed answers are kept as drafts as their screens close; work kept only
        when it is saved (a plan being edited, a list being filled in) is asked about first,
        in words that say nothing while the coach is hidden."""
        from coach.tui.screens.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog) and self.screen.id == "quit-unsaved":
            return
        unsaved = [
            what
            for screen in reversed(self.screen_stack)
            if callable(ask := getattr(screen, "unsaved_work", None)) and (what := ask())
        ]
        if not unsaved:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        body = (
            "Some changes are not saved yet." if self.hidden else f"{unsaved[0]} is not saved yet."
        )
        self.push_screen(
            ConfirmDialog(
                "Quit without saving?",
                sentence_start(body),
                yes="Quit without saving",
                no="Go back",
                id="quit-unsaved",
            ),
            answered,
        )

    def on_delivery_failed(self, _event: events.DeliveryFailed) -> None:
        """A download to the browser (browser mode) broke off; the plan itself is safe."""
        self.notify("The download did not finish. Please export again.", severity="error")

    # --- practitioner mode --------------------------------------------------------------------

    def _apply_practitioner_classes(self) -> None:
        self.set_class(self.practitioner and not self.practitioner_hidden, "-practitioner")
        self.refresh_bindings()

    def watch_practitioner(self, _on: bool) -> None:
        self.practitioner_hidden = False
        self._apply_practitioner_classes()
        home = next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)
        if home is not None and home.is_mounted and not self.services.data.needs_passphrase:
            home.refresh_all(focus=False)  # its lists show more, or less, in this mode

    def watch_practitioner_hidden(self, _hidden: bool) -> None:
        self._apply_practitioner_classes()

    def action_toggle_practitioner(self) -> None:
        self.practitioner = not self.practitioner
        self.notify(f"Practitioner mode {'on' if self.practitioner else 'off'}.", markup=False)

    def action_practitioner_material(self, show: bool) -> None:
        """One key hides (and shows again) everything meant for the practitioner only; the
        keys go back to the question, not to a notes box that is no longer there."""
        if not self.practitioner:
            return
        self.practitioner_hidden = not show
        restore = getattr(self.screen, "restore_focus", None)
        if callable(restore) and (self.focused is None or not show):
            self.call_after_refresh(restore)
