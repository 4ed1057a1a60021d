"""The command palette (ctrl+p): start a flow, resume a session, open a plan, log an
incident, a case's timeline and charts, and more.

Its entries are built once and kept until something they list changes (a plan made, a case
renamed, in this window or another one, practitioner mode, the case chosen on home); each
key typed only matches against them. With 10,000 plans, building them took 183 ms, which
every key used to pay.

The palette shows few entries at a time: opened, it lists the newest plans only, and each key
typed gives the best matches only. Textual scores, highlights and lays out every hit it is
given; with 10,000 plans that took seconds per key. The entries are narrowed cheaply first (the
query's letters in order, the tightest match first) and only those shown are scored. A key that
adds a letter narrows the last key's matches instead of searching every entry again.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Hashable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.worker import WorkerFailed

from coach.errors import CoachError
from coach.timestamps import local_day

if TYPE_CHECKING:
    from coach.services import Services
    from coach.tui.app import CoachApp


# How many plans the palette lists when it opens (the newest), and how many matches a key shows.
PLANS_WHEN_OPENED = 20
MOST_HITS = 40


class Entry(NamedTuple):
    title: str
    help: str
    run: Callable[[], object]
    listed_at_first: bool = True


def build_entries(app: CoachApp, services: Services, case_id: int | None) -> list[Entry]:
    """Every entry, for the case the app is limited to (or ``case_id``, the one chosen on
    home); ``services`` read the store (in a worker, through a connection of their own)."""
    cards = services.flows.cards
    entries = [
        Entry(
            f"Start: {card.title}",
            f"{card.summary} (about {card.minutes} min)",
            partial(app.start_flow, card.id, case_id),
        )
        for card in cards.values()
    ]
    names = services.cases.names()
    if case_id is not None and case_id in names:
        home, chosen = app.home, names[case_id]
        entries += [
            Entry(
                f"Log an incident: {chosen}", "A short note for the diary", home.action_log_incident
            ),
            Entry(
                f"Timeline: {chosen}",
                "Everything that happened, newest first",
                home.action_timeline,
            ),
            Entry(
                f"Charts: {chosen}",
                "Incidents per week, goal ratings, gestures",
                home.action_charts,
            ),
        ]
    for row in services.sessions.to_resume(case_limit=app.case_limit):
        card = cards[row.flow_id]
        name = names.get(row.case_id) if row.case_id is not None else None
        entries.append(
            Entry(
                f"Resume: {card.title}{f' for {name}' if name else ''}",
                f"Carry on where you stopped: {card.step(row.state)}",
                partial(app.resume_session, row.id),
            )
        )
    entries += [
        Entry(
            f"Open plan: {plan.title}",
            f"Made {local_day(plan.created)}",
            partial(app.open_plan, plan.id),
            listed_at_first=newest < PLANS_WHEN_OPENED,
        )
        for newest, plan in enumerate(services.plans.all(case_limit=app.case_limit))
    ]
    state = "off" if app.practitioner else "on"
    entries += [
        Entry(
            f"Practitioner mode: turn {state}",
            "Notes for each step, session notes and the flow's map beside the conversation",
            app.action_toggle_practitioner,
        ),
        Entry("Switch theme", "Light, dark and other colour themes", app.action_change_theme),
        Entry("Help now", "What to do in danger, and crisis lines", app.action_help_now),
        Entry("Change region", "Which crisis lines the coach shows", app.action_change_region),
        Entry("Home", "Cases, sessions in progress, flows and plans", app.go_home),
    ]
    if services.data.is_locked:
        entries.append(
            Entry("Lock now", "Cover the coach until the passphrase is typed", app.action_lock_now)
        )
    return entries


# Where an entry's title holds a query's letters in order: (tightness, start, title length,
# entry, end). The first four order the matches, the tightest first (a word typed whole
# before letters spread out). Plain tuples: with 10,000 plans a named one took longer to make
# than the search.
Match = tuple[int, int, int, int, int]


class PaletteEntries:
    """The entries, kept while what they depend on stays the same."""

    def __init__(self, app: CoachApp) -> None:
        self._app = app
        self._key: Hashable = None
        self._entries: list[Entry] = []
        self._lowered: list[str] = []
        self._last: tuple[str, list[Match]] = ("", [])  # the last query and its matches
        self.builds = 0  # how often they were built (for tests and benchmarks)

    def _current_key(self) -> Hashable:
        app = self._app
        return (app.services.data.version(), app.practitioner, app.palette_case())

    @property
    def entries(self) -> list[Entry]:
        """The entries as last built (``refreshed`` builds them when they are out of date)."""
        return self._entries

    async def refreshed(self) -> list[Entry]:
        """The entries, built afresh when what they list has changed. Building reads every
        plan (a third of a second with 10,000), so it runs in a worker thread through a
        connection of its own, and the app stays drawn. If the store cannot be read: none,
        and the reason said."""
        app = self._app
        try:
            key = self._current_key()
            if key == self._key:
                return self._entries
            case_id = app.palette_case()
            _ = app.cards  # the flows' cards are loaded here once; the worker's copy shares them

            def build() -> list[Entry]:
                with app.services.reading() as services:
                    return build_entries(app, services, case_id)

            worker = app.run_worker(build, thread=True, group="palette", exit_on_error=False)
            entries = await worker.wait()
        except WorkerFailed as failed:
            if not isinstance(failed.error, CoachError):
                raise failed.error from None
            return self._unreadable(failed.error)
        except CoachError as exc:
            return self._unreadable(exc)
        self._entries = entries
        self._lowered = [entry.title.lower() for entry in entries]
        self._last = ("", [])
        self._key = key
        self.builds += 1
        return self._entries

    def _unreadable(self, problem: CoachError) -> list[Entry]:
        self._app.notify(str(problem), severity="error", timeout=12, markup=False)
        return []

    async def candidates(self, query: str, most: int = MOST_HITS) -> list[Entry]:
        """The ``most`` entries whose titles hold the query's letters in order most tightly
        (a word typed whole comes first), found without scoring every entry."""
        entries = await self.refreshed()
        if entries is not self._entries:  # the store could not be read: nothing to match
            return []
        return [entries[match[3]] for match in heapq.nsmallest(most, self.matches(query))]

    def matches(self, query: str) -> list[Match]:
        """Every entry whose title holds the query's letters in order (see ``narrowed``)."""
        found = narrowed(self._lowered, query.lower(), self._last)
        self._last = (query.lower(), found)
        return found


def narrowed(titles: list[str], query: str, last: tuple[str, list[Match]]) -> list[Match]:
    """The titles that hold the query's letters in order. A query that only adds letters to
    the ``last`` one looks in the last one's matches alone, each from where it ended: the
    letters are found from the same start (the first of each after the one before), so a
    title with no new letter after that end has no match from any start. With 10,000 plans
    that takes half the time of searching every title again."""
    searched, found = last
    if not (searched and query.startswith(searched)):
        search = letters_in_order(query).search
        found = [
            (match.end() - match.start(), match.start(), len(title), index, match.end())
            for index, title in enumerate(titles)
            if (match := search(title)) is not None
        ]
        searched = query
    for letter in query[len(searched) :]:
        found = [
            (at + 1 - start, start, length, index, at + 1)
            for _, start, length, index, end in found
            if (at := titles[index].find(letter, end)) >= 0
        ]
    return found


def letters_in_order(query: str) -> re.Pattern[str]:
    """The query's letters in order with anything between: ``o[^p]*p[^e]*e``. Each gap
    stops at the next letter, so a title without it fails at once; ``o.*?p.*?e`` tried every
    way of placing the letters first (25 ms a key over 10,000 plans)."""
    if not query:
        return re.compile("")
    rest = "".join(f"[^{re.escape(letter)}]*{re.escape(letter)}" for letter in query[1:])
    return re.compile(re.escape(query[0]) + rest)


class CoachCommands(Provider):
    """The coach's entries in the palette; opening it reads the kept entries once."""

    @property
    def _palette(self) -> PaletteEntries:
        return self.app.palette  # type: ignore[attr-defined, no-any-return]

    async def discover(self) -> Hits:
        for entry in await self._palette.refreshed():
            if entry.listed_at_first:
                yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in await self._palette.candidates(query):
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)
