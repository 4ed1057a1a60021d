"""Jinja's sandbox with limits, so a practitioner's own flow cannot hang or exhaust the coach.

Jinja's sandbox stops templates reaching Python's internals, but not from asking for too much:
``{{ 'x' * 2000000000 }}``, ``indent(2000000000)`` or two nested ``range(100000)`` loops hang the
app or take gigabytes. Three limits close that:

- **the size of what an operation makes**, checked before the operation runs: a clock check
  cannot interrupt one C-level operation, so ``*``, ``**``, ``%``, ``+``, the padding and joining
  filters and the string methods that pad or join are bounded by their arguments;
- **loop iterations**: every ``for`` loop's iterable is wrapped in a counter shared by the whole
  render (the template's tree is rewritten before it is compiled);
- **time and output**: the loop counter and the output joiner look at the clock, and the output
  is cut off past its size. The clock is the rendering thread's own CPU time, not the wall
  clock: a busy machine, a paused process or another thread holding the interpreter must not
  make a shipped flow's message (a safety stop's among them) fail half-way through a session.

Past any limit the render stops with ``TemplateLimit`` naming the limit.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import filters, nodes
from jinja2.sandbox import SandboxedEnvironment, modifies_known_mutable
from jinja2.visitor import NodeTransformer

MAX_OUTPUT = 1_000_000
MAX_ITERATIONS = 200_000
MAX_SECONDS = 1.0
MAX_INT_BITS = 10_000
_LOOP_FILTER = "_coach_counted_loop"
_JOIN_FILTER = "_coach_joined"
# String methods that make text longer than their input in proportion to an argument.
_GROWING_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "join", "replace", "format", "format_map"}
)
_PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


_clock = time.thread_time
# The thread's clock costs a system call, so it is read at most this often (in seconds of the
# wall clock, which is cheap to read: CPU time never runs faster than the wall clock).
_LOOK_EVERY = 0.02


class TemplateLimit(RuntimeError):
    """A template asked for more than a flow may: output, loop iterations, time or size."""


@dataclass
class _Budget:
    deadline: float  # in the thread's CPU seconds (``_clock``)
    iterations: int = 0
    output: int = 0
    next_look: float = 0.0  # when (wall clock) to read the thread's clock again

    def tick(self) -> None:
        self.iterations += 1
        if self.iterations > MAX_ITERATIONS:
            raise TemplateLimit(f"more than {MAX_ITERATIONS:,} loop steps")
        self.check_time()

    def check_time(self) -> None:
        """Stop once the render has used its time; checked at every loop step and every
        piece of output, each of which may be slow (sorting a long list)."""
        now = time.monotonic()
        if now < self.next_look:
            return
        self.next_look = now + _LOOK_EVERY
        if _clock() > self.deadline:
            raise TemplateLimit(f"took longer than {MAX_SECONDS:g} s")


_BUDGET: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # rendered outside ``bounded_render``: give it a budget of its own
        budget = _Budget(deadline=_clock() + MAX_SECONDS)
        _BUDGET.set(budget)
    return budget


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 1


def _check_size(size: int, what: str) -> None:
    if size > MAX_OUTPUT:
        raise TemplateLimit(f"{what} would make more than {MAX_OUTPUT:,} characters")


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and not isinstance(width, bool) and abs(width) > MAX_OUTPUT:
        raise TemplateLimit(f"{what} asks for a width over {MAX_OUTPUT:,}")


def _check_printf(template: Any, what: str) -> None:
    if isinstance(template, str):
        for match in _PRINTF_WIDTH.finditer(template):
            for part in match.groups():
                if part and part.isdigit() and int(part) > MAX_OUTPUT:
                    raise TemplateLimit(f"{what} asks for a width over {MAX_OUTPUT:,}")


def _counted(items: Iterable[Any]) -> Iterator[Any]:
    budget = _budget()
    for item in items:
        budget.tick()
        yield item


def _joined(items: list[Any]) -> str:
    """What ``~`` makes, bounded: joining in a loop could otherwise double a text each step."""
    texts = [str(item) for item in items]
    _check_size(sum(len(t) for t in texts), "'~'")
    return "".join(texts)


def _bounded_indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    pad = len(width) if isinstance(width, str) else width
    _check_width(pad, "indent")
    _check_size(len(str(s)) + (str(s).count("\n") + 1) * max(int(pad), 0), "indent")
    return filters.do_indent(s, width, first, blank)


def _bounded_center(value: str, width: int = 80) -> str:
    _check_width(width, "center")
    return filters.do_center(value, width)


def _bounded_format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_printf(value, "format")
    return filters.do_format(value, *args, **kwargs)


def _bounded_batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
    _check_width(linecount, "batch")
    return filters.do_batch(value, linecount, fill_with)


def _bounded_slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _check_width(slices, "slice")
    return filters.do_slice(value, slices, fill_with)


def _bounded_wordwrap(environment: Any, s: str, width: int = 79, *args: Any, **kw: Any) -> str:
    wrap = kw.get("wrapstring") or (args[1] if len(args) > 1 else None) or "\n"
    _check_size(len(s) * (1 + len(str(wrap))), "wordwrap")
    return filters.do_wordwrap(environment, s, width, *args, **kw)


def _bounded_replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> Any:
    text, old_text, new_text = str(s), str(old), str(new)
    hits = len(text) + 1 if not old_text else text.count(old_text)
    if count is not None:
        hits = min(hits, max(count, 0))
    _check_size(len(text) + hits * len(new_text), "replace")
    return filters.do_replace(eval_ctx, s, old, new, count)


def _bounded_join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Any:
    items = list(_counted(value))
    _check_size(sum(_size(i) for i in items) + len(str(d)) * len(items), "join")
    return filters.do_join(eval_ctx, items, d, attribute)


_bounded_wordwrap.jinja_pass_arg = filters.do_wordwrap.jinja_pass_arg  # type: ignore[attr-defined]
_bounded_replace.jinja_pass_arg = filters.do_replace.jinja_pass_arg  # type: ignore[attr-defined]
_bounded_join.jinja_pass_arg = filters.do_join.jinja_pass_arg  # type: ignore[attr-defined]

_BOUNDED_FILTERS = {
    "indent": _bounded_indent,
    "center": _bounded_center,
    "format": _bounded_format,
    "batch": _bounded_batch,
    "slice": _bounded_slice,
    "wordwrap": _bounded_wordwrap,
    "replace": _bounded_replace,
    "join": _bounded_join,
    _LOOP_FILTER: _counted,
    _JOIN_FILTER: _joined,
}


def _bounded_concat(pieces: Iterable[str]) -> str:
    budget = _budget()
    kept: list[str] = []
    for piece in pieces:
        budget.output += len(piece)
        if budget.output > MAX_OUTPUT:
            raise TemplateLimit(f"more than {MAX_OUTPUT:,} characters of output")
        budget.check_time()
        kept.append(piece)
    return "".join(kept)


class _CountLoopsAndJoins(NodeTransformer):
    """Rewrites a parsed template: each ``for`` loop's iterable is counted, and each ``~`` goes
    through a join whose size is checked."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)  # changes the node in place
        node.iter = nodes.Filter(node.iter, _LOOP_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)  # changes the node in place
        parts = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(parts, _JOIN_FILTER, [], [], None, None, lineno=node.lineno)


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox the coach renders every message and plan with."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    concat = staticmethod(_bounded_concat)  # type: ignore[assignment]

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters.update(_BOUNDED_FILTERS)
        self.globals.pop("lipsum", None)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                    _check_size(len(sequence) * max(times, 0), "'*'")
            if isinstance(left, int) and isinstance(right, int):
                self._check_bits(left.bit_length() + right.bit_length())
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            self._check_bits(max(left.bit_length(), 1) * max(right, 0))
        elif operator == "%":
            _check_printf(left, "'%'")
        elif operator == "+" and isinstance(left, str | list | tuple):
            _check_size(_size(left) + _size(right), "'+'")
        return super().call_binop(context, operator, left, right)

    @staticmethod
    def _check_bits(bits: int) -> None:
        if bits > MAX_INT_BITS:
            raise TemplateLimit(f"a number larger than {MAX_INT_BITS:,} bits")

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No string method that pads or joins, and no change to a list, dict or set except
        ``append`` (one item per loop step, so the loop limit bounds it; ``extend`` could
        double a list at each step)."""
        if isinstance(obj, str) and attr in _GROWING_METHODS:
            return False
        if modifies_known_mutable(obj, attr) and not (isinstance(obj, list) and attr == "append"):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def compile(  # type: ignore[override]
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Every template is rewritten so its loops and joins count against the budget."""
        tree = self.parse(source, name, filename) if isinstance(source, str) else source
        tree = _CountLoopsAndJoins().visit(tree)
        if raw:
            return super().compile(tree, name, filename, raw=True, defer_init=defer_init)
        return super().compile(tree, name, filename, raw=False, defer_init=defer_init)


def bounded_render(template: Any, context: dict[str, Any]) -> str:
    """Render with a fresh budget for time, loop steps and output."""
    token = _BUDGET.set(_Budget(deadline=_clock() + MAX_SECONDS))
    try:
        return str(template.render(context))
    finally:
        _BUDGET.reset(token)
