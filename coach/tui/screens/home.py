"""Home: cases on the left; for the selected case, what is in progress, what to start,
and the finished plans."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import NotFoundError
from coach.records import Case, SessionSummary
from coach.services import Services
from coach.tui.failures import shows_mistakes, told_by
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.marked_list import MarkedList
from coach.tui.widgets.scroll_frame import ScrollFrame
from coach.tui.wording import when

NO_CASE = "case-none"
GONE = "{what} is no longer here: it was deleted, perhaps in another window."


class CaseList(MarkedList):
    BINDINGS = [
        Binding("enter", "select", "Choose", show=False),
        Binding("r", "screen.rename_case", "Rename"),
    ]


class SessionList(OptionList):
    BINDINGS = [
        Binding("enter", "select", "Resume"),
        Binding("x", "screen.abandon_session", "Set aside"),
    ]


class FlowList(OptionList):
    BINDINGS = [Binding("enter", "select", "Start")]


class PlanList(OptionList):
    BINDINGS = [
        Binding("enter", "select", "Open"),
        Binding("d,delete", "screen.delete_plan", "Delete"),
    ]


class HomeScreen(Screen[None]):
    HELP = """\
## Home

- **Cases** (left): one for each young person you plan for, by first name or a nickname.
  **n** adds one, **r** renames the selected one.
- **Carry on where you stopped**: sessions you have not finished. **Enter** resumes exactly where
  you stopped; **x** sets one aside (its answers stay saved).
- **Start something new**: the flows, with roughly how long each takes. **Enter** starts one for
  the selected case.
- **Your plans**: finished plans. **Enter** opens one to read, change or export; **d** deletes it.

Move between the lists with **Tab**, or click.
"""

    BINDINGS = [
        Binding("n", "new_case", "New case"),
        Binding("r", "rename_case", "Rename case", show=False),
        Binding("l", "log_incident", "Log an incident"),
        # Named in F1's help and in the palette: the footer keeps room for F2 at 80 columns.
        Binding("t", "timeline", "Timeline", show=False),
        Binding("g", "charts", "Charts", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected_case: int | None = None
        self._session_ids: list[int] = []
        self._plan_ids: list[int] = []
        self._flow_ids: list[str] = []
        self._filled = False
        self._version: object = None  # the store's, when the lists were last filled

    @property
    def coach(self) -> Any:
        return self.app

    @property
    def services(self) -> Services:
        return self.coach.services  # type: ignore[no-any-return]

    def compose(self) -> ComposeResult:
        yield Static(id="home-title", markup=False)
        with Horizontal(id="home-body"):
            with Vertical(id="cases-pane"):
                yield Static("Cases", classes="section-title", markup=False)
                yield CaseList(id="cases", markup=False)
                yield Static("", id="cases-empty", classes="empty", markup=False)
            with ScrollFrame(id="overview"):
                with Vertical(id="sessions-section", classes="home-section"):
                    yield Static(
                        "Carry on where you stopped", classes="section-title", markup=False
                    )
                    yield SessionList(id="sessions", markup=False)
                    yield Static(
                        "Nothing in progress. Choose something to start.",
                        id="sessions-empty",
                        classes="empty",
                        markup=False,
                    )
                with Vertical(id="flows-section", classes="home-section"):
                    yield Static("Start something new", classes="section-title", markup=False)
                    yield FlowList(id="flows", markup=False)
                    yield Static(
                        "No flows found. Check the flows folder with 'coach validate'.",
                        id="flows-empty",
                        classes="empty",
                        markup=False,
                    )
                with Vertical(id="plans-section", classes="home-section"):
                    yield Static("Your plans", classes="section-title", markup=False)
                    yield PlanList(id="plans", markup=False)
                    yield Static(
                        "No plans yet. Finish a flow and its plan appears here.",
                        id="plans-empty",
                        classes="empty",
                        markup=False,
                    )
        yield KeyBar()

    def help_markdown(self) -> str:
        return self.HELP

    def case_profile(self) -> dict[str, Any] | None:
        return self.services.cases.profile(self.selected_case)

    def on_mount(self) -> None:
        if self.services.data.needs_passphrase:
            return  # the lock screen covers this one; it is filled once the store is open
        self._fill()

    @shows_mistakes
    def _fill(self) -> None:
        self._filled = True
        limit = self.coach.case_limit
        if limit is not None:
            self.selected_case = limit.id
        elif (recent := self.services.sessions.most_recent()) is not None:
            self.selected_case = recent.case_id  # None: the sessions without a case
        else:
            cases = self.services.cases.all()
            self.selected_case = cases[0].id if cases else None
        self.refresh_all(focus=True)

    def on_screen_resume(self) -> None:
        """Shown first, or again: the lists are filled again only when something stored has
        changed since (here or in another window), so the first paint draws them once."""
        if self.services.data.needs_passphrase:
            return
        if not self._filled:
            self._fill()
        elif self.services.data.version() != self._version:
            self.refresh_all(focus=False)

    # --- filling the lists --------------------------------------------------------------

    def _cases(self) -> list[Case]:
        limit = self.coach.case_limit
        if limit is not None:
            return [self.services.cases.get(limit.id)]
        return self.services.cases.all()

    @shows_mistakes
    def refresh_all(self, *, focus: bool) -> None:
        title = "NVR Coach · plan calm responses, one small step at a time"
        if self.coach.has_class("-practitioner"):
            title += " · practitioner mode"
        self.query_one("#home-title", Static).update(title)
        cases = self._cases()
        ids = [c.id for c in cases]
        if self.selected_case is not None and self.selected_case not in ids:
            self.selected_case = ids[0] if ids else None
        case_list = self.query_one(CaseList)
        options = [Option(Text(c.name), id=f"case-{c.id}") for c in cases]
        if self.coach.case_limit is None:
            options.append(Option(Text("Without a case", style="italic"), id=NO_CASE))
        case_list.set_options(options)
        keys = [*ids, None]
        case_list.highlighted = keys.index(self.selected_case)
        empty = self.query_one("#cases-empty", Static)
        empty.update(
            "No cases yet. Press n to add the young person's first name or a nickname, "
            "or start a flow without one."
            if not cases
            else ""
        )
        empty.display = not cases
        self.refresh_case(focus=focus)
        self._version = self.services.data.version()

    @shows_mistakes
    def refresh_case(self, *, focus: bool = False) -> None:
        cards = self.coach.cards
        case_id = self.selected_case
        sessions = self.services.sessions.in_progress(case_id)
        session_list = self.query_one(SessionList)
        session_list.set_options(self._session_option(s) for s in sessions)
        self._session_ids = [s.id for s in sessions]
        self._show(session_list, "#sessions-empty", bool(sessions))

        flows = list(cards.values())  # in the flows' own order (flow_info.list_order)
        flow_list = self.query_one(FlowList)
        flow_list.set_options(
            Option(
                Text.assemble(
                    (card.title, "bold"),
                    (f"  about {card.minutes} min", "dim"),
                    "\n",
                    card.summary,
                ),
                id=f"flow-{card.id}",
            )
            for card in flows
        )
        self._flow_ids = [f.id for f in flows]
        self._show(flow_list, "#flows-empty", bool(flows))

        plans = self.services.plans.of_case(case_id)
        plan_list = self.query_one(PlanList)
        today = self.coach.today
        plan_list.set_options(
            Option(
                Text.assemble(
                    (p.title, "bold"),
                    "\n",
                    (f"made {when(p.created, today=today)}", "dim"),
                    (f" · revision {p.revision}" if p.revision > 1 else "", "dim"),
                ),
                id=f"plan-{p.id}",
            )
            for p in plans
        )
        self._plan_ids = [p.id for p in plans]
        self._show(plan_list, "#plans-empty", bool(plans))
        if focus:
            (session_list if sessions else flow_list).focus()

    def _session_option(self, row: SessionSummary) -> Option:
        card = self.coach.cards[row.flow_id]
        where = card.step(row.state)
        status = "paused for safety" if card.is_stop(row.state) else f"stopped at: {where}"
        return Option(
            Text.assemble(
                (card.title, "bold"),
                "\n",
                (f"{status} · {when(row.updated, today=self.coach.today)}", "dim"),
            ),
            id=f"session-{row.id}",
        )

    def _show(self, options: OptionList, empty: str, has_items: bool) -> None:
        options.display = has_items
        self.query_one(empty).display = not has_items
        if has_items and options.highlighted is None:
            options.highlighted = 0

    # --- choosing ---------------------------------------------------------------------------

    def _marked_case(self) -> int | None:
        """The case the list marks (the id, or None for the sessions without a case).

        Read from the list itself: a key pressed straight after an arrow (Enter, t, g) can be
        handled before the list's message about the move arrives.
        """
        cases = next(iter(self.query(CaseList)), None)
        chosen = cases.highlighted_option if cases is not None else None
        if chosen is None:
            return self.selected_case
        option_id = chosen.id or NO_CASE
        return None if option_id == NO_CASE else int(option_id.removeprefix("case-"))

    def _choose_marked_case(self) -> None:
        chosen = self._marked_case()
        if chosen != self.selected_case:
            self.selected_case = chosen
            self.refresh_case()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "cases":
            return
        event.stop()
        self._choose_marked_case()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        list_id = event.option_list.id
        index = event.option_index
        if list_id == "cases":
            self._choose_marked_case()
            self.query_one(FlowList).focus()
        elif list_id == "sessions":
            self.coach.resume_session(self._session_ids[index])
        elif list_id == "flows":
            self._choose_marked_case()
            self.coach.start_flow(self._flow_ids[index], self.selected_case)
        elif list_id == "plans":
            self.coach.open_plan(self._plan_ids[index])

    def select_case(self, case_id: int | None) -> None:
        self.selected_case = case_id
        self.refresh_all(focus=False)

    # --- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_case":
            return self.coach.case_limit is None
        if action in ("rename_case", "log_incident", "timeline", "charts"):
            return self._marked_case() is not None
        return True

    def action_new_case(self) -> None:
        from coach.tui.screens.prompt import TextPrompt

        def named(name: str | None) -> None:
            if not name:
                return
            case = self.services.cases.create(name)
            self.select_case(case.id)
            self.query_one(FlowList).focus()
            self.notify(f"Added {case.name}. Choose something to start.", markup=False)

        self.app.push_screen(
            TextPrompt(
                "New case",
                "The young person's first name or a nickname is enough.",
            ),
            told_by(self, named),
        )

    def action_rename_case(self) -> None:
        self._choose_marked_case()
        if self.selected_case is None:
            return
        from coach.tui.screens.confirm import ConfirmDialog
        from coach.tui.screens.prompt import TextPrompt

        try:
            case = self.services.cases.get(self.selected_case)
        except NotFoundError:
            self._gone("This case")
            return

        def confirmed(new: str, yes: bool | None) -> None:
            if not yes:
                return
            self.services.cases.rename(case.id, new)
            self.refresh_all(focus=False)
            self.notify(f"Renamed to {new}.", markup=False)

        def named(new: str | None) -> None:
            if not new or new == case.name:
                return
            self.app.push_screen(
                ConfirmDialog(f"Rename '{case.name}' to '{new}'?", yes="Rename"),
                told_by(self, lambda yes: confirmed(new, yes)),
            )

        self.app.push_screen(TextPrompt("Rename case", value=case.name), named)

    def _selected(self) -> Case | None:
        self._choose_marked_case()
        if self.selected_case is None:
            return None
        return self.services.cases.get(self.selected_case)

    @shows_mistakes
    def action_log_incident(self) -> None:
        from coach.tui.screens.log_incident import log_incident

        if (case := self._selected()) is not None:
            log_incident(self.app, case.id, case.name)

    @shows_mistakes
    def action_timeline(self) -> None:
        from coach.tui.screens.case_timeline import TimelineScreen

        if (case := self._selected()) is not None:
            self.app.push_screen(TimelineScreen(case.id, case.name))

    @shows_mistakes
    def action_charts(self) -> None:
        from coach.tui.screens.progress import ProgressScreen

        if (case := self._selected()) is not None:
            self.app.push_screen(ProgressScreen(case.id, case.name))

    def action_abandon_session(self) -> None:
        index = self.query_one(SessionList).highlighted
        if index is None or index >= len(self._session_ids):
            return
        from coach.tui.screens.confirm import ConfirmDialog

        session_id = self._session_ids[index]

        def answered(yes: bool | None) -> None:
            if yes:
                self.services.sessions.abandon(session_id)
                self.refresh_case()
                self.notify("Set aside. Its answers stay saved.", markup=False)

        self.app.push_screen(
            ConfirmDialog(
                "Set this session aside?",
                "It will no longer show here. Nothing you answered is deleted.",
                yes="Set aside",
            ),
            told_by(self, answered),
        )

    def action_delete_plan(self) -> None:
        index = self.query_one(PlanList).highlighted
        if index is None or index >= len(self._plan_ids):
            return
        from coach.tui.screens.confirm import ConfirmDialog

        try:
            plan = self.services.plans.get(self._plan_ids[index])
        except NotFoundError:
            self._gone("This plan")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.services.plans.delete(plan.id)
            except NotFoundError:
                self._gone("This plan")
                return
            self.refresh_case()
            self.notify("Plan deleted.", markup=False)

        self.app.push_screen(
            ConfirmDialog(
                "Delete this plan?",
                f"{plan.title}, with all its revisions. This cannot be undone.",
                yes="Delete",
            ),
            told_by(self, answered),
        )

    def _gone(self, what: str) -> None:
        """Something listed here was deleted in another window: say so, and list what is."""
        self.notify(GONE.format(what=what), severity="warning", markup=False)
        self.refresh_all(focus=True)
