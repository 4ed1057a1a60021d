"""One diary entry or one check-in, opened from the timeline: read it, and correct an entry
(**e**; the correction is kept as a new version and every earlier one stays below it)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from coach.campaign.report import (
    CHECK_IN_COLUMNS,
    DIARY_COLUMNS,
    check_in_cells,
    diary_cells,
)
from coach.records import DiaryEntry, TimelineKind
from coach.templating import escape_markdown
from coach.tui.failures import shows_mistakes
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.wording import when


def _rows(columns: tuple[str, ...], cells: tuple[str, ...]) -> str:
    return "\n".join(
        f"- **{escape_markdown(column)}:** {escape_markdown(cell).replace(chr(10), '; ')}"
        for column, cell in zip(columns, cells, strict=True)
        if cell
    )


def entry_markdown(entry: DiaryEntry, today: Any) -> str:
    """The entry as it reads now, then each earlier version, newest first."""
    parts = [_rows(DIARY_COLUMNS, diary_cells(entry.incident))]
    if entry.incident.plan_id:
        parts.append(f"A plan was made from it (plan {entry.incident.plan_id}).")
    if len(entry.revisions) > 1:
        parts.append("## Earlier versions")
        for revision in reversed(entry.revisions[:-1]):
            saved = when(revision.saved.isoformat(), today=today)
            parts.append(f"### Version {revision.number}, saved {escape_markdown(saved)}")
            parts.append(_rows(DIARY_COLUMNS, diary_cells(revision.incident)))
    return "\n\n".join(parts)


class CampaignRecordScreen(Screen[None]):
    HELP = """\
## A diary entry or a check-in

- **e** corrects a diary entry: the form opens filled in, and saving keeps the correction as
  a new version. The earlier versions stay, shown below the entry.
- **Escape** goes back to the timeline.
"""

    BINDINGS = [
        Binding("e", "correct", "Correct"),
        Binding("escape,ctrl+b", "leave", "Back"),
    ]

    def __init__(self, kind: TimelineKind, record_id: int, case_name: str) -> None:
        super().__init__()
        self.kind = kind
        self.record_id = record_id
        self.case_name = case_name

    @property
    def services(self) -> Any:
        return self.app.services  # type: ignore[attr-defined]

    def help_markdown(self) -> str:
        return self.HELP

    def compose(self) -> ComposeResult:
        yield Static(id="record-title", classes="screen-title", markup=False)
        with VerticalScroll(id="record-view"):
            yield Markdown("", id="record-markdown")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#record-view").focus()

    def on_screen_resume(self) -> None:
        self.show()

    @shows_mistakes
    def show(self) -> None:
        campaign = self.services.campaign
        today = self.app.today  # type: ignore[attr-defined]
        if self.kind is TimelineKind.INCIDENT:
            entry = campaign.entry(self.record_id)
            title = f"Diary entry · {self.case_name}"
            if entry.revision > 1:
                title += f" · corrected, version {entry.revision}"
            text = entry_markdown(entry, today)
        else:
            check_in = campaign.check_in(self.record_id).check_in
            title = f"Weekly check-in · {self.case_name}"
            text = _rows(CHECK_IN_COLUMNS, check_in_cells(check_in))
        self.query_one("#record-title", Static).update(title)
        self.query_one("#record-markdown", Markdown).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "correct":
            return self.kind is TimelineKind.INCIDENT
        return True

    @shows_mistakes
    def action_correct(self) -> None:
        from coach.tui.screens.log_incident import log_incident

        entry = self.services.campaign.entry(self.record_id)
        log_incident(self.app, entry.case_id, self.case_name, entry=entry)

    def action_leave(self) -> None:
        self.app.pop_screen()
