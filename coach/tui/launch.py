"""Opening the app on a data folder: the one way both `coach` in a terminal and each
browser tab of `coach serve` start it.

Nothing here imports textual or the command line until the app is started, so the command
line can check what a browser tab will open on (``check_opening``) without loading the app.
"""

from __future__ import annotations

import functools
import gc
from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.vault import passphrase_from_env

if TYPE_CHECKING:
    from coach.services import Services


def check_opening(services: Services, case: str | None) -> None:
    """Open the store as the app does and check the case it is limited to, so a mistake is
    one line before anything starts. A locked store waits for its passphrase, which the app
    asks for on its own screen; the case is then checked once it is unlocked."""
    services.open_for_app(passphrase_from_env)
    if not services.data.needs_passphrase:
        services.sessions.app_opening(case)


def run_app(
    services: Services,
    *,
    practitioner: bool,
    case: str | None,
    start: tuple[str, str | None] | None = None,
    resume: int | None = None,
    resume_latest: bool = False,
) -> int:
    """Run the app until it quits; its exit code. A CoachError is a mistake to show in one
    line (a damaged store, an unknown case, no terminal), raised before the app draws or
    after it has ended.

    Python's garbage collections wait until the first screen is drawn (``CoachApp.on_ready``
    turns them back on): start-up makes some ninety thousand objects and almost no garbage,
    and the collections it set off, a full one among them, came before the first paint.
    """
    gc.disable()
    try:
        services.open_for_app(passphrase_from_env)  # a damaged store is one line, not a traceback
        waiting = services.data.needs_passphrase
        prepare = functools.partial(
            services.sessions.app_opening,
            case,
            start=start,
            resume=resume,
            resume_latest=resume_latest,
        )
        options = {} if waiting else prepare()
        from coach.tui.app import CoachApp

        app = CoachApp(
            services, practitioner=practitioner, prepare=prepare if waiting else None, **options
        )
        result = app.run()
    finally:
        gc.enable()
    if app.failure:
        raise CoachError(app.failure)
    return result if isinstance(result, int) else 0
