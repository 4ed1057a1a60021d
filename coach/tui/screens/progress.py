"""A case's progress in charts: incidents per week by how bad they were, the goal ratings at
each check-in, and the gestures offered per week, then the same figures in a few sentences.

Drawn in the terminal by ``ProgressCharts`` (Rich text, readable at 80x24); the facts a
reader looks for (the busiest week, each goal's latest rating) are written out in words too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from coach.campaign.summary import period_line, summary
from coach.tui.failures import shows_mistakes
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.progress_charts import ProgressCharts

# The periods **p** steps through: everything, then the last twelve and the last four weeks.
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("since the first entry", None),
    ("the last 12 weeks", 12),
    ("the last 4 weeks", 4),
)


class ProgressScreen(Screen[None]):
    HELP = """\
## Progress

- **Incidents per week**: one bar a week, darker for the ones rated worse (mild 0 to 3,
  moderate 4 to 6, severe 7 to 10). The busiest week is named under the chart.
- **Goals**: each of your goals with its ratings at each check-in, first and latest in
  numbers.
- **Gestures offered per week**, from your reconciliation gestures plans.
- Below the charts, the same in words.

**p** changes the period (since the first entry, the last 12 weeks, the last 4 weeks). **x**
exports the progress report (a web page or a PDF) or the diary as a spreadsheet. **Escape**
goes back.
"""

    BINDINGS = [
        Binding("p", "next_period", "Period"),
        Binding("x", "export", "Export"),
        Binding("escape,ctrl+b", "leave", "Back"),
    ]

    def __init__(self, case_id: int, case_name: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_name = case_name
        self.period = 0

    @property
    def services(self) -> Any:
        return self.app.services  # type: ignore[attr-defined]

    def help_markdown(self) -> str:
        return self.HELP

    def case_profile(self) -> dict[str, Any] | None:
        return self.services.cases.profile(self.case_id)  # type: ignore[no-any-return]

    def _progress(self) -> Any:
        today = self.app.today  # type: ignore[attr-defined]
        weeks = PERIODS[self.period][1]
        since = None if weeks is None else today - timedelta(weeks=weeks) + timedelta(days=1)
        return self.services.campaign.progress(self.case_id, since=since, today=today)

    def compose(self) -> ComposeResult:
        progress = self._progress()
        yield Static(id="progress-title", classes="screen-title", markup=False)
        with VerticalScroll(id="progress-view"):
            yield ProgressCharts(progress, id="charts")
            yield Static(id="progress-summary", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_words()
        self.query_one("#progress-view").focus()

    def _show_words(self) -> None:
        progress = self.query_one(ProgressCharts).progress
        self.query_one("#progress-title", Static).update(
            Text.assemble(
                ("Progress", "bold"),
                f" · {self.case_name} · {PERIODS[self.period][0]} · {period_line(progress)}",
            )
        )
        self.query_one("#progress-summary", Static).update(
            Text("\n".join(f"• {line}" for line in summary(progress)))
        )

    @shows_mistakes
    def action_next_period(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)
        self.query_one(ProgressCharts).show(self._progress())
        self._show_words()

    def action_export(self) -> None:
        from coach.tui.screens.case_export import CaseExportDialog

        folder = self.services.settings.export_folder
        self.app.push_screen(CaseExportDialog(self.case_id, self.case_name, folder=folder))

    def action_leave(self) -> None:
        self.app.pop_screen()
