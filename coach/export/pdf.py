"""PDF export with fpdf2: headings, lists, emphasis, page numbers and the created date.

The text is set in DejaVu Sans, shipped in ``coach/export/fonts`` with its licence, so Latin,
Greek and Cyrillic names (Zoë, Łukasz, Siobhán, Δημήτρης, Дмитрий) print as written. A
character the font lacks is printed as "?" and named in the warnings returned with the file,
never dropped in silence. An announcement's letter gets a page of its own, set larger with
generous margins, ready to read aloud and leave behind.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from coach.export.audience import family_body
from coach.export.document import created_label, parser, safe_link, split_letter
from coach.flowformat.catalogue import Catalogue
from coach.plain_text import clean_text
from coach.records import PlanRecord

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
REPLACEMENT = "?"

INK = (31, 35, 40)
ACCENT = (23, 50, 74)
RULE = (59, 110, 143)
MUTED = (96, 102, 110)
LINK = (31, 95, 139)
RULE_LIGHT = (201, 214, 224)

MARGIN = 20.0
LETTER_MARGIN = 28.0
BODY = (11.0, 5.8)  # font size (pt), line height (mm)
LETTER_BODY = (13.0, 7.6)
HEADINGS = {1: 19.0, 2: 14.0, 3: 12.0}
INDENT = 6.0


@cache
def coverage(style: str = "") -> frozenset[int]:
    """Code points the shipped font of this style ("", "B" or "I") can draw."""
    return frozenset(_parsed_fonts()[style].cmap)


def _invisible(char: str) -> bool:
    """Format characters and variation selectors: they draw nothing, so nothing is lost."""
    point = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )


class Glyphs:
    """Fits text to the font, remembering every character it had to replace."""

    def __init__(self) -> None:
        self.missing: dict[str, None] = {}

    def fit(self, text: str, style: str = "") -> str:
        text = clean_text(text).replace("\t", "    ")
        covered = coverage(style)
        if all(ord(c) in covered or c == "\n" for c in text):
            return text
        out = []
        for char in text:
            if ord(char) in covered or char == "\n":
                out.append(char)
            elif not _invisible(char):
                self.missing.setdefault(char)
                out.append(REPLACEMENT)
        return "".join(out)

    def warnings(self) -> list[str]:
        if not self.missing:
            return []
        shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in list(self.missing)[:12])
        more = len(self.missing) - 12
        extra = f" and {more} more" if more > 0 else ""
        return [
            f"the PDF font has no letter for {shown}{extra}; "
            f"{'it shows' if len(self.missing) == 1 else 'they show'} as '{REPLACEMENT}'"
        ]


@cache
def _parsed_fonts() -> dict[str, Any]:
    """The shipped fonts as fpdf2 parsed them (metrics, cmap), once per process."""
    from fpdf import FPDF

    pdf = FPDF()
    for style, file in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / file))
    return {style: pdf.fonts[f"{FAMILY.lower()}{style}"] for style in FONT_FILES}


def _add_fonts(pdf: Any) -> None:
    """Give the document the fonts without parsing them again.

    Each document shares the parsed metrics but gets its own font file handle and subset
    map, because fpdf2 subsets the font in place when it writes the file. Should fpdf2's
    internals ever differ, the fonts are simply added (and parsed) the ordinary way.
    """
    try:
        from fontTools.ttLib import TTFont
        from fpdf.fonts import SubsetMap

        fonts = {}
        for n, parsed in enumerate(_parsed_fonts().values(), start=len(pdf.fonts) + 1):
            font = copy.copy(parsed)
            font.i = n
            font.ttfont = TTFont(parsed.ttffile, recalcTimestamp=False, lazy=True)
            font.subset = SubsetMap(font)
            font.missing_glyphs = []
            font.biggest_size_pt = 0
            fonts[font.fontkey] = font
    except Exception:  # pragma: no cover - only with an fpdf2 whose internals changed
        for style, file in FONT_FILES.items():
            pdf.add_font(FAMILY, style, str(FONT_DIR / file))
        return
    pdf.fonts.update(fonts)


def new_pdf() -> Any:
    from fpdf import FPDF

    class PlanPdf(FPDF):
        footer_left = ""
        in_letter = False
        plain_pages: set[int]  # pages that carry no footer (a letter's)

        def header(self) -> None:
            if self.in_letter:  # a letter's pages carry nothing but the letter
                self.plain_pages.add(self.page_no())

        def footer(self) -> None:
            if self.page_no() in self.plain_pages:
                return
            self.set_y(-14)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(*MUTED)
            self.set_x(MARGIN)
            width = (self.w - 2 * MARGIN) / 2
            self.cell(width, 5, self.footer_left, align="L")
            self.cell(width, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = PlanPdf(orientation="portrait", unit="mm", format="A4")
    pdf.plain_pages = set()
    _add_fonts(pdf)
    pdf.set_margins(MARGIN, 18, MARGIN)
    pdf.c_margin = 0
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_creator("NVR Coach")
    pdf.set_lang("en")
    return pdf


class MarkdownWriter:
    """Walks markdown-it tokens and lays them out on the PDF."""

    def __init__(self, pdf: Any, glyphs: Glyphs) -> None:
        self.pdf = pdf
        self.glyphs = glyphs
        self.size, self.line = BODY
        self.gap = 1.6  # mm between paragraphs
        self.lists: list[dict[str, Any]] = []
        self.marker: str | None = None
        self.quote = 0
        self.quote_starts: list[tuple[int, float]] = []

    # layout helpers ------------------------------------------------------------------------

    def _indent(self) -> float:
        return self.base_margin + INDENT * (len(self.lists) + self.quote)

    def _font(self, style: str = "", size: float | None = None) -> None:
        self.pdf.set_font(FAMILY, style, size or self.size)

    def _newline(self) -> None:
        if self.pdf.get_x() > self.pdf.l_margin + 0.01:
            self.pdf.ln(self.line)

    def _space(self, mm: float) -> None:
        self._newline()
        if self.pdf.get_y() > self.pdf.t_margin + 0.01:
            self.pdf.ln(mm)

    # entry point ---------------------------------------------------------------------------

    def markdown(self, text: str) -> None:
        self.base_margin = self.pdf.l_margin
        tokens = parser().parse(clean_text(text))
        i = 0
        while i < len(tokens):
            i = self._block(tokens, i)
        self._newline()
        self.pdf.set_left_margin(self.base_margin)

    def _block(self, tokens: list[Any], i: int) -> int:
        token = tokens[i]
        kind = token.type
        pdf = self.pdf
        if kind == "heading_open":
            self._heading(int(token.tag[1]), tokens[i + 1])
            return i + 3
        if kind == "paragraph_open":
            if not token.hidden:
                self._space(0 if self.marker else self.gap)
            self._inline(tokens[i + 1])
            if not token.hidden:
                self._newline()
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            self._space(0 if self.lists else 1.2)
            start = int(token.attrGet("start") or 1)
            self.lists.append({"ordered": kind == "ordered_list_open", "next": start})
            return i + 1
        if kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
            self._newline()
            pdf.set_left_margin(self._indent())
            return i + 1
        if kind == "list_item_open":
            self._newline()
            current = self.lists[-1]
            if current["ordered"]:
                self.marker = f"{current['next']}."
                current["next"] += 1
            else:
                self.marker = token.meta.get("box") or ("•" if len(self.lists) % 2 else "◦")
            pdf.set_left_margin(self._indent())
            pdf.set_x(self._indent())
            return i + 1
        if kind == "list_item_close":
            self._newline()
            self.marker = None
            return i + 1
        if kind == "blockquote_open":
            self._space(self.gap)
            self.quote += 1
            self.quote_starts.append((pdf.page_no(), pdf.get_y()))
            pdf.set_left_margin(self._indent())
            pdf.set_text_color(*MUTED)
            return i + 1
        if kind == "blockquote_close":
            self._newline()
            page, top = self.quote_starts.pop()
            if page == pdf.page_no():  # a bar beside the quote (left out if it broke a page)
                x = pdf.l_margin - INDENT + 1.5
                pdf.set_draw_color(*RULE_LIGHT)
                pdf.set_line_width(0.8)
                pdf.line(x, top + 0.8, x, pdf.get_y() - 0.8)
            self.quote -= 1
            pdf.set_left_margin(self._indent())
            pdf.set_text_color(*INK)
            return i + 1
        if kind == "hr":
            self._space(3)
            y = pdf.get_y()
            pdf.set_draw_color(*MUTED)
            pdf.set_line_width(0.2)
            pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
            pdf.ln(3)
            return i + 1
        if kind in ("fence", "code_block", "html_block"):
            self._space(self.gap)
            self._paragraph([(token.content.rstrip("\n"), "", None)])
            return i + 1
        if kind == "inline":
            self._inline(token)
            return i + 1
        return i + 1

    def _heading(self, level: int, inline: Any) -> None:
        pdf = self.pdf
        size = HEADINGS.get(level, HEADINGS[3])
        text = self.glyphs.fit("".join(c.content for c in inline.children or []), "B")
        height = size * 0.5
        self._space(2 if level == 1 else 4.5)
        if pdf.get_y() + height * 2 + self.line * 3 > pdf.page_break_trigger:
            pdf.add_page()
        self._font("B", size)
        pdf.set_text_color(*ACCENT)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")
        if level == 1:
            y = pdf.get_y() + 1.5
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.8)
            pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
            pdf.set_y(y + 3)
        else:
            pdf.ln(1)
        pdf.set_text_color(*(MUTED if self.quote else INK))

    def _inline(self, token: Any) -> None:
        """Collect a paragraph's styled runs, then lay them out."""
        runs: list[Run] = []
        bold = italic = 0
        link: str | None = None
        for child in token.children or []:
            kind = child.type
            style = "B" if bold else "I" if italic else ""
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                link = href if safe_link(href) and not href.startswith("#") else None
            elif kind == "link_close":
                link = None
            elif kind == "softbreak":
                runs.append((" ", style, link))
            elif kind == "hardbreak":
                runs.append(("\n", style, link))
            elif kind == "image":
                runs.append(("".join(c.content for c in child.children or []), style, None))
            elif child.content:
                runs.append((child.content, style, link))
        self._paragraph(runs)

    def _paragraph(self, runs: list[Run]) -> None:
        """Wrap styled runs at spaces (fpdf2's own line breaking is slow on long answers)
        and set them line by line; a list item's marker goes before the first line."""
        pdf = self.pdf
        full = pdf.w - pdf.r_margin - pdf.l_margin
        lines: list[list[Piece]] = [[]]
        used = 0.0

        def width(text: str, style: str) -> float:
            self._font(style)
            return float(pdf.get_string_width(text))

        def end_line() -> None:
            nonlocal used
            while lines[-1] and lines[-1][-1][0] == " ":
                lines[-1].pop()
            lines.append([])
            used = 0.0

        for text, style, link in runs:
            for part in _PARTS.findall(self.glyphs.fit(text, style)):
                if part == "\n":
                    end_line()
                    continue
                if part.isspace():
                    if lines[-1] and lines[-1][-1][0] != " ":
                        size = width(" ", style)
                        lines[-1].append((" ", style, link, size))
                        used += size
                    continue
                size = width(part, style)
                if used + size > full and lines[-1]:
                    end_line()
                while size > full:  # a word longer than a line is cut where it must be
                    cut = longest_fit(part, lambda s, st=style: width(s, st), full)
                    lines[-1].append((part[:cut], style, link, width(part[:cut], style)))
                    end_line()
                    part = part[cut:]
                    size = width(part, style)
                lines[-1].append((part, style, link, size))
                used += size
        while lines[-1] and lines[-1][-1][0] == " ":
            lines[-1].pop()
        for number, line in enumerate(lines):
            if pdf.get_y() + self.line > pdf.page_break_trigger:
                pdf.add_page()
            if number == 0 and self.marker is not None:
                self._font()
                pdf.set_x(pdf.l_margin - INDENT)
                ordered = self.lists[-1]["ordered"] if self.lists else False
                pdf.cell(INDENT - 1, self.line, self.marker, align="R" if ordered else "C")
                self.marker = None
            pdf.set_x(pdf.l_margin)
            for text, style, link, size in _merged(line):
                self._font(style)
                if link:
                    pdf.set_text_color(*LINK)
                pdf.cell(size, self.line, text, link=link or "", new_x="RIGHT", new_y="TOP")
                if link:
                    pdf.set_text_color(*(MUTED if self.quote else INK))
            pdf.ln(self.line)


Run = tuple[str, str, "str | None"]  # text, style ("", "B" or "I"), link
Piece = tuple[str, str, "str | None", float]  # the same with its width in mm
_PARTS = re.compile(r"\n|[^\S\n]+|\S+")


def _merged(line: list[Piece]) -> list[Piece]:
    """Neighbouring pieces in the same style and link as one cell."""
    merged: list[Piece] = []
    for text, style, link, size in line:
        if merged and merged[-1][1] == style and merged[-1][2] == link:
            last = merged[-1]
            merged[-1] = (last[0] + text, style, link, last[3] + size)
        else:
            merged.append((text, style, link, size))
    return merged


def longest_fit(word: str, width: Any, room: float) -> int:
    """How many characters of ``word`` fit in ``room`` (at least one)."""
    for cut in range(len(word), 0, -1):
        if width(word[:cut]) <= room:
            return cut
    return 1


def _stamp(text: str) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.astimezone()


def render_pdf(plans: Sequence[PlanRecord]) -> tuple[bytes, list[str]]:
    """The plans as one PDF, each from a new page, and warnings about replaced characters
    (a family export: the parts "not for the family" are left out)."""
    glyphs = Glyphs()
    pdf = new_pdf()
    if plans:
        pdf.set_title(clean_text(plans[0].title if len(plans) == 1 else "NVR Coach plans"))
        created = _stamp(plans[0].created)
        if created is not None:
            pdf.set_creation_date(created)
    for plan in plans:
        pdf.footer_left = glyphs.fit(f"Created {created_label(plan.created)} · NVR Coach")
        pdf.add_page()
        pdf.set_text_color(*INK)
        writer = MarkdownWriter(pdf, glyphs)
        parts = split_letter(plan.flow_id, family_body(plan.body))
        writer.markdown(parts.intro)
        if parts.letter is not None:
            pdf.set_margins(LETTER_MARGIN, 30, LETTER_MARGIN)
            pdf.in_letter = True
            pdf.add_page()
            letter = MarkdownWriter(pdf, glyphs)
            letter.size, letter.line = LETTER_BODY
            letter.gap = 3.5
            letter.markdown(parts.letter)
            pdf.in_letter = False
            pdf.set_margins(MARGIN, 18, MARGIN)
            if parts.rest.strip():
                pdf.add_page()
                writer.markdown(parts.rest)
    return bytes(pdf.output()), glyphs.warnings()


def to_pdf(plan: PlanRecord, _catalogue: Catalogue) -> bytes:
    return render_pdf([plan])[0]
