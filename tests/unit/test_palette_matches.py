"""The palette's search: typed a letter at a time, with letters taken back or a new query
begun, it finds exactly the best matches that searching every title afresh finds, in order."""

from __future__ import annotations

import heapq
import random
import re

import pytest

from coach.tui import palette_search
from coach.tui.palette_search import Match, TitleSearch

TITLES = [
    "Open plan: Sit-in plan for Zoë",
    "Open plan: Delayed response plan for Sam",
    "Start: Respond later, when it's calm",
    "Resume: Look after yourself",
    "Open plan: Announcement for Kai (7)",
    "Help now",
    "Practitioner mode: turn on",
    "Open plan: Making amends: plan for Sam",
]


def typed(titles: list[str], queries: list[str], most: int = 5) -> list[list[int]]:
    """The entries of the best matches of each query, typed one after the other."""
    search = TitleSearch([title.lower() for title in titles])
    return [search.best(query.lower(), most) for query in queries]


def searched_afresh(titles: list[str], query: str, most: int = 5) -> list[int]:
    """A regular expression's search for the letters in order, each gap stopping at the next
    letter (what the palette used before it narrowed)."""
    letters = query.lower()
    gaps = "".join(f"[^{re.escape(letter)}]*{re.escape(letter)}" for letter in letters[1:])
    search = re.compile(re.escape(letters[:1]) + gaps).search
    found: list[Match] = []
    for index, title in enumerate(titles):
        match = search(title.lower())
        if match is not None:
            start, end = match.span()
            found.append((end - start, start, len(title), index, end))
    return [rank[3] for rank in heapq.nsmallest(most, found)]


@pytest.fixture(params=[0, 3, 10_000], ids=["every-match", "pruned-then-every", "pruned"])
def budget(request, monkeypatch):
    """Both ways of finding the best: listing every match, and pruning (with a budget small
    enough to give up part way, and one that never does)."""
    monkeypatch.setattr(palette_search, "PRUNING_BUDGET", request.param)


def test_typing_a_letter_at_a_time_finds_what_a_fresh_search_finds(budget):
    rng = random.Random(7)
    titles = TITLES + [
        "".join(rng.choice("abcdeplans 7zoë:-") for _ in range(rng.randint(0, 40)))
        for _ in range(300)
    ]
    for most in (1, 5, 40, 1000):
        for text in ["open plan 7", "sam", "plan for zoë", "zz", "ap", "ë", "  o", "aaa"]:
            queries = [text[:length] for length in range(len(text) + 1)]
            for query, found in zip(queries, typed(titles, queries, most), strict=True):
                assert found == searched_afresh(titles, query, most), (most, query)


def test_letters_taken_back_or_a_new_query_find_what_a_fresh_search_finds(budget):
    rng = random.Random(11)
    titles = TITLES * 3 + ["".join(rng.choice("abc ") for _ in range(12)) for _ in range(200)]
    queries, query = [], ""
    for _ in range(400):  # typing, taking letters back, starting again, at random
        move = rng.random()
        if move < 0.6:
            query += rng.choice("abcplans ")
        elif move < 0.9:
            query = query[:-1]
        else:
            query = rng.choice("abcps")
        queries.append(query)
    for query, found in zip(queries, typed(titles, queries, 7), strict=True):
        assert found == searched_afresh(titles, query, 7), query


def test_the_best_of_a_few_titles(budget):
    found = typed(TITLES, ["samz", "sam", "help", "HELP N", "", "sit"], most=3)
    assert found[0] == [] and found[1] == searched_afresh(TITLES, "sam", 3)
    assert found[2] == found[3] == [5]  # in any case
    assert found[4] == [5, 6, 3]  # nothing typed: the shortest titles
    assert found[5][0] == 0  # "Sit-in" holds the word whole
    assert typed(TITLES, ["plan"], most=0) == [[]]
