"""The coach's messages as one Rich renderable each, in the app's theme colours.

Textual's Markdown widget makes a widget of every block (heading, paragraph, list, item), and a
layout pass visits every widget on the screen. A transcript of sixty such messages made each
new question slower to appear than the one before. A message needs only headings, paragraphs,
lists, quotes and emphasis, which Rich's Markdown draws as a single renderable.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Heading, Markdown, MarkdownElement
from rich.segment import Segment
from rich.style import Style
from rich.theme import Theme


class LeftHeading(Heading):
    """Every level left-aligned and unboxed, as the rest of the conversation is (Rich centres
    some levels, and older versions box the first)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.text.copy()
        text.justify = "left"
        yield text


class MessageMarkdown(Markdown):
    """A parsed message. Links are written out, not made clickable: nothing in the coach opens
    anything outside the terminal."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "heading_open": LeftHeading,
    }

    def __init__(self, source: str) -> None:
        super().__init__(source, hyperlinks=False)


class Themed:
    """Renders a message with the Rich styles that the Markdown looks up by name (markdown.h2,
    markdown.item.bullet, ...) taken from the widget's stylesheet, so themes apply."""

    def __init__(self, message: MessageMarkdown, styles: dict[str, Style]) -> None:
        self.message = message
        self.theme = Theme(styles, inherit=True)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        with console.use_theme(self.theme):
            lines = console.render_lines(self.message, options, pad=False)
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line
