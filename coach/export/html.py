"""HTML export: one self-contained, print-friendly page per plan (or per bundle).

Inline CSS only: no scripts, no fonts, images or styles fetched from anywhere, and a
Content-Security-Policy that forbids them even if something slipped through. Prints on A4 and
Letter alike (the page size is left to the printer); each plan, a letter and practitioner
notes start on a new page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from coach.export.audience import family_body
from coach.export.document import created_label, parser, split_letter
from coach.flowformat.catalogue import Catalogue
from coach.plain_text import clean_text
from coach.records import PlanRecord

NOTES_BANNER = "Practitioner notes - not for the family"

CSS = """
:root { color-scheme: light; }
html { background: #ffffff; color: #1f2328; }
body {
  margin: 0;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "DejaVu Sans", sans-serif;
}
main { max-width: 44rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
.plan + .plan, .plan + .notes, .notes + .plan { margin-top: 4rem; }
h1 {
  font-size: 1.8rem; line-height: 1.25; margin: 0 0 1.25rem; padding-bottom: .6rem;
  color: #17324a; border-bottom: 3px solid #3b6e8f;
}
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 .5rem; color: #17324a; }
h3, h4, h5, h6 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; color: #17324a; }
p { margin: .6rem 0; }
ul, ol { padding-left: 1.5rem; margin: .6rem 0; }
li { margin: .25rem 0; }
li > p { margin: .2rem 0; }
strong { color: #111; }
blockquote {
  margin: 1rem 0; padding: .25rem 1rem; border-left: 4px solid #c9d6e0; color: #394b59;
}
code, pre {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  font-size: .92em; background: #f3f5f7; border-radius: 3px;
}
code { padding: 0 .2em; }
pre { padding: .75rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
hr { border: 0; border-top: 1px solid #d0d7de; margin: 2rem 0; }
a { color: #1f5f8b; }
p, li, blockquote { overflow-wrap: anywhere; orphans: 3; widows: 3; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
.letter {
  margin: 2rem 0; padding: 2.5rem 3rem; font-size: 1.15rem; line-height: 1.75;
  background: #fffdf7; border: 1px solid #e2dccb; border-radius: 6px;
}
.letter p, .letter ul, .letter ol { margin: 0 0 1rem; }
.made {
  margin-top: 3rem; padding-top: .75rem; border-top: 1px solid #d0d7de;
  font-size: .85rem; color: #57606a;
}
.cover h1 { border-bottom-color: #3b6e8f; }
.cover .note { color: #57606a; }
.notes { border: 2px dashed #b35900; border-radius: 6px; padding: 1rem 1.5rem; }
.notes .banner {
  margin: -1rem -1.5rem 1rem; padding: .5rem 1.5rem; background: #fff1e0; color: #7a3d00;
  font-weight: 700; letter-spacing: .02em; border-bottom: 1px solid #e0b98f;
}
.notes h2 { margin-top: 0; }
.notes .text { white-space: pre-wrap; overflow-wrap: anywhere; }
@page { margin: 18mm 16mm; }
@media print {
  body { font-size: 11pt; line-height: 1.5; }
  main { max-width: none; padding: 0; }
  .plan + .plan, .plan + .notes, .notes + .plan, .cover + .plan,
  .letter, .after-letter {
    margin-top: 0; break-before: page; page-break-before: always;
  }
  .letter {
    border: 0; background: none; border-radius: 0; padding: 8mm 6mm 0;
    font-size: 13pt; line-height: 1.7;
  }
  a { color: inherit; text-decoration: none; }
  .made { break-inside: avoid; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render_markdown(markdown: str) -> str:
    """Markdown to HTML with raw HTML off and only safe links (see coach.export.document)."""
    return parser().render(clean_text(markdown))


def plan_article(plan: PlanRecord) -> str:
    """One plan as an ``<article>``: its body, with an announcement's letter set apart (a
    family export: the parts "not for the family" are left out)."""
    parts = split_letter(plan.flow_id, family_body(plan.body))
    html = [f'<article class="plan" id="plan-{int(plan.id)}">', render_markdown(parts.intro)]
    if parts.letter is not None:
        html.append(f'<section class="letter">\n{render_markdown(parts.letter)}</section>')
        if parts.rest.strip():
            html.append(f'<section class="after-letter">\n{render_markdown(parts.rest)}</section>')
    revision = f" · revision {int(plan.revision)}" if plan.revision > 1 else ""
    html.append(
        f'<p class="made">Created {escape(created_label(plan.created))}{revision} · '
        "Made with NVR Coach, a planning aid to use alongside professional support.</p>"
    )
    html.append("</article>")
    return "\n".join(html)


def notes_section(plan: PlanRecord, notes: str, private: str = "") -> str:
    """A session's practitioner notes and the plan's parts "not for the family" (Markdown),
    marked so nobody hands them to the family by mistake."""
    text = f'<div class="text">{escape(clean_text(notes).strip())}</div>\n' if notes else ""
    kept = f'<div class="private">\n{render_markdown(private)}</div>\n' if private else ""
    return (
        '<section class="notes">\n'
        f'<p class="banner">{escape(NOTES_BANNER)}</p>\n'
        f"<h2>Notes for: {escape(clean_text(plan.title))}</h2>\n"
        f"{text}{kept}"
        "</section>"
    )


def document(title: str, sections: Sequence[str], extra_css: str = "") -> str:
    """A complete page around the given sections (``extra_css`` styles what only it holds)."""
    body = "\n".join(sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="NVR Coach">\n'
        f"<title>{escape(clean_text(title))}</title>\n"
        f"<style>{CSS}{extra_css}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def to_html(plan: PlanRecord, _catalogue: Catalogue) -> bytes:
    return document(plan.title, [plan_article(plan)]).encode()
