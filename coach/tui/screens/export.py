"""Exporting a plan: a format, a file name (a safe default), and no silent overwrite.

It starts where the last export went (else the user's documents folder), in the last format.
A folder may be given, as on the command line: the file then gets the safe default name. The
file always ends with the chosen format's extension, so a PDF is never saved as "plan.md".

The file is made before anything is asked or written: a format that cannot be made for this
plan (a calendar for a plan with no dates) says why in one line and writes nothing. What the
exporter warns about (characters the PDF font lacks) is handed back to show. In a browser tab
(`coach serve`) the file is handed to the browser as a download instead: a path on the
computer running the server would mean nothing to the person at the browser.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError
from coach.export.files import target_path, write_private
from coach.export.registry import exporter, formats
from coach.paths import user_path
from coach.records import PlanRecord
from coach.services.plans import Export, ExportJob
from coach.tui.screens.modal import CoachModal
from coach.tui.widgets.base import MessageLine, PlainInput
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.marked_list import MarkedList


@dataclass(frozen=True)
class Exported:
    """What the dialog wrote (or handed to the browser) and the exporter's warnings."""

    path: Path
    warnings: list[str] = field(default_factory=list)
    downloaded: bool = False


class ExportDialog(CoachModal[Exported]):
    HELP = (
        "Choose a format with ↑↓, check where the file goes, then press **ctrl+s** or Export. "
        "A folder is enough: the file is named for you. The file is readable only by you. If "
        "it exists you are asked before it is replaced."
    )
    DOWNLOAD_HELP = (
        "Choose a format with ↑↓, check the file name, then press **ctrl+s** or Export. The "
        "browser saves the file in its downloads folder."
    )
    DOWNLOAD_NOTE = (
        "Your browser saves it in its downloads folder. Files there are not kept private "
        "the way the coach's own files are."
    )

    BINDINGS = [Binding("ctrl+s", "export", "Export")]

    def __init__(
        self,
        plan: PlanRecord,
        *,
        has_notes: bool = False,
        folder: Path,
        format_name: str | None = None,
        download: bool = False,
    ) -> None:
        """``has_notes``: the plan's session has practitioner notes to offer (the dialog then
        offers a practitioner's copy). ``folder`` and ``format_name``: where and how it
        starts. ``download``: hand the file to the browser (a browser tab) instead of
        writing it in a folder."""
        super().__init__()
        self.plan = plan
        self.has_notes = has_notes
        self.folder = folder
        self.download = download
        self.formats = formats()
        self.first = format_name if format_name in self.formats else self.formats[0]
        self.making = False  # a file is being made (in a worker); keys wait for it

    def help_markdown(self) -> str:
        return self.DOWNLOAD_HELP if self.download else self.HELP

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog", id="export-dialog"):
            yield Static(f"Export: {self.plan.title}", classes="dialog-title", markup=False)
            yield Static("Format", classes="label", markup=False)
            yield MarkedList(
                *[
                    Option(Text(f"{name}: {exporter(name).description}"), id=name)
                    for name in self.formats
                ],
                id="export-formats",
                markup=False,
            )
            label = "Download as" if self.download else "Save as"
            yield Static(label, classes="label", markup=False)
            yield PlainInput(value=self._default_name(self.first), id="export-path")
            if self.download:
                yield Static(self.DOWNLOAD_NOTE, classes="hint", markup=False)
            if self.has_notes:
                yield Checkbox(
                    "Add my session notes (a practitioner's copy)",
                    id="export-notes",
                    classes="practitioner-only",
                )
            yield MessageLine(id="export-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def _file_name(self, format_name: str) -> str:
        return exporter(format_name).file_name(self.plan)

    def _default_name(self, format_name: str) -> str:
        file_name = self._file_name(format_name)
        return file_name if self.download else str(self.folder / file_name)

    def on_mount(self) -> None:
        options = self.query_one("#export-formats", OptionList)
        options.highlighted = self.formats.index(self.first)
        options.focus()

    @property
    def chosen(self) -> str:
        index = self.query_one("#export-formats", OptionList).highlighted or 0
        return self.formats[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the file name's extension in step with the format."""
        event.stop()
        box = self.query_one("#export-path", Input)
        path = Path(box.value)
        extension = exporter(self.chosen).extension
        known = {exporter(n).extension for n in self.formats}
        if path.name in {self._file_name(n) for n in self.formats}:
            box.value = str(path.with_name(self._file_name(self.chosen)))
        elif path.suffix.lstrip(".") in known:
            box.value = str(path.with_suffix("." + extension))
        self._say("")  # a message about the previous format no longer applies

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#export-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        else:
            self.dismiss(None)

    def _target(self) -> Path | None:
        """Where the file goes: a folder gets the default name, and the name always ends
        with the chosen format's extension (a known other one is replaced)."""
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._say("Please give a file name or a folder.")
            return None
        extension = "." + exporter(self.chosen).extension
        if self.download:  # the browser decides the folder
            path = Path(Path(text).name or self._file_name(self.chosen))
        else:
            try:
                if not user_path(text).is_absolute():
                    text = os.path.join(self.folder, text)
                path = target_path(text, self._file_name(self.chosen))
            except CoachError as exc:
                self._say(str(exc))
                return None
        if path.suffix == extension:
            return path
        known = {"." + exporter(name).extension for name in self.formats}
        if path.suffix in known:
            return path.with_suffix(extension)
        return path.with_name(path.name + extension)

    def _say(self, message: str) -> None:
        self.query_one(MessageLine).say(message)

    def _with_notes(self) -> bool:
        boxes = self.query("#export-notes")
        return bool(boxes and boxes.first(Checkbox).value and self.app.has_class("-practitioner"))

    def action_export(self) -> None:
        target = self._target()
        if target is None or self.making:
            return
        try:
            job = self.app.services.plans.prepare_export(  # type: ignore[attr-defined]
                self.plan.id, self.chosen, with_notes=self._with_notes()
            )
        except CoachError as exc:
            self._say(str(exc))
            return
        self.making = True
        self._say("Making the file…")
        self._make(job, target)

    @work(thread=True, exclusive=True, group="export")
    def _make(self, job: ExportJob, target: Path) -> None:
        """In a worker, and a PDF in a process of its own: the app stays drawn meanwhile."""
        try:
            made = job.make(apart=True)
        except CoachError as exc:
            self.app.call_from_thread(self._not_made, str(exc))
            return
        self.app.call_from_thread(self._made, target, made)

    def _not_made(self, reason: str) -> None:
        self.making = False
        self._say(reason)

    def _made(self, target: Path, made: Export) -> None:
        self.making = False
        self._say("")
        if self.download:
            self._deliver(target, made)
            return
        from coach.tui.screens.confirm import write_unless_kept

        write_unless_kept(self.app, target, lambda force: self._write(target, made, force=force))

    def _write(self, target: Path, made: Export, *, force: bool) -> None:
        try:
            written = write_private(target, made.data, force=force)
        except CoachError as exc:
            self._say(str(exc))
            return
        self._remember(written.parent)
        self.dismiss(Exported(written, list(made.warnings)))

    def _deliver(self, target: Path, made: Export) -> None:
        self.app.deliver_binary(
            io.BytesIO(made.data),
            save_filename=target.name,
            mime_type=exporter(self.chosen).media_type,
        )
        self._remember(None)
        self.dismiss(Exported(target, list(made.warnings), downloaded=True))

    def _remember(self, folder: Path | None) -> None:
        """The format (and folder) for next time; the export itself is done either way."""
        settings = self.app.services.settings  # type: ignore[attr-defined]
        with contextlib.suppress(CoachError):
            settings.remember_export(self.chosen, folder)
