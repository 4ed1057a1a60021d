"""Taking a case's campaign elsewhere: the progress report (a web page or a PDF), the diary
and check-ins as spreadsheets, or the reminders for a calendar.

The file gets a safe name (the case's number, never the young person's name) and is written
only after asking before it replaces anything. A PDF is drawn in a worker thread, so the app
keeps answering while it is made; in a browser tab the file is handed to the browser.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from coach.errors import CoachError
from coach.export.files import write_private
from coach.phrases import sentence_start
from coach.services.campaign import export_name, render_report
from coach.services.plans import Export
from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.base import MessageLine, PlainInput
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.marked_list import MarkedList

CHOICES = (
    ("html", "Progress report: a web page (prints well)", "text/html"),
    ("pdf", "Progress report: PDF", "application/pdf"),
    ("csv", "Diary and check-ins as spreadsheets (CSV, zipped)", "application/zip"),
    ("ics", "Reminders for a calendar (nothing private in them)", "text/calendar"),
)


class CaseExportDialog(CoachModal[None]):
    HELP = (
        "Choose what to export with ↑↓, check the file name, then press **ctrl+s** or Export. "
        "The file is readable only by you; if it exists you are asked before it is replaced. "
        "The report covers everything since the first entry."
    )

    BINDINGS = [Binding("ctrl+s", "export", "Export")]

    def __init__(self, case_id: int, case_name: str, *, folder: Path) -> None:
        """``folder``: where the file name starts (as for a plan: the folder last exported
        to, else the documents folder; never the folder the coach was started from)."""
        super().__init__()
        self.case_id = case_id
        self.case_name = case_name
        self.folder = folder
        self._pending: Path | None = None  # where the PDF being drawn goes

    @property
    def services(self) -> Any:
        return self.app.services  # type: ignore[attr-defined]

    @property
    def download(self) -> bool:
        return bool(self.app.is_web)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog", id="case-export-dialog"):
            yield Static(f"Export: {self.case_name}", classes="dialog-title", markup=False)
            yield MarkedList(
                *[Option(Text(label), id=kind) for kind, label, _ in CHOICES],
                id="case-export-formats",
                markup=False,
            )
            yield Static("Download as" if self.download else "Save as", classes="label")
            yield PlainInput(value=self._default_name("html"), id="case-export-path")
            yield MessageLine(id="case-export-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def help_markdown(self) -> str:
        return self.HELP

    def on_mount(self) -> None:
        self.query_one(MessageLine).display = False
        self.query_one("#case-export-formats", OptionList).focus()

    @property
    def chosen(self) -> str:
        index = self.query_one("#case-export-formats", OptionList).highlighted or 0
        return CHOICES[index][0]

    def _default_name(self, kind: str) -> str:
        name = export_name(self.case_id, kind, self.app.today)  # type: ignore[attr-defined]
        return name if self.download else str(self.folder / name)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.query_one("#case-export-path", Input).value = self._default_name(self.chosen)
        self._say("")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#case-export-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        else:
            self.dismiss(None)

    def _say(self, message: str) -> None:
        self.query_one(MessageLine).say(message)

    def _target(self) -> Path | None:
        text = self.query_one("#case-export-path", Input).value.strip()
        if not text:
            self._say("Please give a file name.")
            return None
        if self.download:
            return Path(Path(text).name)
        path = Path(text).expanduser()
        return path if path.is_absolute() else self.folder / path

    def action_export(self) -> None:
        target = self._target()
        if target is None or self.query_one("#export", Button).disabled:
            return
        kind = self.chosen
        campaign = self.services.campaign
        today = self.app.today  # type: ignore[attr-defined]
        try:
            if kind in ("html", "pdf"):
                report = campaign.progress_report(self.case_id, since=None, today=today)
                if kind == "pdf":  # made apart, waited for in a thread; the store is read here
                    self._say("Making the PDF…")
                    self.query_one("#export", Button).disabled = True
                    self._pending = target
                    self.run_worker(
                        lambda: render_report(report, kind, self.case_id, apart=True),
                        thread=True,
                        exit_on_error=False,
                    )
                    return
                made = render_report(report, kind, self.case_id)
            elif kind == "csv":
                made = campaign.diary_csv(self.case_id, today)
            else:
                made = campaign.reminders(self.case_id, today)
        except CoachError as exc:
            self._say(str(exc))
            return
        self._hand_over(target, made)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.query_one("#export", Button).disabled = False
        if event.state is WorkerState.ERROR:
            self._say("The PDF could not be made; the web page holds the same report.")
            return
        self._say("")
        made = event.worker.result
        if self._pending is not None and isinstance(made, Export):
            self._hand_over(self._pending, made)

    def _hand_over(self, target: Path, made: Export) -> None:
        if self.download:
            media = next(media for kind, _, media in CHOICES if kind == self.chosen)
            self.app.deliver_binary(
                io.BytesIO(made.data), save_filename=target.name, mime_type=media
            )
            self._done(f"Sent to your browser as {target.name}", made)
            return
        from coach.tui.screens.confirm import write_unless_kept

        write_unless_kept(self.app, target, lambda force: self._write(target, made, force=force))

    def _write(self, target: Path, made: Export, *, force: bool) -> None:
        try:
            written = write_private(target, made.data, force=force)
        except CoachError as exc:
            self._say(str(exc))
            return
        with contextlib.suppress(CoachError):  # the file is written either way
            self.services.settings.remember_export_folder(written.parent)
        self._done(f"Saved to {written}", made)

    def _done(self, said: str, made: Export) -> None:
        self.app.notify(said, title="Exported", timeout=8, markup=False)
        for warning in made.warnings:
            self.app.notify(
                sentence_start(warning),
                title="Exported, with a change",
                severity="warning",
                timeout=15,
                markup=False,
            )
        self.dismiss(None)
