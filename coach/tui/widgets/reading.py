"""Markdown to read (a plan, a help page): links are shown, never opened from the app.

A plan or a help page may hold a link (one typed into an edited plan, say). Opening it would
start a browser from inside the coach, with the address in the browser's history; clicking
shows the address instead, for the person to use as they choose.
"""

from __future__ import annotations

from textual.widgets import Markdown


class Document(Markdown):
    def __init__(self, markdown: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(markdown, id=id, classes=classes, open_links=False)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.notify(
            f"Links are not opened from the coach. The address is: {event.href}",
            title="A link",
            timeout=10,
            markup=False,
        )
