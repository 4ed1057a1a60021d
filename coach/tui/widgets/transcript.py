"""The conversation so far: the coach's messages as Markdown, the answers as plain text.

Answers are the caregiver's own words: they are shown with ``rich.text.Text``, never parsed as
markup, so ``[bold]`` or ``[/x]`` typed into an answer stays exactly as typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Markdown, Static


class Transcript(VerticalScroll):
    """Grows at the bottom; new entries are appended, never rebuilt."""

    def keep_in_view(self, new: list[Widget] | None = None) -> None:
        """Show what was just added: all of it when it fits, else from its start."""
        height = sum(w.outer_size.height for w in new or [])
        if new and height > self.scrollable_content_region.height:
            self.scroll_to_widget(new[0], top=True, animate=False)
        else:
            self.scroll_end(animate=False)


class CoachMessage(Markdown):
    """One message from the coach (already rendered from the flow, values escaped)."""

    def __init__(self, markdown: str, *, safety: bool = False) -> None:
        super().__init__(markdown, classes="coach-message" + (" safety" if safety else ""))
        self.open_links = False


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
