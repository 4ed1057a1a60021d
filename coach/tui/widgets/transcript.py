"""The conversation so far: the coach's messages as Markdown, the answers as plain text.

Answers are the caregiver's own words: they are shown with ``rich.text.Text``, never parsed as
markup, so ``[bold]`` or ``[/x]`` typed into an answer stays exactly as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from coach.tui.widgets.message_markdown import MessageMarkdown, Themed


class Transcript(VerticalScroll):
    """Grows at the bottom; new entries are appended, never rebuilt.

    Once it is longer than the view it is anchored to its end, so what is appended is on
    screen in the same layout pass that places it; scrolling to it afterwards would cost a
    second pass and a later frame. While everything fits it starts at the top.
    """

    async def append(self, *entries: Widget, read: Sequence[Widget] = ()) -> None:
        """Add entries at the end and show them. ``read`` (the coach's new message) is shown
        from its start when it is taller than the view, so it is read from the top."""
        self.anchor(self.max_scroll_y > 0)
        await self.mount_all(entries)
        self.call_after_refresh(self._show, list(read))

    def follow(self) -> None:
        """After entries were taken away: show the end, or the top if all fits again."""
        self.call_after_refresh(self._show, [])

    def on_resize(self) -> None:
        self.call_after_refresh(self._show, [])

    def _show(self, read: list[Widget]) -> None:
        view = self.scrollable_content_region.height
        if self.max_scroll_y <= 0:
            self.anchor(False)
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
        elif read and sum(w.outer_size.height for w in read) > view:
            self.release_anchor()
            self.scroll_to_widget(read[0], top=True, animate=False)
        elif not self.is_anchored:
            self.anchor()


class CoachMessage(Widget):
    """One message from the coach (already rendered from the flow, values escaped), drawn as a
    single widget however many blocks it has."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "coach-message--heading",
        "coach-message--bullet",
        "coach-message--quote",
        "coach-message--link",
    }
    STYLE_NAMES: ClassVar[dict[str, tuple[str, ...]]] = {
        "coach-message--heading": tuple(f"markdown.h{level}" for level in range(1, 7)),
        "coach-message--bullet": ("markdown.item.bullet", "markdown.item.number"),
        "coach-message--quote": ("markdown.block_quote",),
        "coach-message--link": ("markdown.link", "markdown.link_url"),
    }
    # Rich's own colours for these (cyan lists, code on black) would clash with any theme.
    PLAIN: ClassVar[tuple[str, ...]] = ("markdown.list", "markdown.code", "markdown.hr")

    def __init__(self, markdown: str, *, safety: bool = False, id: str | None = None) -> None:
        super().__init__(classes="coach-message" + (" safety" if safety else ""), id=id)
        self.source = markdown
        self._message = MessageMarkdown(markdown)

    def update(self, markdown: str) -> None:
        if markdown != self.source:
            self.source = markdown
            self._message = MessageMarkdown(markdown)
            self.refresh(layout=True)

    def render(self) -> RenderableType:
        styles = dict.fromkeys(self.PLAIN, Style())
        for component, names in self.STYLE_NAMES.items():
            style = self.get_component_rich_style(component, partial=True)
            styles.update(dict.fromkeys(names, style))
        return Themed(self._message, styles)


class AnswerEntry(Static):
    """The question asked and the caregiver's answer, as plain text."""

    def __init__(self, label: str, answer: str) -> None:
        text = Text()
        text.append(label, style="dim")
        text.append("\n")
        text.append(answer)
        super().__init__(text, classes="answer", markup=False)
        self.label = label
        self.answer = answer


class SummaryList(Static):
    """On a summary step: every answer on the path taken, label and answer, plain text."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        text = Text()
        for number, (label, answer) in enumerate(rows):
            if number:
                text.append("\n\n")
            text.append(label, style="bold")
            text.append("\n")
            text.append(answer)
        if not rows:
            text.append("(nothing answered yet)", style="dim")
        super().__init__(text, classes="summary-list", markup=False)
        self.rows = rows
