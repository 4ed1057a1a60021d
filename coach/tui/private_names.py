"""Every private Textual name the coach relies on, each with the reason, in one place.

Textual 8.2.8 is the tested version (pinned in the test extra). A private name can change in
any release, so each one used is listed here; a test fails if code under ``coach/`` uses one that
is not listed, and the list is what to check first when Textual is upgraded.
"""

from __future__ import annotations

PRIVATE_TEXTUAL_NAMES: dict[str, str] = {
    "App._handle_exception": (
        "the last resort for an error no handler caught: Textual's own crash report prints "
        "every local variable, answers included (coach.tui.failures)"
    ),
    "Footer._bindings_ready": (
        "KeyBar rebuilds the footer only when its keys change; Footer sets this flag before "
        "its first compose (coach.tui.widgets.key_bar)"
    ),
    "textual.widgets._toggle_button.ToggleButton": (
        "the tick boxes of a multiple choice share the look of Textual's checkbox; Textual "
        "exports no public base for them (coach.tui.widgets.choice)"
    ),
}
