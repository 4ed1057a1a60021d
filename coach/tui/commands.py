"""The command palette (ctrl+p): start a flow, resume a session, open a plan, log an
incident, a case's timeline and charts, and more.

Its entries are built once and kept until something they list changes (a plan made, a case
renamed, in this window or another one, practitioner mode, the case chosen on home); each
key typed only matches against them. With 10,000 plans, building them took 183 ms, which
every key used to pay.

The palette shows few entries at a time: opened, it lists the newest plans only, and each key
typed gives the best matches only. Textual scores, highlights and lays out every hit it is
given; with 10,000 plans that took seconds per key. The best matches are found first (the
query's letters in order, the tightest match first: coach.tui.palette_search, which looks at
few titles when the matches are tight) and only those shown are scored.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.worker import WorkerFailed

from coach.errors import CoachError
from coach.timestamps import local_day
from coach.tui.palette_search import TitleSearch

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


class PaletteEntries:
    """The entries, kept while what they depend on stays the same."""

    def __init__(self, app: CoachApp) -> None:
        self._app = app
        self._key: Hashable = None
        self._entries: list[Entry] = []
        self._search = TitleSearch([])
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
        self._search = TitleSearch([entry.title.lower() for entry in entries])
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
        return [entries[entry] for entry in self._search.best(query.lower(), most)]


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
