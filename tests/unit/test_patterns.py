"""Patterns in a flow's `validate` and `warn` cannot backtrack for ever: a match stops within a
fraction of a second, and `coach validate` names a pattern that would backtrack."""

from __future__ import annotations

import contextlib
import time

import pytest

from coach.patterns import PatternTooSlow, pattern_problem, search

NESTED = r"(x+x+)+y"


@pytest.mark.parametrize("pattern", [r"^(a+)+$", NESTED, r"^(a|a)*$", r"(\w+\s?)*$"])
def test_a_backtracking_pattern_stops_quickly(pattern):
    started = time.monotonic()
    for answer in ("a" * 55 + "!", "x" * 5000, "word " * 2000 + "!"):
        with contextlib.suppress(PatternTooSlow):
            search(pattern, answer)
    assert time.monotonic() - started < 3.0


def test_patterns_keep_unicode_words():
    assert search(r"\bZoë\b", "ask Zoë first")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (NESTED, "can take too long"),
        (r"^(a|a)*$", "can take too long"),
        (r"(unclosed", "is not a valid regular expression"),
        (r"^(2[2-3]|0[0-6]):", None),
    ],
)
def test_validation_names_a_slow_or_broken_pattern(pattern, expected):
    problem = pattern_problem(pattern)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem


def test_coach_validate_reports_a_backtracking_pattern(cli, mini_folder, edit):
    flow_file = mini_folder / "flows" / "mini.yaml"
    edit(flow_file, "validate: {min_length: 3,", 'validate: {pattern: "(x+x+)+y", min_length: 3,')
    edit(flow_file, "example: Tired but fine", "example: xxy")
    result = cli("validate", mini_folder)
    assert result.exit_code == 1
    assert "pattern of 'note' can take too long" in result.stdout


class LosesOneSlice:
    """A compiled pattern whose first search runs out of time, as on a machine too busy to
    give it its slice; the second finds the match."""

    def __init__(self) -> None:
        self.calls = 0

    def search(self, text: str, timeout: float) -> object:
        self.calls += 1
        if self.calls == 1:
            raise TimeoutError
        return object()


def test_one_search_that_loses_its_time_to_a_busy_machine_is_tried_again(monkeypatch):
    compiled = LosesOneSlice()
    monkeypatch.setattr("coach.patterns._compiled", lambda pattern, ignore_case: compiled)
    assert search("kind", "be kind") and compiled.calls == 2
    compiled.calls = 0
    assert pattern_problem("kind") is None
