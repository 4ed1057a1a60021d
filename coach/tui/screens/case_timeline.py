"""A case's timeline: everything that happened in the campaign, newest first.

Incidents, plans made and changed, "how it went", gestures offered and check-ins, each on
two lines (when and what, then the kind and a detail). **f** narrows it to one kind at a
time, **Enter** opens the item. A long campaign (years of daily entries) shows its newest
page first, and only that page is read in full, so the screen opens about as quickly as an
empty one; older pages come on request.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.campaign.timeline import KIND_LABELS
from coach.records import TimelineItem, TimelineKind
from coach.tui.failures import shows_mistakes
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.marked_list import MarkedList

# Rows of the screen that are not the list: the title, the filter line and the key bar, and
# one for the "Show older" line.
OTHER_ROWS = 5
MORE = "more"
FILTERS: tuple[TimelineKind | None, ...] = (None, *TimelineKind)


def when_text(item: TimelineItem) -> str:
    """``Sat 5 Dec 2026 21:15`` (the time only when it is known)."""
    shown = f"{item.at:%a} {item.at.day} {item.at:%b %Y}"
    return shown if item.at.time() == item.at.min.time() else f"{shown} {item.at:%H:%M}"


def item_option(item: TimelineItem) -> Option:
    title = Text(when_text(item), style="dim")
    title.append("  ")
    title.append(item.title, style="bold")
    detail = Text(item.detail, style="bold red" if item.hurt else "dim")
    return Option(Text.assemble(title, "\n", detail), id=item.key)


class TimelineList(MarkedList):
    BINDINGS = [Binding("enter", "select", "Open")]


class TimelineScreen(Screen[None]):
    HELP = """\
## The timeline

Everything that happened for this young person, newest first: incidents from the diary,
plans made and changed, how an announcement, a sit-in or gestures went, gestures offered,
and weekly check-ins.

- **Enter** opens the item: a diary entry (to read or correct it), a plan, a check-in.
- **f** shows one kind at a time (press it again for the next kind); **a** shows all again.
- **l** logs an incident; **g** shows the charts; **x** exports the progress report, the
  diary as a spreadsheet or the reminders.
- **Escape** goes back.
"""

    BINDINGS = [
        Binding("f", "next_filter", "Filter"),
        Binding("a", "show_all", "All", show=False),
        Binding("l", "log", "Log an incident"),
        Binding("g", "charts", "Charts"),
        Binding("x", "export", "Export"),
        Binding("escape,ctrl+b", "leave", "Back"),
    ]

    def __init__(self, case_id: int, case_name: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_name = case_name
        self.kind: TimelineKind | None = None
        self.items: list[TimelineItem] = []
        self.total = 0
        self._version: object = None

    @property
    def services(self) -> Any:
        return self.app.services  # type: ignore[attr-defined]

    def help_markdown(self) -> str:
        return self.HELP

    def case_profile(self) -> dict[str, Any] | None:
        return self.services.cases.profile(self.case_id)  # type: ignore[no-any-return]

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-title", classes="screen-title", markup=False)
        yield Static(id="timeline-filter", markup=False)
        yield TimelineList(id="timeline", markup=False)
        yield Static("", id="timeline-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(TimelineList).focus()

    def on_screen_resume(self) -> None:
        """Shown first, or again: read the timeline when the data has changed since (an entry
        corrected or logged meanwhile shows at once; coming back from reading one is free)."""
        version = self.services.data.version()
        if version != self._version:
            self.reload()
            self._version = self.services.data.version()

    def reload(self) -> None:
        self.items = []
        self.total = 0
        options = self.query_one(TimelineList)
        options.clear_options()
        self._show_more()
        shown = "everything" if self.kind is None else KIND_LABELS[self.kind].lower()
        self.query_one("#timeline-title", Static).update(
            Text.assemble(("Timeline", "bold"), f" · {self.case_name} · {self.total:,} items")
        )
        self.query_one("#timeline-filter", Static).update(
            f"Showing {shown}, newest first. f: one kind at a time · a: all"
        )
        empty = self.query_one("#timeline-empty", Static)
        empty.update(
            "Nothing here yet. Log an incident (l), or finish a flow or a check-in for "
            f"{self.case_name}."
            if self.kind is None
            else f"No {KIND_LABELS[self.kind].lower()} yet. Press a to show everything."
        )
        empty.display = not self.items
        options.display = bool(self.items)
        if self.items:
            options.highlighted = 0
            options.focus()  # it had none while it was hidden

    @property
    def page_size(self) -> int:
        """How many items a page holds: as many as fit on the screen (two lines each). The
        list lays out every line it holds, and a list longer than its room is laid out again
        with a scrollbar: a screenful opens a five-year diary about as fast as an empty one,
        where 25 items took two thirds longer."""
        return max(4, (self.app.size.height - OTHER_ROWS) // 2)

    def _show_more(self) -> None:
        """The next page of items (only those are read in full), and a last line offering
        the rest."""
        options = self.query_one(TimelineList)
        if options.option_count and options.options[-1].id == MORE:
            options.remove_option(MORE)
        kinds = None if self.kind is None else [self.kind]
        page = self.services.campaign.timeline(
            self.case_id, kinds, start=len(self.items), count=self.page_size
        )
        seen = {item.key for item in self.items}  # another window may have added one
        new = [item for item in page.items if item.key not in seen]
        self.items += new
        self.total = page.total
        options.add_options([item_option(item) for item in new])
        left = self.total - len(self.items)
        if left > 0:
            options.add_option(Option(Text(f"Show older ({left:,} more)", style="italic"), id=MORE))

    @shows_mistakes
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            index = len(self.items)
            self._show_more()
            self.query_one(TimelineList).highlighted = index
            return
        item = self.items[event.option_index]
        if item.kind in (TimelineKind.INCIDENT, TimelineKind.CHECK_IN):
            from coach.tui.screens.campaign_record import CampaignRecordScreen

            self.app.push_screen(CampaignRecordScreen(item.kind, item.ref, self.case_name))
        elif item.ref:
            from coach.tui.screens.plan import PlanScreen

            self.services.plans.get(item.ref)  # a plan deleted meanwhile says so in one line
            self.app.push_screen(PlanScreen(item.ref))

    def action_next_filter(self) -> None:
        self.kind = FILTERS[(FILTERS.index(self.kind) + 1) % len(FILTERS)]
        self.reload()

    def action_show_all(self) -> None:
        self.kind = None
        self.reload()

    def action_log(self) -> None:
        from coach.tui.screens.log_incident import log_incident

        log_incident(self.app, self.case_id, self.case_name)

    def action_charts(self) -> None:
        from coach.tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen(self.case_id, self.case_name))

    def action_export(self) -> None:
        from coach.tui.screens.case_export import CaseExportDialog

        folder = self.services.settings.export_folder
        self.app.push_screen(CaseExportDialog(self.case_id, self.case_name, folder=folder))

    def action_leave(self) -> None:
        self.app.pop_screen()
