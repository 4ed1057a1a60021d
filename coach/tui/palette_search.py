"""Finding the palette's best matches among thousands of titles without looking at them all.

A title matches a query when it holds the query's letters in order. Its match starts at the
first place of the query's first letter and takes each next letter at its first place after
the one before: if the letters cannot follow from there, they cannot from any later place
either (each would come later still), so this is exactly what a search with a regular
expression finds. Matches are ordered by how tightly they hold the letters (a word typed whole
first), then by where they start, by the title's length and by the entry's place.

The titles are sorted once by where the query's first letter is, then by length and place.
No match is tighter than the query is long, so along that order a title's best possible place
in the ranking only grows: once the matches found are better than the next title could
possibly be, the rest are not looked at. Typing the words of a title gives tight matches, so
a key looks at a few dozen titles instead of all of them; letters spread far apart still look
at every title that holds the first letter. What each title's match reached is kept, so a key
that adds a letter goes on from there.
"""

from __future__ import annotations

import heapq

# (tightness, start, title length, entry): the order of the matches, best first.
Rank = tuple[int, int, int, int]


class TitleSearch:
    """The best matches of each query typed, over titles given once (lower-cased)."""

    def __init__(self, titles: list[str]) -> None:
        self._titles = titles
        self._by_first: dict[str, list[tuple[int, int, int]]] = {}  # (start, length, entry)
        self._sorted: list[tuple[int, int, int]] = []  # for the current query's first letter
        self._query = ""  # the query the reached places below belong to
        self._reached: dict[int, tuple[int, int]] = {}  # entry -> (letters matched, end)

    def best(self, query: str, most: int) -> list[int]:
        """The entries of the ``most`` best matches of ``query`` (lower-cased), best first."""
        if most <= 0:
            return []
        if not query:  # every title matches, none more tightly: the shortest first
            lengths = [(len(title), entry) for entry, title in enumerate(self._titles)]
            return [entry for _, entry in heapq.nsmallest(most, lengths)]
        self._prepare(query)
        titles, reached, wanted = self._titles, self._reached, len(query)
        worst_kept: list[tuple[int, int, int, int]] = []  # the best so far, negated: a max-heap
        for start, length, entry in self._sorted:
            if len(worst_kept) == most and (wanted, start, length, entry) > _rank(worst_kept[0]):
                break  # no title from here on can rank among those kept
            matched, end = reached.get(entry, (1, start + 1))
            title = titles[entry]
            while matched < wanted and end > 0:
                end = title.find(query[matched], end) + 1
                matched += 1
            reached[entry] = (matched, end)
            if end <= 0:
                continue
            negated = (start - end, -start, -length, -entry)
            if len(worst_kept) < most:
                heapq.heappush(worst_kept, negated)
            elif negated > worst_kept[0]:
                heapq.heapreplace(worst_kept, negated)
        return [rank[3] for rank in sorted(_rank(kept) for kept in worst_kept)]

    def _prepare(self, query: str) -> None:
        """The titles in order for the query's first letter (sorted once for each letter),
        and what was reached forgotten unless the query only adds letters to the last one."""
        if not (self._query and query.startswith(self._query)):
            self._reached = {}
        if not (self._query and query[0] == self._query[0]):
            first = query[0]
            if first not in self._by_first:
                self._by_first[first] = sorted(
                    (at, len(title), entry)
                    for entry, title in enumerate(self._titles)
                    if (at := title.find(first)) >= 0
                )
            self._sorted = self._by_first[first]
        self._query = query


def _rank(negated: tuple[int, int, int, int]) -> Rank:
    tightness, start, length, entry = (-part for part in negated)
    return tightness, start, length, entry
