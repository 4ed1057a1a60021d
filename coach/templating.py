"""Plan templates: a sandboxed Jinja2 environment whose every value is Markdown-escaped.

Answers are the caregiver's words; escaping them on the way in means a ``[link](...)`` or a
``<script>`` typed into an answer stays text in the Markdown, and so in every export.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import ChainableUndefined, DictLoader, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape_markdown(value: Any) -> str:
    """Make a value safe to drop into Markdown: its punctuation cannot start formatting."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


@cache
def environment(*, markdown: bool = True) -> SandboxedEnvironment:
    """The sandbox; with ``markdown`` every value is escaped, without it values print as text."""
    from coach.guidance import TEMPLATES

    return SandboxedEnvironment(
        loader=DictLoader(TEMPLATES),
        autoescape=False,
        undefined=ChainableUndefined,
        finalize=escape_markdown if markdown else _plain,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def render(template: str, context: dict[str, Any], *, markdown: bool = True) -> str:
    return environment(markdown=markdown).from_string(template).render(context)


def syntax_problem(template: str) -> tuple[int, str] | None:
    """Line (within the template) and message of the first syntax error, if any."""
    try:
        environment().parse(template)
    except TemplateSyntaxError as exc:
        return exc.lineno, exc.message or "template syntax error"
    return None
