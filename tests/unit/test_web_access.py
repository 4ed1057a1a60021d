"""Links, cookies and download keys of the browser mode, without a server."""

from __future__ import annotations

import pytest

from coach.web.access import LINK_LIFETIME_SECONDS, Access
from coach.web.downloads import Download, Downloads, safe_file_name


def test_a_link_token_is_spent_by_its_first_use():
    access = Access(8427)
    token = access.new_link_token()
    session = access.redeem(token)
    assert session is not None
    assert access.redeem(token) is None
    assert access.session(session.cookie) is session
    assert access.cookie_name == "nvr_coach_8427"


def test_tokens_and_cookies_are_long_and_never_repeat():
    access = Access(8427)
    tokens = {access.new_link_token() for _ in range(50)}
    assert len(tokens) == 50 and min(len(t) for t in tokens) >= 43
    cookies = {access.redeem(t).cookie for t in tokens}
    assert len(cookies) == 50 and not cookies & tokens


def test_a_token_expires_unused_and_an_unknown_cookie_is_nobody():
    now = [0.0]
    access = Access(8427, clock=lambda: now[0])
    token = access.new_link_token()
    now[0] = LINK_LIFETIME_SECONDS
    assert access.redeem(token) is None
    assert access.session("") is None
    assert access.session("not-a-cookie") is None
    assert access.session(None) is None


def _download(key: str, owner) -> Download:
    async def request_chunk(_key: str, _size: int) -> bool:
        return True

    return Download(key, owner, "plan.md", "text/markdown", "utf-8", request_chunk)


def test_a_download_is_taken_once_and_only_by_its_owner():
    access = Access(8427)
    owner = access.redeem(access.new_link_token())
    stranger = access.redeem(access.new_link_token())
    downloads = Downloads()
    key = "a" * 32
    assert downloads.offer(_download(key, owner))
    assert not downloads.offer(_download(key, owner))  # a key is never offered twice
    assert downloads.take(key, stranger) is None
    taken = downloads.take(key, owner)
    assert taken is not None and taken.content_type == "text/markdown; charset=utf-8"
    assert downloads.take(key, owner) is None


@pytest.mark.parametrize("key", ["", "A" * 32, "a" * 31, "../" + "a" * 29, "a" * 33])
def test_a_malformed_delivery_key_is_not_offered(key):
    access = Access(8427)
    assert not Downloads().offer(_download(key, access.redeem(access.new_link_token())))


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("sit-in-plan-2026-11-27.pdf", "sit-in-plan-2026-11-27.pdf"),
        ('a"; filename=evil.exe', "a-filename-evil.exe"),
        ("..", "coach-export"),
        ("plan\r\nSet-Cookie: x", "plan-Set-Cookie-x"),
    ],
)
def test_file_names_are_safe_in_a_header(name, safe):
    assert safe_file_name(name) == safe
