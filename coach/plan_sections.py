"""A plan's Markdown as a parent can edit it: one section at a time, with list marks, tick
boxes and quotes shown as text (•, ☐, │) and no Markdown punctuation to trip over.

The Markdown stays underneath. Each shown line comes from one Markdown line, and saving
compares the edited text with what was shown: a line left alone keeps its Markdown exactly
(bold lead-ins, escapes), and only a changed or new line is written afresh from what was
typed, its punctuation escaped so it reads as typed. Pure text in, text out.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from coach.templating import escape_markdown

MY_NOTES = "My notes"

_HEADING = re.compile(r"^(#{1,6}) +(.*)$")
_SECTION = re.compile(r"^## +(.*)$")
_CHECK = re.compile(r"^(\s*)[-*+] \[( |x|X)\] (.*)$")
_ITEM = re.compile(r"^(\s*)[-*+] (.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d+)[.)] (.*)$")
_QUOTE = re.compile(r"^> ?(.*)$")
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_INLINE = re.compile(r"\\([\\`*_\[\]<>|#~])|\*+")

# What a person sees at the start of a line, and the Markdown it stands for.
BOX, TICKED, BULLET, SUB_BULLET, QUOTE = "☐ ", "☑ ", "• ", "◦ ", "│ "
_SHOWN_CHECK = re.compile(r"^(\s*)(?:☐|☑|☒|\[ \]|\[[xX]\]) ?(.*)$")
_SHOWN_ITEM = re.compile(r"^(\s*)[•◦\-*] (.*)$")
_SHOWN_QUOTE = re.compile(r"^│ ?(.*)$")
_CHECK_ITEM = re.compile(r"^(\s*[-*+] )\[( |x|X)\] ", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    """One part of a plan: its heading (the ``## `` line; none for the part before the first
    one, which holds the title) and the Markdown lines under it."""

    title: str
    heading: str | None
    lines: tuple[str, ...]

    @property
    def shown(self) -> str:
        return "\n".join(shown_line(line) for line in self.lines)


def sections(body: str) -> list[Section]:
    """The plan cut at its ``## `` headings (the opening part first, named by its title)."""
    found: list[Section] = []
    title, heading = "", None
    lines: list[str] = []
    for line in body.rstrip("\n").split("\n"):
        match = _SECTION.match(line)
        if match:
            found.append(Section(title or "Title", heading, tuple(lines)))
            title, heading, lines = plain(match.group(1)), line, []
            continue
        if heading is None and not title and (top := _HEADING.match(line)):
            title = plain(top.group(2))
        lines.append(line)
    found.append(Section(title or "Title", heading, tuple(lines)))
    return found


def joined(parts: list[Section]) -> str:
    """The plan's Markdown again, from its sections."""
    lines: list[str] = []
    for part in parts:
        if part.heading is not None:
            lines.append(part.heading)
        lines.extend(part.lines)
    return "\n".join(lines).rstrip("\n") + "\n"


def with_boxes(body: str) -> str:
    """A plan to read on screen, its checklist items shown as boxes (☐, ☑) as in print."""
    return _CHECK_ITEM.sub(lambda m: f"{m.group(1)}{BOX if m.group(2) == ' ' else TICKED}", body)


def plain(text: str) -> str:
    """Inline Markdown as read: escapes undone, bold and emphasis marks taken away."""
    return _INLINE.sub(lambda m: m.group(1) or "", text)


def shown_line(line: str) -> str:
    """One Markdown line as the editor shows it."""
    if match := _CHECK.match(line):
        mark = BOX if match.group(2) == " " else TICKED
        return f"{match.group(1)}{mark}{plain(match.group(3))}"
    if match := _ITEM.match(line):
        mark = SUB_BULLET if match.group(1) else BULLET
        return f"{match.group(1)}{mark}{plain(match.group(2))}"
    if match := _NUMBERED.match(line):
        return f"{match.group(1)}{match.group(2)}. {plain(match.group(3))}"
    if match := _QUOTE.match(line):
        return QUOTE + plain(match.group(1))
    if match := _HEADING.match(line):
        return plain(match.group(2))
    return plain(line)


def edited(section: Section, text: str) -> Section:
    """The section after its shown text was edited into ``text``: lines left as they were
    keep their Markdown, and a changed line keeps the kind of line it replaced."""
    before = list(section.lines)
    old = [shown_line(line) for line in before]
    new = text.split("\n") if text or before else []
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            lines.extend(before[a1:a2])
            continue
        for offset, shown in enumerate(new[b1:b2]):
            replaced = before[a1 + offset] if op == "replace" and a1 + offset < a2 else None
            lines.append(markdown_line(shown, replaced))
    return Section(section.title, section.heading, tuple(lines))


def markdown_line(shown: str, replaced: str | None = None) -> str:
    """The Markdown for a line as typed (``replaced``: the line it took the place of)."""
    if match := _SHOWN_CHECK.match(shown):
        ticked = shown.lstrip()[:1] in ("☑", "☒") or "[x" in shown[:4].lower()
        return f"{match.group(1)}- [{'x' if ticked else ' '}] {_text(match.group(2), replaced)}"
    if match := _SHOWN_ITEM.match(shown):
        return f"{match.group(1)}- {_text(match.group(2), replaced)}"
    if match := _NUMBERED.match(shown):
        return f"{match.group(1)}{match.group(2)}. {_text(match.group(3), replaced)}"
    if match := _SHOWN_QUOTE.match(shown):
        return f"> {_text(match.group(1), replaced)}"
    if replaced is not None and (heading := _HEADING.match(replaced)) and shown.strip():
        return f"{heading.group(1)} {escape_markdown(shown.strip())}"
    return _text(shown, replaced)


def _text(shown: str, replaced: str | None) -> str:
    """Typed text made safe for Markdown, keeping a bold lead-in ("**When:** ...") that the
    line it replaced had, when the typed line still starts with it."""
    if replaced is not None:
        inner = _ITEM.sub(r"\2", _CHECK.sub(r"\3", replaced))
        if (lead := _BOLD_LEAD.match(inner)) and shown.startswith(plain(lead.group(1))):
            rest = shown[len(plain(lead.group(1))) :]
            return f"**{lead.group(1)}**{escape_markdown(rest)}"
    return escape_markdown(shown)
