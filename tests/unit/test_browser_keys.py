"""In a browser tab, every key the app names still works: browsers keep some for themselves.

Chromium never hands a page its tab and window shortcuts (ctrl+n, ctrl+t, ctrl+w and their
shift forms, switching tabs, quitting). Each binding that uses one must have another key
that reaches the app; the end-to-end test presses those in a real Chromium.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import coach.tui
from coach.tui.screens.help import keys_help

BROWSER_KEEPS = {
    "ctrl+n",
    "ctrl+t",
    "ctrl+w",
    "ctrl+shift+n",
    "ctrl+shift+t",
    "ctrl+shift+w",
    "ctrl+tab",
    "ctrl+shift+tab",
    "ctrl+pageup",
    "ctrl+pagedown",
    "ctrl+shift+q",
    "alt+f4",
}


def coach_bindings() -> list[tuple[str, list[str]]]:
    """(where, keys) for every binding declared in coach.tui."""
    found = []
    for module_info in pkgutil.walk_packages(coach.tui.__path__, "coach.tui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, DOMNode) or cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                key = binding.key if isinstance(binding, Binding) else binding[0]
                found.append((f"{module.__name__}.{name}", key.split(",")))
    return found


def test_the_scan_sees_the_apps_keys():
    keys = {key for _, keys in coach_bindings() for key in keys}
    assert {"f1", "f3", "ctrl+n", "ctrl+r", "ctrl+s", "escape"} <= keys


def test_every_key_a_browser_keeps_has_an_alternative_that_reaches_the_app():
    for where, keys in coach_bindings():
        kept = [key for key in keys if key in BROWSER_KEEPS]
        if kept:
            others = [key for key in keys if key not in BROWSER_KEEPS]
            assert others, f"{where}: {kept} never reach a browser tab and have no alternative"


def test_the_help_in_a_browser_names_no_key_the_browser_keeps():
    browser = keys_help(browser=True).lower()
    assert not [key for key in BROWSER_KEEPS if key in browser]
    assert "ctrl+n" in keys_help(browser=False)
