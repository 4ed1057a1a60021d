"""What the coach can do, by subject: the only layer the faces (``coach.cli``, ``coach.tui``)
call. Each subject is loaded when first asked for, so a quick command stays quick.

- ``cases``: find by name or number, create, rename.
- ``sessions``: start, resume (the rules for which session may be), and ``Conversation``,
  one open session: answer, back, go on, finish (the plan is made in one transaction).
- ``plans``: read, revise, follow up, export (notes always marked "not for the family"),
  import.
- ``settings``: region, idle lock, theme, welcome; typed and checked once.
- ``data``: backups, restore, doctor, erase, the passphrase.
- ``campaign``: the incident diary, check-ins, a case's timeline, progress figures and
  report, the diary as CSV, reminders.
- ``flows``: listing, validating and drawing flows.
- ``walks``: walking a flow with answers from a file.

Everything that goes wrong is a ``CoachError`` whose text is one line a person can act on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from coach.services.workspace import Workspace

if TYPE_CHECKING:
    from coach.services.campaign import Campaign
    from coach.services.cases import Cases
    from coach.services.data import DataCare
    from coach.services.flows import Flows
    from coach.services.plans import Plans
    from coach.services.sessions import Sessions
    from coach.services.settings import Settings
    from coach.services.walk import Walks

__all__ = ["Services", "Workspace"]


class Services:
    """The one object a face asks: built from a workspace (data folder, flows, store)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @cached_property
    def cases(self) -> Cases:
        from coach.services.cases import Cases

        return Cases(self.workspace)

    @cached_property
    def sessions(self) -> Sessions:
        from coach.services.sessions import Sessions

        return Sessions(self.workspace)

    @cached_property
    def plans(self) -> Plans:
        from coach.services.plans import Plans

        return Plans(self.workspace)

    @cached_property
    def settings(self) -> Settings:
        from coach.services.settings import Settings

        return Settings(self.workspace)

    @cached_property
    def data(self) -> DataCare:
        from coach.services.data import DataCare

        return DataCare(self.workspace)

    @cached_property
    def campaign(self) -> Campaign:
        from coach.services.campaign import Campaign

        return Campaign(self.workspace)

    @cached_property
    def flows(self) -> Flows:
        from coach.services.flows import Flows

        return Flows(self.workspace)

    @cached_property
    def walks(self) -> Walks:
        from coach.services.walk import Walks

        return Walks(self.workspace)

    @contextmanager
    def reading(self) -> Iterator[Services]:
        """The use cases on a connection of their own that only reads, for a worker thread
        (a long list, a large query) while the app's connection serves the app. Enter it in
        the thread that reads."""
        reader = self.workspace.store.reader()
        try:
            yield Services(self.workspace.on_store(reader))
        finally:
            reader.close()

    def open_store(self) -> None:
        """Open the store now, so a damaged or locked one is reported before anything else."""
        _ = self.workspace.store

    def open_for_app(self, passphrase: Callable[[], str | None]) -> None:
        """Open the store for the app: a locked one opens waiting for its passphrase (from
        ``passphrase`` if it gives one, else asked on the app's own screen, never in the
        terminal before the app draws)."""
        self.workspace.ask_for_passphrase_on_screen(passphrase)
        self.open_store()

    def close(self) -> None:
        self.workspace.close()
