"""The cache of validated flows, kept in parts: a start reads only the part it shows."""

from __future__ import annotations

import pytest

from coach.flowformat import loader
from coach.services import Workspace

pytestmark = pytest.mark.own_flow_cache


def _parts(home):
    return sorted(file.name.rsplit("-", 1)[1] for file in (home / "cache").glob("flows-*.json"))


@pytest.fixture
def checked_once(home):
    """The flows checked on a first start: the cache written."""
    first = Workspace(home_option=home)
    cards = first.cards
    assert _parts(home) == ["listing.json", "models.json", "summary.json"]
    return cards


def test_the_cards_come_from_the_small_part_alone(home, checked_once, monkeypatch):
    for part in ("models", "listing"):
        (file,) = (home / "cache").glob(f"flows-*-{part}.json")
        file.unlink()
    monkeypatch.setattr(loader, "load_folders", lambda *_a, **_k: pytest.fail("checked again"))
    again = Workspace(home_option=home)
    assert again.cards == checked_once
    assert again.flow_cache.problems == []
    assert _parts(home) == ["summary.json"]


def test_the_summary_is_a_small_part_of_the_cache(home, checked_once):
    sizes = {
        file.name.rsplit("-", 1)[1]: file.stat().st_size for file in (home / "cache").iterdir()
    }
    assert sizes["summary.json"] * 10 < sizes["models.json"] + sizes["listing.json"]


def test_a_part_gone_is_checked_afresh_and_written_again(home, checked_once):
    (models,) = (home / "cache").glob("flows-*-models.json")
    models.unlink()
    again = Workspace(home_option=home)
    assert set(again.catalogue.flows) == set(checked_once)
    assert models.exists()


def test_a_damaged_part_is_checked_afresh(home, checked_once):
    (summary,) = (home / "cache").glob("flows-*-summary.json")
    summary.write_text("{not json")
    assert Workspace(home_option=home).cards == checked_once
