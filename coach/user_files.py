"""Reading a file the person names: only a regular file, and never more than a limit.

A size check before reading is not enough: `/dev/zero` reports no size and never ends, and a
named pipe makes a plain open wait for a writer for ever. So the file is opened without waiting,
checked to be a regular file, and read up to the limit and not one byte further.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """A device, pipe or socket where a file was expected."""


class FileTooLarge(OSError):
    """More bytes than the limit allows (``size`` is what was seen, at least limit + 1)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises FileNotFoundError, IsADirectoryError, NotARegularFile, FileTooLarge or another
    OSError; callers turn each into their own one-line message.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(str(path))
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        chunks: list[bytes] = []
        kept = 0
        while kept <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - kept))
            if not chunk:
                break
            chunks.append(chunk)
            kept += len(chunk)
        if kept > limit:
            raise FileTooLarge(kept)
        return b"".join(chunks)
    finally:
        os.close(fd)
