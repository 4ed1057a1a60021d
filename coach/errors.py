"""Errors that reach a user as one plain line, never as a traceback."""

from __future__ import annotations


class CoachError(Exception):
    """A problem the user can mend; its text is the whole message shown to them."""

    exit_code = 1


class NotFoundError(CoachError):
    """Something the user named (a flow, a plan, a case, a session) does not exist."""


class StoreError(CoachError):
    """The store cannot be used as it is; the message says how to recover."""


class StoreLocked(StoreError):
    """The store is locked and no passphrase was given."""
