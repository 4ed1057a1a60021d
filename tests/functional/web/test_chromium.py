"""The coach in a real headless Chromium: answers saved, a plan downloaded, a quick hide that
holds across a reload, every key the app names reaching it, and no request to anyone else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coach.export.files import default_name
from coach.services.settings import WELCOMED_SETTING
from coach.store import Store
from tests.conftest import ANSWERS
from tests.functional.web import chromium as browser_support
from tests.functional.web.chromium import (
    REQUIRE_ENV,
    PlayedServer,
    TabScreen,
    chromium,
    coach_serving,
    need_chromium,
)
from tests.unit.test_browser_keys import BROWSER_KEEPS, coach_bindings

CASE = "Marisol"
NOTES_PAGE = "Type a note"


@pytest.fixture
def prepared_home(home: Path, cli: Any) -> Path:
    """A case with a finished plan, and the welcome already seen."""
    answers = ANSWERS / "de_escalation.yaml"
    result = cli("run", "de_escalation", "--answers", answers, "--case", CASE)
    assert result.exit_code == 0, result.stderr
    with Store.open(home) as store:
        store.set_setting(WELCOMED_SETTING, "1")
    return home


def palette(tab: TabScreen, command: str) -> None:
    tab.press("Control+p")
    tab.wait_for("Search for commands")
    tab.page.keyboard.type(command)
    tab.wait_for(command)
    tab.press("Enter")


@pytest.mark.slow
def test_answers_a_download_and_a_quick_hide_that_holds_across_a_reload(
    prepared_home: Path, tmp_path: Path, cli: Any
) -> None:
    home = prepared_home
    with (
        coach_serving(home) as (link, _fresh_link),
        chromium(tmp_path / "profile", tmp_path / "downloads") as context,
    ):
        origin = link.split("/link/", 1)[0]
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        first = context.new_page()
        tab = TabScreen(first)
        first.goto(link)
        assert first.url == origin + "/"  # the token is gone from the address bar
        assert first.title() == "Notes"
        tab.wait_for(CASE, "Your plans")

        palette(tab, "Start: Look back at an incident")
        tab.wait_for("Looking back, calmly")
        tab.press("Enter")
        tab.wait_for("Is anyone in danger right now?")
        tab.press("n")
        tab.wait_for("Is your young person missing")
        tab.press("n")
        tab.wait_for("Have they hurt themselves")
        with Store.open(home) as store:
            (active,) = store.sessions(status="active")
            answers = store.session(active.id).answers
        assert answers == {"immediate_danger": False, "young_person_missing": False}

        second = context.new_page()
        other = TabScreen(second)
        second.goto(origin + "/")  # the same browser: its cookie opens a second tab
        other.wait_for("Carry on where you stopped")
        palette(other, "Resume: Look back at an incident")
        other.wait_for("also open in another window")
        second.close()

        tab.press("Control+o")
        tab.wait_for("Your plans")
        palette(tab, "Open plan: De-escalation plan")
        tab.wait_for("Export")
        tab.press("x")
        tab.wait_for("Download as")
        with first.expect_download() as started:
            tab.press("Control+s")
        download = started.value
        tab.wait_for("Sent to your browser as")
        with Store.open(home) as store:
            (plan,) = store.plans()
        assert download.suggested_filename == default_name("de_escalation", plan.created, "md")
        expected = cli("export", str(plan.id), "--format", "md").stdout
        assert Path(download.path()).read_text(encoding="utf-8") == expected

        tab.press("F3")
        tab.wait_until(lambda text: NOTES_PAGE in text and CASE not in text)
        assert first.title() == "Notes"
        assert CASE not in first.inner_text("body")
        first.reload()
        tab.wait_until(lambda text: tab.connections == 2 and NOTES_PAGE in text)
        assert CASE.encode() not in tab.received  # after the reload it was never drawn
        assert first.title() == "Notes"
        tab.press("Control+r")
        tab.wait_for(CASE)

    assert requests and all(url.startswith(origin + "/") for url in requests), requests


# What xterm in the page sends for each key the app names (normal cursor mode).
SEQUENCES = {
    "f1": ("F1", "\x1bOP"),
    "f2": ("F2", "\x1bOQ"),
    "f3": ("F3", "\x1bOR"),
    "f4": ("F4", "\x1bOS"),
    "escape": ("Escape", "\x1b"),
    "enter": ("Enter", "\r"),
    "tab": ("Tab", "\t"),
    "shift+tab": ("Shift+Tab", "\x1b[Z"),
    "space": (" ", " "),
    "delete": ("Delete", "\x1b[3~"),
    "home": ("Home", "\x1b[H"),
    "end": ("End", "\x1b[F"),
    "pageup": ("PageUp", "\x1b[5~"),
    "pagedown": ("PageDown", "\x1b[6~"),
    "left": ("ArrowLeft", "\x1b[D"),
    "right": ("ArrowRight", "\x1b[C"),
    "up": ("ArrowUp", "\x1b[A"),
    "down": ("ArrowDown", "\x1b[B"),
}


def keystroke(key: str) -> tuple[str, str]:
    """Playwright's name for a key, and the bytes the app should receive for it."""
    if key in SEQUENCES:
        return SEQUENCES[key]
    if key.startswith("ctrl+") and len(key) == 6:
        letter = key[-1]
        return f"Control+{letter}", chr(ord(letter) - ord("a") + 1)
    assert len(key) == 1, f"add {key!r} to SEQUENCES"
    return key, key


def test_every_key_the_app_names_reaches_it_from_chromium(tmp_path: Path) -> None:
    named = {key for _, keys in coach_bindings() for key in keys} - BROWSER_KEEPS
    named |= {"ctrl+p", "tab", "shift+tab", "up", "down"}  # Textual's palette and focus keys
    with chromium(tmp_path / "profile", tmp_path / "downloads") as context:
        server = PlayedServer(context)
        tab = server.page
        tab.evaluate(  # kept from before xterm sees them; read once each is handled
            "() => { window.keydowns = [];"
            " window.addEventListener('keydown', e => window.keydowns.push(e), true); }"
        )
        for key in sorted(named):
            name, expected = keystroke(key)
            server.sent.clear()
            tab.focus(".xterm-helper-textarea")
            tab.keyboard.press(name)
            for _ in range(400):  # until the page has sent the key (never a fixed pause)
                if server.stdin():
                    break
                tab.wait_for_timeout(10)
            assert server.stdin() == expected, f"{key}: the app would get {server.stdin()!r}"
            prevented = tab.evaluate("() => window.keydowns.splice(0).map(e => e.defaultPrevented)")
            if len(name) > 1:  # a key with a browser action of its own (find, print, reload)
                assert prevented[-1] is True, f"{key}: Chromium would also act on it"


def test_no_link_is_ever_opened_and_a_download_stays_in_its_tab(tmp_path: Path) -> None:
    """Even if the server passed on an app's request to open a link (it does not), or a link
    on screen were clicked, the page opens nothing; a delivery downloads in the same tab."""
    with chromium(tmp_path / "profile", tmp_path / "downloads") as context:
        server = PlayedServer(context)
        tab = server.page
        pages = list(context.pages)  # a fresh profile opens one blank page of its own
        server.to_page(["open_url", {"url": "https://example.org/new-tab", "new_tab": True}])
        server.to_page(["open_url", {"url": "https://example.org/this-tab", "new_tab": False}])
        assert tab.evaluate("() => window.open('https://example.org/clicked')") is None
        key = "a" * 32
        with tab.expect_download() as started:
            server.to_page(["deliver_file_start", key])
        # Its name and bytes are checked against the real server above (Playwright cancels a
        # download whose response the test itself fulfils).
        assert started.value.url == f"{PlayedServer.ORIGIN}/download/{key}"
        assert context.pages == pages and tab.url == PlayedServer.ORIGIN + "/"
        assert all(url.startswith(PlayedServer.ORIGIN + "/") for url in server.requests)


def test_without_chromium_these_tests_skip_and_say_why_but_fail_in_ci(monkeypatch):
    monkeypatch.setattr(browser_support, "CHROMIUM", None)
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install -y chromium"):
        need_chromium()
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=REQUIRE_ENV):
        need_chromium()
