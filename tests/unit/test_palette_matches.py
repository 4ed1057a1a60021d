"""The palette's narrowing: a query that adds letters looks only in the last query's matches,
and finds exactly what searching every title afresh finds, in the same order."""

from __future__ import annotations

import heapq
import random

from coach.tui.commands import Match, letters_in_order, narrowed

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


def typed(titles: list[str], queries: list[str]) -> list[list[Match]]:
    """What each query finds, typed one after the other (each narrowing the last)."""
    lowered = [title.lower() for title in titles]
    last: tuple[str, list[Match]] = ("", [])
    found = []
    for query in queries:
        last = (query.lower(), narrowed(lowered, query.lower(), last))
        found.append(last[1])
    return found


def searched_afresh(titles: list[str], query: str) -> list[tuple[int, int, int, int, int]]:
    search = letters_in_order(query.lower()).search
    found = []
    for index, title in enumerate(titles):
        match = search(title.lower())
        if match is not None:
            found.append(
                (match.end() - match.start(), match.start(), len(title), index, match.end())
            )
    return found


def test_typing_a_letter_at_a_time_finds_what_a_fresh_search_finds():
    rng = random.Random(7)
    titles = TITLES + [
        "".join(rng.choice("abcdeplans 7zoë:-") for _ in range(rng.randint(0, 40)))
        for _ in range(300)
    ]
    for text in ["open plan 7", "sam", "plan for zoë", "zz", "ap", "ë", "  o"]:
        queries = [text[:length] for length in range(1, len(text) + 1)]
        for query, found in zip(queries, typed(titles, queries), strict=True):
            afresh = searched_afresh(titles, query)
            assert found == afresh, query
            assert heapq.nsmallest(5, found) == heapq.nsmallest(5, afresh)


def test_a_letter_taken_back_or_a_new_query_searches_every_title_again():
    found = typed(TITLES, ["samz", "sam", "help", "HELP N"])
    assert [[match[3] for match in matches] for matches in found] == [[], [1, 2, 7], [5], [5]]
