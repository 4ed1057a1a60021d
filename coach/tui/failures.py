"""What the app does when something fails: a mistake it can explain is shown and the app goes
on; anything else ends the app with one line that holds nothing a family wrote.

Textual's crash report prints a traceback with every local variable (290 kB once, the answer
just typed among them). Handlers that call the use cases catch ``CoachError`` (a store that
cannot be written, a flow's template that fails) through ``shows_mistakes`` and show it; an error
that still reaches Textual ends the app with the kind of fault and where it happened, never its
message's details or any variable.
"""

from __future__ import annotations

import functools
import inspect
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rich.text import Text
from textual.app import App

from coach.errors import CoachError

Handler = TypeVar("Handler", bound=Callable[..., Any])


class ProgramFault(Exception):
    """An error that ended the app, shown without anything that could hold a family's words."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(type(error).__name__)
        self.error = error

    def __rich__(self) -> Text:
        if isinstance(self.error, CoachError):
            cause = str(self.error)
        else:
            frames = traceback.extract_tb(self.error.__traceback__)
            where = (
                f" in {Path(frames[-1].filename).name}, line {frames[-1].lineno}" if frames else ""
            )
            cause = f"a fault in the program ({type(self.error).__name__}{where})"
        return Text(
            f"NVR Coach stopped: {cause}. Everything answered so far is saved; start it again "
            "to go on."
        )


def _show(node: Any, error: CoachError) -> None:
    node.notify(str(error), severity="error", timeout=12, markup=False)


def _guarded(handler: Handler, node_of: Callable[[tuple[Any, ...]], Any]) -> Handler:
    """``handler`` with its CoachError shown as a notification by ``node_of(args)``."""
    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def waiting(*args: Any, **kwargs: Any) -> Any:
            try:
                return await handler(*args, **kwargs)
            except CoachError as exc:
                _show(node_of(args), exc)
                return None

        return waiting  # type: ignore[return-value]

    @functools.wraps(handler)
    def at_once(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except CoachError as exc:
            _show(node_of(args), exc)
            return None

    return at_once  # type: ignore[return-value]


def shows_mistakes(handler: Handler) -> Handler:
    """A handler (of a screen or widget) whose use-case calls may fail with a CoachError: the
    error is shown as a notification and the app keeps running."""
    return _guarded(handler, lambda args: args[0])


def told_by(node: Any, callback: Handler) -> Handler:
    """A callback (a dialog's answer, a timer) whose use-case calls may fail: ``node`` shows
    the CoachError, as ``shows_mistakes`` does for a method."""
    return _guarded(callback, lambda _args: node)


class EndsSafely(App[int]):
    """The app's last resort (Textual's ``_handle_exception`` is overridden: listed with the
    reason in ``coach.tui.private_names``)."""

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, ProgramFault):
            super()._handle_exception(error)
            return
        fault = ProgramFault(error)
        fault.__cause__ = error
        super()._handle_exception(fault)
