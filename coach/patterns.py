"""Regular expressions from flow files: matched with a time limit, and checked when a flow is.

A pattern such as ``^(a+)+$`` makes Python's ``re`` backtrack for ever on a 55-character answer,
and a flow's patterns are written by practitioners, not by us. Two ways out were tried:

- ``google-re2`` matches in linear time, but its ``\\w`` and ``\\b`` are ASCII only: ``\\bZoë\\b``
  never matches, so a pattern about names or words in most languages silently goes wrong;
- the ``regex`` package keeps Python's syntax and Unicode rules, and stops a match after a
  timeout.

We use ``regex``: a pattern that would backtrack is stopped within a fraction of a second, and
``coach validate`` tries every pattern on a few answers known to trip such patterns, so the
practitioner hears about it before a caregiver types anything.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

MATCH_TIMEOUT = 0.1
CHECK_TIMEOUT = 0.05
# Answers that make nested or overlapping repeats backtrack: long runs that almost match.
_PROBES = tuple(
    run + end
    for run in ("a" * 2000, "x" * 2000, "1" * 2000, " " * 2000, "ab" * 1000, "word " * 400)
    for end in ("!", "")
)


class PatternTooSlow(RuntimeError):
    """A match that ran past its time limit."""


@lru_cache(maxsize=256)
def _compiled(pattern: str, ignore_case: bool) -> Any:
    return regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)


def _timed_search(compiled: Any, text: str, timeout: float) -> Any:
    """The match, or TimeoutError if the pattern ran past ``timeout`` twice. The limit is on
    the wall clock: one pass can lose its slice of a busy machine, and only a pattern that
    backtracks runs out of time again."""
    try:
        return compiled.search(text, timeout=timeout)
    except TimeoutError:
        return compiled.search(text, timeout=timeout)


def search(pattern: str, text: str, *, ignore_case: bool = False) -> bool:
    """Whether ``pattern`` occurs in ``text``; PatternTooSlow past the time limit."""
    try:
        return _timed_search(_compiled(pattern, ignore_case), text, MATCH_TIMEOUT) is not None
    except TimeoutError:
        raise PatternTooSlow(pattern) from None


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with a flow's pattern, or None: it must compile and stay quick."""
    try:
        compiled = _compiled(pattern, False)
    except regex.error as exc:
        return f"is not a valid regular expression ({exc})"
    for probe in _PROBES:
        try:
            _timed_search(compiled, probe, CHECK_TIMEOUT)
        except TimeoutError:
            return (
                "can take too long on some answers (it backtracks); simplify it, e.g. avoid "
                "a repeat inside a repeat such as (a+)+"
            )
    return None
