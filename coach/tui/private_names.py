"""Every private Textual name the coach relies on, each with the reason, in one place.

Textual and textual-serve are pinned to the tested versions (in pyproject.toml, for the app as
installed, not only for the tests). A private name can change in any release, so each one used
is listed here; a test (tests/unit/test_private_names.py) fails if code under ``coach/``,
``bench/`` or ``tests/`` uses one that is not listed, or if a listed one is no longer used or no
longer in the installed Textual. This list is what to check first when Textual is upgraded.
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
    "OptionList._get_left_gutter_width": (
        "the mark beside a list's chosen option (›) sits in a gutter the options wrap beside; "
        "Textual's SelectionList draws its boxes the same way (coach.tui.widgets.marked_list)"
    ),
    "OptionList._lines": (
        "which option, and which of its lines, a row of the list shows, so the mark goes on "
        "the chosen option's first line (coach.tui.widgets.marked_list)"
    ),
    "Screen._compositor": (
        "tests only: what a headless screen shows, read as text or as styled segments "
        "(tests/functional/tui_support.screen_text); Textual has no public reader for it"
    ),
    "textual._wait": (
        "tests only: Pilot's wait for the app to go idle after each key sleeps in shorter "
        "slices (tests/conftest.py), which takes a third off the app tests' time"
    ),
    "textual.widgets._toggle_button.ToggleButton": (
        "the tick boxes of a multiple choice share the look of Textual's checkbox; Textual "
        "exports no public base for them (coach.tui.widgets.choice)"
    ),
    "textual_serve._binary_encode": (
        "the browser mode relays the app's packed messages itself (to start the app without a "
        "shell and drop its error output); textual-serve decodes them only in this module "
        "(coach.web.app_process)"
    ),
}
