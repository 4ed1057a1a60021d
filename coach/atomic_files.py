"""Writing files so that no one ever sees half of one, and a killed process leaves nothing
behind for long.

A file is written under a temporary name in its own folder, flushed to disk, then renamed into
place. The temporary name carries the writer's process id, so a later run can tell a leftover of
a process that was killed (which may hold a whole plan or store, and is removed) from one that
another window is writing right now (which is left alone).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".coach-"


def no_folder(folder: Path) -> str:
    """Why a file cannot be written into ``folder``: it is missing, or it (or a part of its
    path) is a file; "does not exist" misled when it was a file."""
    part = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if part is not None and not part.is_dir():
        return f"{part} is a file, not a folder; choose another path"
    return f"folder {folder} does not exist; create it first or choose another path"


def temp_name(folder: Path, what: str) -> Path:
    return folder / f"{TEMP_PREFIX}{what}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def remove_leftovers(folder: Path) -> list[Path]:
    """Temporary files in ``folder`` left by coach processes that have died (with the journal
    SQLite keeps beside a database being copied)."""
    removed: list[Path] = []
    try:
        found = list(folder.glob(f"{TEMP_PREFIX}*.tmp*"))
    except OSError:
        return removed
    for leftover in found:
        pid = leftover.name.partition(".tmp")[0].split("-")[-2]
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sync_folder(folder: Path) -> None:
    """Make a rename or removal in ``folder`` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def written_in_place(path: Path, *, replace: bool, what: str = "write") -> Iterator[Path]:
    """A new temporary file (0600, in ``path``'s folder) to write in the block; when the block
    ends, the file is synced and becomes ``path`` (never over an existing file, even by a race
    with another process, unless ``replace``). If the block fails, the file is removed."""
    temp = temp_name(path.parent, what)
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield temp
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(temp, path)
        else:
            os.link(temp, path)
        sync_folder(path.parent)
    finally:
        temp.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes, *, replace: bool = True) -> None:
    """``data`` in ``path`` (0600), all or nothing."""
    with written_in_place(path, replace=replace) as temp:
        temp.write_bytes(data)
