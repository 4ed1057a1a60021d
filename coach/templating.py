"""Plan templates: a sandboxed Jinja2 environment whose every value is Markdown-escaped.

Answers are the caregiver's words; escaping them on the way in means a ``[link](...)`` or a
``<script>`` typed into an answer stays text in the Markdown, and so in every export. The sandbox
has limits (see ``coach.sandbox``), and whatever goes wrong while rendering (a limit, ``1/0``, a
missing variable used as a number) is one ``TemplateProblem`` naming the template and its line.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache, partial
from typing import Any

from jinja2 import ChainableUndefined, DictLoader, Template, TemplateSyntaxError

from coach.errors import CoachError
from coach.sandbox import BoundedSandbox, bounded_render

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


class TemplateProblem(CoachError):
    """A template that cannot be rendered; the message names the template, line and cause."""

    def __init__(self, name: str, line: int | None, reason: str) -> None:
        where = f"{name}, line {line}" if line is not None else name
        super().__init__(f"{where}: {reason}")
        self.line = line or 1
        self.reason = reason


@cache
def environment(*, markdown: bool = True) -> BoundedSandbox:
    """The sandbox; with ``markdown`` every value is escaped, without it values print as text."""
    from coach.advice import TESTS, looks_like
    from coach.guidance import TEMPLATES
    from coach.plan_helpers import FILTERS

    sandbox = BoundedSandbox(
        loader=DictLoader(TEMPLATES),
        autoescape=False,
        undefined=ChainableUndefined,
        finalize=escape_markdown if markdown else _plain,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The shared advice rules as tests: {% if item.behaviour is concern_like %}.
    tests: dict[str, Any] = sandbox.tests  # Jinja's stubs take only plain functions
    for name in TESTS:
        tests[name] = partial(looks_like, name)
    # What a template calls instead of sorting, joining or counting itself.
    filters: dict[str, Any] = sandbox.filters
    filters.update(FILTERS)
    return sandbox


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def render(
    template: str, context: dict[str, Any], *, markdown: bool = True, name: str = "template"
) -> str:
    """The rendered text; any failure is a TemplateProblem such as
    "flow 'sit_in', plan template, line 3: took longer than 1 s" (``name`` says which)."""
    try:
        return bounded_render(_compiled(template, markdown), context)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(name, exc.lineno, exc.message or "template syntax error") from None
    except RecursionError:
        raise TemplateProblem(name, None, "it calls itself without end") from None
    except Exception as exc:  # a template is a small program: any error in it is the flow's
        reason = str(exc) or type(exc).__name__
        raise TemplateProblem(name, _template_line(exc), reason) from None


@lru_cache(maxsize=1024)
def _compiled(template: str, markdown: bool) -> Template:
    """Compiling is most of a render's cost, and a flow's texts are few and shown again and
    again (each step, each check of the flow); the compiled form is kept."""
    return environment(markdown=markdown).from_string(template)


def _template_line(exc: BaseException) -> int:
    """The template line the error came from (Jinja puts template frames in the traceback)."""
    line = 1
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def syntax_problem(template: str) -> tuple[int, str] | None:
    """Line (within the template) and message of the first syntax error, if any."""
    try:
        environment().parse(template)
    except TemplateSyntaxError as exc:
        return exc.lineno, exc.message or "template syntax error"
    return None
