"""Which coach processes have a data folder open, so restore, lock and unlock never change the
store under another window.

Every open store holds a shared lock on ``coach.lock`` in the data folder; an operation that
replaces or re-seals the whole store first turns its own lock into an exclusive one, and is
refused in one line while any other process holds the folder (a window at the home screen
counts, not only one with a session open). The kernel drops a process's locks when it dies, so
a crashed window never blocks anything. One lock is kept per folder per process, so a process
that opens its store twice does not count as another window.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from coach.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, so no check
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "coach.lock"
WAIT_FOR_SHARE = 10.0


class StoreBusy(StoreError):
    """Another coach process has the data folder open, or is changing all of it."""


class FolderLock:
    """This process's hold on one data folder."""

    _held: ClassVar[dict[Path, FolderLock]] = {}

    def __init__(self, home: Path) -> None:
        self.home = home
        self.users = 0
        self._fd = os.open(home / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)

    @classmethod
    def hold(cls, home: Path) -> FolderLock:
        """A shared hold on ``home``, waiting a little if another process is changing it."""
        key = home.resolve()
        held = cls._held.get(key)
        if held is None:
            held = cls(home)
            try:
                held._take(shared=True, wait=WAIT_FOR_SHARE)
            except BaseException:
                os.close(held._fd)
                raise
            cls._held[key] = held
        held.users += 1
        return held

    def release(self) -> None:
        self.users -= 1
        if self.users <= 0:
            self._held.pop(self.home.resolve(), None)
            os.close(self._fd)

    def _take(self, *, shared: bool, wait: float = 0.0) -> bool:
        if fcntl is None:
            return True
        mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self._fd, mode)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    if shared:
                        raise StoreBusy(
                            f"another coach window is restoring, locking or unlocking the data "
                            f"in {self.home}; try again when it has finished"
                        ) from None
                    return False
                time.sleep(0.05)

    @contextmanager
    def exclusive(self, what: str) -> Iterator[None]:
        """Hold the folder alone while ``what`` runs; refused if any other process has it."""
        if not self._take(shared=False):
            self._take(shared=True, wait=WAIT_FOR_SHARE)
            raise StoreBusy(
                f"another coach window has your data open, so {what} would change it under "
                "that window; close every other coach window (and 'coach serve'), then try again"
            )
        try:
            yield
        finally:
            self._take(shared=True, wait=WAIT_FOR_SHARE)


@contextmanager
def folder_alone(home: Path, what: str) -> Iterator[None]:
    """``home`` held by this process alone, whether or not its store is open here."""
    lock = FolderLock.hold(home)
    try:
        with lock.exclusive(what):
            yield
    finally:
        lock.release()
