"""What templates call instead of working things out themselves (coach.plan_helpers)."""

from __future__ import annotations

from coach.phrases import sentence
from coach.plan_helpers import (
    Entry,
    baskets,
    by_value,
    full_stop,
    grouped,
    in_order,
    named,
    time_after,
    worded,
)
from coach.templating import render


def test_lists_read_as_a_sentence_and_sentences_end():
    assert [sentence(x) for x in ([], ["Ana"], ["Ana", "Dev"], ["Ana", "Dev", "Mo"])] == [
        "",
        "Ana",
        "Ana and Dev",
        "Ana, Dev and Mo",
    ]
    assert full_stop("  we will stay calm ") == "we will stay calm."
    assert full_stop("Stay calm!") == "Stay calm!" and full_stop("") == ""
    assert worded(["family", "Our GP"], {"family": "our family"}) == ["our family", "Our GP"]


def test_a_time_later_wraps_past_midnight():
    assert time_after("19:30", 45) == "20:15"
    assert time_after("23:50", 20) == "00:10"


def test_priorities_sorted_into_baskets_with_unclear_and_worrying_top_behaviours():
    rows = [
        {"behaviour": "Hitting his sister when he loses a game", "basket": "top"},
        {"behaviour": "rude", "basket": "top"},
        {"behaviour": "Says he wants to kill himself", "basket": "top"},
        {"behaviour": "Leaving plates in the bedroom", "basket": "let_go"},
        {"behaviour": "Cutting her arms", "basket": "concern_self_harm"},
    ]
    sorted_out = baskets(rows)
    assert sorted_out.top[0]["behaviour"].startswith("Hitting")
    assert sorted_out.unclear == ["rude"]
    assert sorted_out.worrying == ["Says he wants to kill himself"]
    assert sorted_out.to_resist == ["Hitting his sister when he loses a game", "rude"]
    assert sorted_out.concern_kinds == ["concern_self_harm"] and not sorted_out.top_is_clear
    assert baskets(rows[:1]).top_is_clear and baskets([]).top == []


def test_rows_are_ordered_grouped_and_gathered_by_value():
    rows = [
        Entry({"when": "2026-12-03", "who": "Ana"}, {"when": "Thursday 3 December 2026"}),
        Entry({"when": "2026-12-01", "who": "Dev"}, {"when": "Tuesday 1 December 2026"}),
        Entry({"when": "2026-12-02", "who": "Ana"}, {"when": "Wednesday 2 December 2026"}),
    ]
    assert [e.raw["when"] for e in in_order(rows, "when")] == [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
    ]
    assert [(who, len(group)) for who, group in grouped(rows, "who")] == [("Ana", 2), ("Dev", 1)]
    supporters = [{"name": "Ana", "roles": ["witness"]}, {"name": "Dev", "roles": []}]
    roles = by_value(supporters, "roles", {"witness": "Knowing", "sit_in": "Being there"})
    assert roles.filled == [("Knowing", ["Ana"])] and roles.unfilled == ["Being there"]
    assert named(supporters, "Dev") == supporters[1] and named(None, "Ana") is None


def test_templates_call_them_as_filters():
    text = render(
        "{{ names | sentence }}; {{ note | full_stop }}; {{ start | time_after(30) }}",
        {"names": ["Ana", "Dev"], "note": "calm", "start": "19:45"},
        markdown=False,
    )
    assert text == "Ana and Dev; calm.; 20:15"
