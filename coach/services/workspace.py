"""What the use cases are built from: the data folder, the flows known, and the open store.

Built from the command-line options (``--home``, ``--flows``) and the environment, once per
command or app run, so the CLI and the TUI resolve both the same way. The store opens on
first use, so commands that never need it (``coach flows``) never open it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from coach.paths import added_flow_folders, data_home, shipped_flows_folder

if TYPE_CHECKING:
    from coach.flow_info import FlowCard
    from coach.flowformat.cache import FlowCache
    from coach.flowformat.catalogue import Catalogue
    from coach.store import Store

CACHE_FOLDER = "cache"


@dataclass
class Workspace:
    home_option: str | Path | None = None
    flows_option: str | Path | None = None
    passphrase: Callable[[], str | None] | None = None
    # The app asks for a locked store's passphrase on its own screen: the store is opened
    # waiting for it (``Store.needs_passphrase``) instead of failing.
    wait_for_passphrase: bool = False
    # Where notices go as they happen (the command line prints them); the app shows the
    # ones gathered in ``notices`` once it is on screen.
    tell: Callable[[str], None] | None = None
    notices: list[str] = field(default_factory=list)
    # The app makes today's backup in a worker once it is drawn (``DataCare.daily_backup``);
    # every other face makes it as the store opens.
    backup_later: bool = False
    _store: Store | None = field(default=None, repr=False)

    def notice(self, text: str) -> None:
        self.notices.append(text)
        if self.tell is not None:
            self.tell(text)

    @property
    def home(self) -> Path:
        return data_home(self.home_option)

    @property
    def flow_folders(self) -> list[Path]:
        return [shipped_flows_folder(), *added_flow_folders(self.flows_option)]

    @cached_property
    def flow_cache(self) -> FlowCache:
        """The flows from the cache of validated flows (checked afresh when a file changed):
        each part is read when first asked for, so the home screen reads only its cards."""
        from coach.flowformat.cache import FlowCache

        return FlowCache(self.flow_folders, self.cache_folder)

    @cached_property
    def catalogue(self) -> Catalogue:
        """The flows as models, from the cache of validated flows when no file has changed."""
        return self.flow_cache.catalogue()

    @cached_property
    def cards(self) -> dict[str, FlowCard]:
        """What the home screen shows of each flow, without building the flows' models."""
        from coach.flow_info import FlowCard

        return {card["id"]: FlowCard(**card) for card in self.flow_cache.cards}

    @property
    def cache_folder(self) -> Path:
        return self.home / CACHE_FOLDER

    @property
    def store(self) -> Store:
        if self._store is None:
            from coach.store import Store

            self._store = Store.open(self.home, self.passphrase, wait=self.wait_for_passphrase)
            if not self._store.needs_passphrase:
                self.store_ready(date.today())
        return self._store

    def store_ready(self, today: date) -> None:
        """Once the store can be read: finish a lock or unlock that was stopped, seal what an
        older version left readable in a locked store, and make today's backup unless it is
        made later (a backup that cannot be made is a notice, not a stop)."""
        from coach.store.locking import finish_unfinished, seal_what_was_left_readable

        assert self._store is not None
        finished = finish_unfinished(self._store)
        if finished:
            self.notice(finished)
        for said in seal_what_was_left_readable(self._store):
            self.notice(said)
        if not self.backup_later:
            problem = self.daily_backup(today)
            if problem:
                self.notice(problem)

    def daily_backup(self, today: date) -> str | None:
        """Today's backup, unless there is one; what stopped it, if anything. It reads the
        store through a connection of its own, so it may run in a worker thread."""
        from coach.store.backups import daily_backup

        assert self._store is not None
        return daily_backup(self._store, today).problem

    def ask_for_passphrase_on_screen(self, passphrase: Callable[[], str | None]) -> None:
        """For the app: a locked store opens waiting for its passphrase, which the app asks
        for on its own screen (never in the terminal before it draws), and today's backup is
        left for the app to make in a worker. Changes nothing once the store is open. The app
        shows notices itself, once it is on screen."""
        self.tell = None
        if self._store is None:
            self.passphrase = passphrase
            self.wait_for_passphrase = True
            self.backup_later = True

    def on_store(self, store: Store) -> Workspace:
        """The same data folder and flows (as loaded already) on another connection."""
        other = replace(self, _store=store, tell=None, notices=[], backup_later=True)
        for loaded in ("flow_cache", "catalogue", "cards"):
            if loaded in self.__dict__:
                other.__dict__[loaded] = self.__dict__[loaded]
        return other

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class UseCase:
    """One subject's use cases; each reads the workspace's store only when it needs it."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    @property
    def _store(self) -> Store:
        return self._workspace.store
