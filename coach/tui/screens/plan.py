"""A finished plan: read it, change it (each save is a new revision), export it, copy it.

The plan is read from the store when the screen opens and after each change, never while the
screen draws or checks its keys; a plan deleted in another window is said in one line.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError
from coach.flowformat.flow import Flow
from coach.phrases import sentence_start
from coach.plan_sections import with_boxes
from coach.records import PlanRecord, Revision
from coach.services import Services
from coach.tui.failures import shows_mistakes, told_by
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.plan_editor import PlanEditor, SectionEditor
from coach.tui.widgets.reading import Document
from coach.tui.wording import when

__all__ = ["PlanEditor", "PlanScreen"]


class PlanScreen(Screen[None]):
    HELP = """\
## Your plan

- **e** edits the plan, one section at a time: choose a section from the list on the left
  (**Tab** moves between the list and the text). Lines starting with • are a list, ☐ is a box
  to tick (type [x] in its place), │ marks words to read out. "My notes", at the end of the
  list, adds a section of your own. **ctrl+s** saves your changes as a new revision (the
  earlier ones are kept); **Escape** stops editing.
- **Revisions** (right): choose one to read it. Editing an older revision and saving makes it the
  newest again.
- **x** exports the plan to a file (you choose the format and the name). **c** copies it to the
  clipboard, as text.
- **Escape** or **ctrl+b** goes back.
"""
    FOLLOW_UP_HELP = """
- **h** (or the button **How did it go?**): once you have done it, a few questions about how it
  went. Your answers are added to the plan in a section "How it went", as a new revision.
"""

    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("x", "export", "Export"),
        Binding("c", "copy", "Copy"),
        Binding("h", "follow_up", "How did it go?"),
        Binding("ctrl+b", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.shown: int | None = None
        self.editing = False
        self._revisions: list[Revision] = []
        self._record: PlanRecord | None = None
        self._flow: Flow | None = None

    @property
    def coach(self) -> Any:
        return self.app

    @property
    def services(self) -> Services:
        return self.coach.services  # type: ignore[no-any-return]

    @property
    def plan(self) -> PlanRecord:
        """The plan as last read (when the screen opened, or after a change)."""
        assert self._record is not None
        return self._record

    @property
    def flow(self) -> Flow | None:
        """The plan's flow, when it is still known (a plan may outlive its flow)."""
        return self._flow

    @property
    def has_follow_up(self) -> bool:
        flow = self.flow
        return flow is not None and flow.content.follow_up is not None

    def compose(self) -> ComposeResult:
        yield Static(id="plan-title", markup=False)
        with Horizontal(id="plan-body"):
            with VerticalScroll(id="plan-view"):
                yield Document("", id="plan-markdown")
            yield SectionEditor(id="section-editor")
            with Vertical(id="revisions-pane"):
                yield Static("Revisions", classes="section-title", markup=False)
                yield OptionList(id="revisions", markup=False)
                yield Button("How did it go?", id="follow-up-button", classes="follow-up-button")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.query_one(SectionEditor).display = False
        try:
            self._record = self.services.plans.get(self.plan_id)
            self._flow = self.services.plans.flow_of(self._record)
            drawn = self._load()
        except CoachError as exc:  # deleted in another window as it opened, or unreadable
            self.notify(str(exc), severity="error", markup=False)
            self.app.call_later(self.coach.go_home)
            return
        self.query_one("#follow-up-button").display = self.has_follow_up
        self.refresh_bindings()
        self.query_one("#plan-view").focus()
        await drawn

    def help_markdown(self) -> str:
        return self.HELP + (self.FOLLOW_UP_HELP if self.has_follow_up else "")

    def case_profile(self) -> dict[str, Any] | None:
        if self._record is None:
            return None
        return self.services.cases.profile(self._record.case_id)

    def _load(self, show: int | None = None) -> AwaitComplete:
        self._record = self.services.plans.get(self.plan_id)
        self._revisions = self.services.plans.revisions(self.plan_id)
        latest = self._revisions[-1].revision
        self.shown = show or latest
        options = self.query_one("#revisions", OptionList)
        today = self.coach.today
        options.set_options(
            Option(
                Text.assemble(
                    f"Revision {r.revision}",
                    (" (latest)" if r.revision == latest else "", "bold"),
                    "\n",
                    (when(r.created, today=today), "dim"),
                ),
                id=f"rev-{r.revision}",
            )
            for r in reversed(self._revisions)
        )
        options.highlighted = latest - self.shown
        return self._show_revision()

    def _shown_revision(self) -> Revision:
        return next(r for r in self._revisions if r.revision == self.shown)

    def _show_revision(self) -> AwaitComplete:
        plan = self.plan
        revision = self._shown_revision()
        latest = self._revisions[-1].revision
        parts = [plan.title]
        if plan.case_name and plan.case_name not in plan.title:
            parts.append(plan.case_name)
        parts.append(
            f"revision {revision.revision} of {latest}"
            + (" (an older one)" if revision.revision != latest else "")
        )
        self.query_one("#plan-title", Static).update(" · ".join(parts))
        return self.query_one("#plan-markdown", Document).update(with_boxes(revision.body))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.editing or not event.option.id or not event.option.id.startswith("rev-"):
            return
        number = int(event.option.id.removeprefix("rev-"))
        if number != self.shown:
            self.shown = number
            self._show_revision()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.editing:
            self.query_one("#plan-view").focus()

    # --- editing --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._record is None:
            return action == "leave"
        if action in ("edit", "export", "copy", "leave"):
            return not self.editing
        if action == "follow_up":
            return self.has_follow_up and not self.editing
        return True

    def _set_editing(self, editing: bool) -> None:
        self.editing = editing
        self.query_one("#plan-view").display = not editing
        self.query_one(SectionEditor).display = editing
        self.query_one("#revisions-pane").display = not editing
        self.refresh_bindings()

    def action_edit(self) -> None:
        sections = self.query_one(SectionEditor)
        sections.load(self._shown_revision().body)
        self._set_editing(True)
        sections.text_box.focus()

    def unsaved_work(self) -> str | None:
        """Quitting now would lose the changes typed into the plan."""
        return "your changes to the plan" if self.editing and self._edit_changed() else None

    def _edit_changed(self) -> bool:
        return bool(self.query_one(SectionEditor).changed)

    @shows_mistakes
    async def action_save_edit(self) -> None:
        """Keep the edit as a new revision, then show the plan where it changed. If it
        cannot be kept (a full disk), the editor stays open with every word in it."""
        sections = self.query_one(SectionEditor)
        text = sections.markdown()
        if text.strip() == self._revisions[-1].body.strip():
            self.notify("No changes to save.", markup=False)
            self._stop_editing()
            return
        first_change = min(sections.changed, default=0)
        number = self.services.plans.revise(self.plan_id, text)
        self._stop_editing()
        await self._load()
        self._show_section(first_change)
        self.notify(f"Saved as revision {number}. The earlier revisions are kept.", markup=False)

    def _show_section(self, index: int) -> None:
        """Scroll the plan to its ``index``-th section (0: the top) once it is drawn."""
        view = self.query_one("#plan-view", VerticalScroll)
        headings = list(self.query_one("#plan-markdown").query("MarkdownH2"))
        if 0 < index <= len(headings):
            target = headings[index - 1]
            self.call_after_refresh(view.scroll_to_widget, target, top=True, animate=False)
        else:
            self.call_after_refresh(view.scroll_home, animate=False)

    def action_cancel_edit(self) -> None:
        if not self._edit_changed():
            self._stop_editing()
            return
        from coach.tui.screens.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._stop_editing()
            else:
                self.query_one(SectionEditor).text_box.focus()

        self.app.push_screen(
            ConfirmDialog("Stop editing without saving?", yes="Discard changes", no="Keep editing"),
            answered,
        )

    def _stop_editing(self) -> None:
        self._set_editing(False)
        self.query_one("#plan-view").focus()

    # --- after the action ------------------------------------------------------------------

    @shows_mistakes
    def action_follow_up(self) -> None:
        from coach.tui.screens.how_it_went import FollowUpScreen

        flow = self.flow
        if flow is None or flow.content.follow_up is None or self.editing:
            return

        async def added(revision: int | None) -> None:
            view = self.query_one("#plan-view")
            view.focus()
            if revision is None:
                return
            await self._load()
            self.call_after_refresh(view.scroll_end, animate=False)  # the new section
            self.notify(
                f'Added "How it went" to the plan as revision {revision}. '
                "The earlier revisions are kept.",
                markup=False,
            )

        profile = self.case_profile() or {}
        self.app.push_screen(
            FollowUpScreen(flow, self.plan, profile, self.coach.today), told_by(self, added)
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "follow-up-button":
            self.action_follow_up()

    # --- sharing --------------------------------------------------------------------------------

    @shows_mistakes
    def action_export(self) -> None:
        from coach.tui.screens.export import ExportDialog, Exported

        plan = self.plan
        has_notes = self.coach.has_class("-practitioner") and bool(
            self.services.plans.session_notes(plan).strip()
        )

        def written(result: Exported | None) -> None:
            if result is None:
                return
            if result.downloaded:
                said = f"Sent to your browser as {result.path.name}"
            else:
                said = f"Saved to {result.path}"
            self.notify(said, title="Exported", timeout=8, markup=False)
            for warning in result.warnings:
                self.notify(
                    sentence_start(warning),
                    title="Exported, with a change",
                    severity="warning",
                    timeout=15,
                    markup=False,
                )

        settings = self.services.settings
        self.app.push_screen(
            ExportDialog(
                plan,
                has_notes=has_notes,
                folder=settings.export_folder,
                format_name=settings.export_format,
                download=self.app.is_web,
            ),
            written,
        )

    def action_copy(self) -> None:
        """The plan as a family export has it: a copy can be pasted anywhere."""
        from coach.export.audience import family_body

        self.app.copy_to_clipboard(family_body(self._shown_revision().body))
        self.notify(
            'Copied the plan to the clipboard (as Markdown text, without "not for the family"'
            " parts).",
            markup=False,
        )

    def action_leave(self) -> None:
        self.app.go_home()  # type: ignore[attr-defined]
