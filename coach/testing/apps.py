"""An app on its own store: the workspace a test or a benchmark gives it, welcome already seen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from coach.services import Services
from coach.services.settings import WELCOMED_SETTING
from coach.services.workspace import Workspace
from coach.tui.app import CoachApp


def workspace(*, flows: Path | None = None, welcomed: bool = True) -> Workspace:
    """The data folder of ``COACH_HOME`` (each test has its own), with ``flows`` added."""
    ws = Workspace(flows_option=flows)
    if welcomed:
        ws.store.set_setting(WELCOMED_SETTING, "1")
    return ws


def make_app(ws: Workspace | None = None, *, today: date | None = None, **options: Any) -> CoachApp:
    """The app on ``ws``, with a still cursor (so screens drawn twice look the same)."""
    return CoachApp(Services(ws or workspace()), today=today, cursor_blink=False, **options)
