"""The NVR Coach app: home, conversation, plan, and the keys that work everywhere.

Screens other than home load on first use, so the app is ready sooner. Screens never hold
flow logic: they call ``Conversation`` (engine + store) and show what it
returns. Navigation always goes through the home screen at the bottom of the stack, so "Home"
and "Back" are predictable.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.reactive import reactive
from textual.screen import Screen

from coach.errors import CoachError
from coach.flow_info import FlowCard
from coach.flowformat.catalogue import Catalogue
from coach.records import Case, PlanSummary, SessionSummary
from coach.safety import REGION_SETTING, REGIONS
from coach.store import Store
from coach.tui.screens.hide import NeutralScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.unlock import UnlockScreen
from coach.vault import WrongPassphrase
from coach.web import quick_hide
from coach.workspace import Workspace

WELCOMED_SETTING = "welcomed"
THEME_SETTING = "theme"
HIDDEN_WHEN_NEUTRAL = {
    "help",
    "help_now",
    "quick_hide",
    "command_palette",
    "practitioner_material",
}
# While the lock screen is up: nothing that could show the family's data.
HIDDEN_WHEN_LOCKED = {
    "command_palette",
    "practitioner_material",
    "toggle_practitioner",
    "change_theme",
    "lock_now",
}


class CoachCommands(Provider):
    """Command palette entries: start a flow, resume a session, open a plan, and more."""

    def _commands(self) -> list[tuple[str, str, Any]]:
        app: CoachApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Any]] = []
        case_id = app.palette_case()
        for card in app.cards.values():
            commands.append(
                (
                    f"Start: {card.title}",
                    f"{card.summary} (about {card.minutes} min)",
                    partial(app.start_flow, card.id, case_id),
                )
            )
        for row, case_name in app.visible_sessions():
            card = app.cards[row.flow_id]
            who = f" for {case_name}" if case_name else ""
            where = card.step(row.state)
            commands.append(
                (
                    f"Resume: {card.title}{who}",
                    f"Carry on where you stopped: {where}",
                    partial(app.resume_session, row.id),
                )
            )
        for plan in app.visible_plans():
            commands.append(
                (
                    f"Open plan: {plan.title}",
                    f"Made {plan.created[:10]}",
                    partial(app.open_plan, plan.id),
                )
            )
        state = "off" if app.practitioner else "on"
        commands += [
            (
                f"Practitioner mode: turn {state}",
                "Notes for each step, session notes and the flow's map beside the conversation",
                app.action_toggle_practitioner,
            ),
            ("Switch theme", "Light, dark and other colour themes", app.action_change_theme),
            ("Help now", "What to do in danger, and crisis lines", app.action_help_now),
            ("Change region", "Which crisis lines the coach shows", app.action_change_region),
            ("Home", "Cases, sessions in progress, flows and plans", app.go_home),
        ]
        if app.store.is_locked:
            commands.append(
                ("Lock now", "Cover the coach until the passphrase is typed", app.action_lock_now)
            )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class CoachApp(App[int]):
    CSS_PATH = Path(__file__).with_name("coach.tcss")
    TITLE = "NVR Coach"
    COMMANDS: ClassVar = App.COMMANDS | {CoachCommands}
    COMMAND_PALETTE_DISPLAY = "^p"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (110, "-wide")]

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
        workspace: Workspace,
        *,
        practitioner: bool = False,
        case_limit: Case | None = None,
        start: tuple[str, int | None] | None = None,
        resume: int | None = None,
        today: date | None = None,
        cursor_blink: bool = True,
        prepare: Callable[[], dict[str, Any]] | None = None,
        idle_lock_seconds: float | None = None,
    ) -> None:
        """``prepare`` (for a store still waiting for its passphrase) is called once it is
        unlocked and returns ``case_limit``, ``start`` and ``resume``; a CoachError from it
        ends the app with ``failure`` set. ``idle_lock_seconds`` overrides the setting."""
        super().__init__()
        self.workspace = workspace
        self.case_limit = case_limit
        self.today = today or date.today()
        self.cursor_blink = cursor_blink
        self._start = start
        self._resume = resume
        self._prepare = prepare
        self._idle_lock_seconds = idle_lock_seconds
        self._last_input = time.monotonic()
        self.failure: str | None = None
        self.set_reactive(CoachApp.practitioner, practitioner)

    # --- the workspace ------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self.workspace.store

    @property
    def catalogue(self) -> Catalogue:
        """The flows as models: loaded the first time a flow is started or resumed."""
        return self.workspace.catalogue

    @property
    def cards(self) -> dict[str, FlowCard]:
        """What home and the palette show of each flow; needs no flow models."""
        return self.workspace.cards

    @property
    def region_code(self) -> str | None:
        return self.store.setting(REGION_SETTING)

    def set_region(self, code: str) -> None:
        if code in REGIONS:
            self.store.set_setting(REGION_SETTING, code)

    def mark_welcomed(self) -> None:
        self.store.set_setting(WELCOMED_SETTING, "1")

    # --- starting -------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        if self.is_web and quick_hide.starts_hidden():
            return NeutralScreen()  # a tab reloaded while hidden: nothing of the coach is drawn
        return HomeScreen()  # empty until the store is open (see HomeScreen.on_mount)

    def on_mount(self) -> None:
        theme = self.store.setting(THEME_SETTING)
        if theme and theme in self.available_themes:
            self.theme = theme
        self._apply_practitioner_classes()
        if isinstance(self.screen, NeutralScreen):
            self.title = "Notes"
            return  # the coach opens on ctrl+r (see action_unhide)
        self._open()

    def _open(self) -> None:
        """Notices about the flows, then the lock screen or what the app was asked to open on."""
        for file, line, message in self.workspace.flow_summary["problems"]:
            problem = f"{file}:{line}: {message}"
            self.notify(
                f"A flow was skipped: {problem}", severity="warning", timeout=10, markup=False
            )
        if self.store.needs_passphrase:
            self.push_screen(self._lock_screen(idle=False))
        else:
            self._begin()

    def on_ready(self) -> None:
        """Start-up made most of the objects the app will hold (modules, styles, flows).
        Freezing them keeps Python's full garbage collections from walking them again; those
        collections paused a conversation for 40 to 85 ms, and for 7 to 22 ms once frozen."""
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _begin(self) -> None:
        """With the store open: the idle lock, then what the app was asked to open on."""
        self._start_idle_lock()
        if self._start is not None:
            self.start_flow(*self._start)
        elif self._resume is not None:
            self.resume_session(self._resume)
        elif self.store.setting(WELCOMED_SETTING) is None and self.case_limit is None:
            from coach.tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(), self._after_first_run)

    def _after_first_run(self, choice: str | None) -> None:
        home = self.home
        if choice == "case":
            home.action_new_case()
        else:
            home.refresh_all(focus=True)

    # --- the passphrase lock ------------------------------------------------------------------

    def _lock_screen(self, *, idle: bool) -> UnlockScreen:
        return UnlockScreen(folder=self.workspace.home, region_code=self.region_code, idle=idle)

    @property
    def is_locked(self) -> bool:
        """The lock screen is up (at start, or after the app was idle)."""
        return any(isinstance(s, UnlockScreen) for s in self.screen_stack)

    def try_passphrase(self, passphrase: str, *, idle: bool) -> bool:
        """From the lock screen: open the store (at start) or check the passphrase (idle)."""
        if idle:
            if not self.store.check_passphrase(passphrase):
                return False
            self._last_input = time.monotonic()
            if isinstance(self.screen, UnlockScreen):
                self.pop_screen()
            return True
        try:
            self.store.provide_passphrase(passphrase)
        except WrongPassphrase:
            return False
        self.call_later(self._after_unlock)
        return True

    async def _after_unlock(self) -> None:
        if self._prepare is not None:
            try:
                options = self._prepare()
            except CoachError as exc:
                self.failure = str(exc)
                self.exit(return_code=1)
                return
            self.case_limit = options.get("case_limit")
            self._start = options.get("start")
            self._resume = options.get("resume")
        self._last_input = time.monotonic()
        if isinstance(self.screen, UnlockScreen):
            await self.pop_screen()
        self._begin()

    @property
    def idle_lock_seconds(self) -> float:
        """0 when the app never locks itself: a store without a passphrase, or the setting 0."""
        if not self.store.is_locked:
            return 0.0
        if self._idle_lock_seconds is not None:
            return max(self._idle_lock_seconds, 0.0)
        return self.store.idle_lock_minutes() * 60

    def _start_idle_lock(self) -> None:
        seconds = self.idle_lock_seconds
        if seconds > 0:
            self._last_input = time.monotonic()
            self.set_interval(min(max(seconds / 20, 0.05), 2.0), self._check_idle)

    def _check_idle(self) -> None:
        seconds = self.idle_lock_seconds
        if seconds and time.monotonic() - self._last_input >= seconds:
            self.action_lock_now()

    def action_lock_now(self) -> None:
        """Cover everything with the lock screen; the screens underneath wait unchanged."""
        if self.is_locked or not self.store.is_locked:
            return
        self.clear_notifications()
        self.push_screen(self._lock_screen(idle=True))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseEvent | events.Paste):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted:
            self.store.set_setting(THEME_SETTING, theme)

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
        from coach.services.sessions import Conversation
        from coach.tui.screens.conversation import ConversationScreen

        if self.case_limit is not None:
            case_id = self.case_limit.id
        try:
            flow = self.catalogue.get(flow_id)
            case = self.store.case(case_id) if case_id is not None else None
            conversation = Conversation.start(self.store, flow, case=case, today=self.today)
        except CoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show(ConversationScreen(conversation))

    def resume_session(self, session_id: int) -> None:
        from coach.services.sessions import Conversation
        from coach.tui.screens.conversation import ConversationScreen

        try:
            conversation = Conversation.resume(self.store, self.catalogue, session_id, self.today)
        except CoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if self.case_limit is not None and conversation.case_id != self.case_limit.id:
            self.notify("That session belongs to another case.", severity="error", markup=False)
            return
        self._show(ConversationScreen(conversation))

    def open_plan(self, plan_id: int) -> None:
        from coach.tui.screens.plan import PlanScreen

        try:
            plan = self.store.plan(plan_id)
        except CoachError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if self.case_limit is not None and plan.case_id != self.case_limit.id:
            self.notify("That plan belongs to another case.", severity="error", markup=False)
            return
        self._show(PlanScreen(plan_id))

    # --- what the palette offers (limited to one case when asked) ------------------------------

    def palette_case(self) -> int | None:
        if self.case_limit is not None:
            return self.case_limit.id
        for screen in reversed(self.screen_stack):
            if isinstance(screen, HomeScreen):
                return screen.selected_case
        return None

    def visible_sessions(self) -> list[tuple[SessionSummary, str | None]]:
        """Sessions in progress, each with its case's name."""
        names = {c.id: c.name for c in self.store.cases()}
        rows = []
        for row in self.store.sessions(status="active"):
            if row.flow_id not in self.cards:
                continue
            if self.case_limit is not None and row.case_id != self.case_limit.id:
                continue
            rows.append((row, names.get(row.case_id) if row.case_id is not None else None))
        return rows

    def visible_plans(self) -> list[PlanSummary]:
        if self.case_limit is not None:
            return self.store.plans(case_id=self.case_limit.id)
        return self.store.plans()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # "Switch theme" replaces "Theme"; "Screenshot" is left out because it would write
        # the family's words to a file that is not private.
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Screenshot"):
                yield command

    # --- keys that work everywhere ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.screen, NeutralScreen) and action in HIDDEN_WHEN_NEUTRAL:
            return False
        if action in HIDDEN_WHEN_LOCKED and (self.is_locked or self.store.needs_passphrase):
            return False
        if action == "practitioner_material":
            return self.practitioner and parameters[0] == self.practitioner_hidden
        return True

    def _context_case(self) -> dict[str, Any] | None:
        if self.is_locked:  # the case's contacts are family data: not before unlocking
            return None
        for screen in reversed(self.screen_stack):
            profile = getattr(screen, "case_profile", None)
            if callable(profile):
                return profile()  # type: ignore[no-any-return]
        return None

    def action_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        helper = getattr(screen, "help_markdown", None)
        text = helper() if callable(helper) else "Press **Escape** to go back."
        notes = getattr(screen, "practitioner_help", None)
        self.push_screen(HelpScreen(text, practitioner=notes() if callable(notes) else None))

    def action_help_now(self) -> None:
        from coach.tui.screens.safety_help import SafetyHelpScreen

        if isinstance(self.screen, SafetyHelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(SafetyHelpScreen(self.region_code, self._context_case()))

    def action_change_region(self) -> None:
        from coach.tui.screens.region import RegionScreen

        def chosen(code: str | None) -> None:
            if code:
                self.set_region(code)
                self.notify(f"Crisis lines now for: {REGIONS[code].name}", markup=False)

        self.push_screen(RegionScreen(self.region_code), chosen)

    def action_quick_hide(self) -> None:
        """At once: a plain notes page covers everything; ctrl+r brings the coach back."""
        if isinstance(self.screen, NeutralScreen):
            return
        self.clear_notifications()
        self.title = "Notes"
        self.push_screen(NeutralScreen())
        if self.is_web:
            quick_hide.report(hidden=True)

    def action_unhide(self) -> None:
        if not isinstance(self.screen, NeutralScreen):
            return
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:  # started hidden: home is made now, over the notes page it started on
            self.push_screen(HomeScreen())
            self._open()
        self.title = self.TITLE
        if self.is_web:
            quick_hide.report(hidden=False)

    def on_delivery_failed(self, _event: events.DeliveryFailed) -> None:
        """A download to the browser (browser mode) broke off; the plan itself is safe."""
        self.notify("The download did not finish. Please export again.", severity="error")

    def action_unhide_to_help(self) -> None:
        self.action_unhide()
        self.action_help_now()

    # --- practitioner mode --------------------------------------------------------------------

    def _apply_practitioner_classes(self) -> None:
        self.set_class(self.practitioner and not self.practitioner_hidden, "-practitioner")
        self.refresh_bindings()

    def watch_practitioner(self, _on: bool) -> None:
        self.practitioner_hidden = False
        self._apply_practitioner_classes()
        if self.is_mounted and not self.store.needs_passphrase:
            self.home.refresh_all(focus=False)

    def watch_practitioner_hidden(self, _hidden: bool) -> None:
        self._apply_practitioner_classes()

    def action_toggle_practitioner(self) -> None:
        self.practitioner = not self.practitioner
        self.notify(f"Practitioner mode {'on' if self.practitioner else 'off'}.", markup=False)

    def action_practitioner_material(self, show: bool) -> None:
        """One key hides (and shows again) everything meant for the practitioner only."""
        if self.practitioner:
            self.practitioner_hidden = not show
