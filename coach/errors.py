"""Errors that reach a user as one plain line, never as a traceback."""

from __future__ import annotations

import errno


class CoachError(Exception):
    """A problem the user can mend; its text is the whole message shown to them."""

    exit_code = 1


class NotFoundError(CoachError):
    """Something the user named (a flow, a plan, a case, a session) does not exist."""


class StoreError(CoachError):
    """The store cannot be used as it is; the message says how to recover."""


class StoreLocked(StoreError):
    """The store is locked and no passphrase was given."""


def os_problem(exc: OSError) -> str:
    """One line for what the system refused: which file, and what to do about it."""
    where = f"{exc.filename}: " if exc.filename else ""
    advice = {
        errno.ENOSPC: "the disk is full; free some space and try again",
        errno.EDQUOT: "the disk quota is used up; free some space and try again",
        errno.ENAMETOOLONG: "the file name is too long; choose a shorter one",
        errno.EACCES: "permission denied; choose a folder you can write to",
        errno.EPERM: "not permitted; choose a folder you can write to",
        errno.EROFS: "the disk is read-only; choose another folder",
        errno.ENOENT: "no such file or folder; check the path",
        errno.ENOTDIR: "a part of the path is not a folder; check the path",
        errno.EIO: "the disk could not be read or written; check it and try again",
    }.get(exc.errno or 0, f"{exc.strerror or exc}; check the path and try again")
    return f"{where}{advice} (nothing else was changed)"
