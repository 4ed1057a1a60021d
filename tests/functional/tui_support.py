"""Helpers for the TUI tests: an app on the test's own store on the tests' fixed day, and what
only the tests need. Waiting for conditions and answering through the widgets with the keys are
in ``coach.testing`` (the benchmarks drive the app with them too)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from coach.records import Case
from coach.services.sessions import Conversation
from coach.services.workspace import Workspace
from coach.testing import apps
from coach.testing.apps import workspace
from coach.testing.pilot_steps import (
    answer,
    click,
    conversation_screen,
    fill,
    fill_group,
    newest_entry,
    on_screen,
    position,
    press_continue,
    ready_for_input,
    screen_in_front,
    wait_for,
    walk,
)
from coach.tui.app import CoachApp
from tests.conftest import TODAY

WIDGETS_FOLDER = Path(__file__).parent.parent / "fixtures" / "widgets"
SIZE = (100, 32)
# The short "right now" check every flow starts with, one question at a time.
SHORT_CHECK = ("immediate_danger", "young_person_missing", "self_harm_risk", "adult_hurt_child")


@dataclass(frozen=True)
class Notice:
    message: str
    severity: str


_NOTICES: weakref.WeakKeyDictionary[CoachApp, list[Notice]] = weakref.WeakKeyDictionary()


def make_app(ws: Workspace | None = None, **options: Any) -> CoachApp:
    """The app on the test's own store, on the tests' fixed day; what it notifies is kept
    for ``notices`` (Textual keeps its own list private)."""
    app = apps.make_app(ws, today=TODAY, **options)
    said: list[Notice] = []
    show = app.notify

    def notify(message: str, *, severity: str = "information", **rest: Any) -> None:
        said.append(Notice(message, severity))
        show(message, severity=severity, **rest)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    _NOTICES[app] = said
    return app


def notices(app: CoachApp) -> list[Notice]:
    """Every notification the app has shown so far, oldest first."""
    return _NOTICES[app]


def toasts_shown(app: CoachApp) -> int:
    """How many notifications the current screen shows."""
    return len(app.screen.query("Toast"))


def screen_text(app: Any) -> str:
    """What the terminal shows right now, as plain text (one line per row)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def option_ids(options: OptionList) -> list[str | None]:
    return [o.id for o in options.options]


def start_session(
    ws: Workspace,
    flow_id: str,
    case: Case | None,
    answers: dict[str, Any],
    *,
    until: str | None = None,
) -> Conversation:
    """Walk a session with the engine alone (for screens the test starts part-way)."""
    conversation = Conversation.start(ws.store, ws.catalogue.get(flow_id), case=case, today=TODAY)
    session = conversation.session
    while not session.is_finished and session.state != until:
        for spec in session.fields:
            if spec.id in answers:
                verdict = conversation.answer(spec.id, answers[spec.id])
                if verdict.is_warning:
                    verdict = conversation.answer(spec.id, answers[spec.id])
                assert verdict.accepted, verdict
        conversation.advance()
    return conversation


def documents_at(monkeypatch: Any, folder: Path) -> Path:
    """A home folder of the test's own with a Documents folder in it: where exports start."""
    person = folder / "person"
    (person / "Documents").mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(person))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(person / ".config"))
    return person / "Documents"


def fixed_clock(monkeypatch: Any, stamp: str = "2026-11-27T10:30:00+00:00") -> None:
    """Make every stored time the same, so snapshots do not change with the clock."""
    import coach.timestamps

    monkeypatch.setattr(coach.timestamps, "now", lambda: stamp)


__all__ = [
    "SIZE",
    "TODAY",
    "WIDGETS_FOLDER",
    "answer",
    "click",
    "conversation_screen",
    "date",
    "fill",
    "fill_group",
    "newest_entry",
    "notices",
    "on_screen",
    "position",
    "press_continue",
    "ready_for_input",
    "screen_in_front",
    "wait_for",
    "walk",
    "workspace",
]
