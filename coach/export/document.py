"""What the HTML and PDF exports share: one safe Markdown parser, and where a letter sits.

A checklist item (``- [ ] ...``) is a box to tick on paper: the parser takes the brackets
away and marks the item, and each exporter draws ☐ (or ☑ when ticked) in place of its bullet.

Plan bodies are Markdown whose answers were escaped when the plan was made
(``coach.templating``), so a caregiver's ``[x](javascript:...)`` or ``<script>`` is already text.
The parser here defends again: raw HTML is off, only ``http``, ``https``, ``mailto`` and
``tel`` links (and ``#`` anchors) are produced, and images become their alt text, so an export
never runs or fetches anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from coach.fields import format_date
from coach.plain_text import clean_text
from coach.timestamps import local_day

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#")

# Flows whose plan holds a letter to read aloud and leave behind (see ``split_letter``).
LETTER_FLOWS = frozenset({"announcement"})
_LETTER_HEADING = re.compile(r"\bletter\b", re.IGNORECASE)


def safe_link(url: str) -> bool:
    """Only links a reader can follow without surprises; never ``javascript:`` or ``data:``."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


BOX, TICKED = "☐", "☑"
_CHECK = re.compile(r"^\[([ xX])\] +")


def _checkboxes(state: Any) -> None:
    """Mark each list item that starts with ``[ ]`` or ``[x]`` (its ``box``), brackets gone."""
    tokens = state.tokens
    for i in range(len(tokens) - 2):
        item, paragraph, inline = tokens[i], tokens[i + 1], tokens[i + 2]
        if item.type != "list_item_open" or paragraph.type != "paragraph_open":
            continue
        match = _CHECK.match(inline.content)
        first = (inline.children or [None])[0]
        if match is None or first is None or first.type != "text":
            continue
        item.meta["box"] = BOX if match.group(1) == " " else TICKED
        item.attrSet("class", "box")
        inline.content = inline.content[match.end() :]
        first.content = _CHECK.sub("", first.content, count=1)


def _list_item(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    opened = str(renderer.renderToken(tokens, idx, options, env))
    box = tokens[idx].meta.get("box")
    return f'{opened}<span class="tick" aria-hidden="true">{box}</span> ' if box else opened


def _image_as_text(_renderer: Any, tokens: list[Token], idx: int, *_: Any) -> str:
    from html import escape

    return escape("".join(child.content for child in tokens[idx].children or []))


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_text)
    md.add_render_rule("list_item_open", _list_item)
    md.core.ruler.push("checkboxes", _checkboxes)
    return md


def created_label(stamp: str) -> str:
    """``Friday 27 November 2026`` (the local day) from a stored stamp (the stamp itself if
    unreadable)."""
    try:
        return format_date(local_day(stamp))
    except ValueError:
        return clean_text(stamp)


@dataclass(frozen=True)
class Parts:
    """A plan body cut in three: before the letter, the letter (None if none), after it."""

    intro: str
    letter: str | None
    rest: str


def split_letter(flow_id: str, markdown: str) -> Parts:
    """Find the letter in a plan of a letter flow (the announcement).

    The letter is the ``##`` section whose heading mentions "letter" (e.g. "## The letter" or
    "## Our letter to Sam"), or else the first ``##`` section; it runs to the next ``##``
    heading. Its heading is left out: the letter layout shows the letter itself.
    """
    if flow_id not in LETTER_FLOWS:
        return Parts(markdown, None, "")
    lines = markdown.splitlines(keepends=True)
    tokens = parser().parse(markdown)
    sections: list[tuple[int, int, str]] = []  # (first line, heading end line, heading text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map:
            sections.append((token.map[0], token.map[1], tokens[i + 1].content))
    if not sections:
        return Parts(markdown, None, "")
    chosen = next((n for n, (_, _, text) in enumerate(sections) if _LETTER_HEADING.search(text)), 0)
    start, body_start, _ = sections[chosen]
    end = sections[chosen + 1][0] if chosen + 1 < len(sections) else len(lines)
    return Parts(
        "".join(lines[:start]),
        "".join(lines[body_start:end]),
        "".join(lines[end:]),
    )
