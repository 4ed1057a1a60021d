"""Every region's lines: one for adults in crisis, one for domestic abuse (or a directory), and
each number confirmed for issue 14 carries the page it was checked on and the date."""

from __future__ import annotations

import re

import pytest

from coach.safety import CHECKED, EARLIER_ROUND, REGIONS, crisis_context
from coach.templating import render

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.mark.parametrize("code", sorted(REGIONS))
def test_each_region_has_lines_for_adults_and_for_domestic_abuse(code):
    region = REGIONS[code]
    assert region.adults, code
    assert region.abuse, code
    assert region.children_services, code


@pytest.mark.parametrize("code", sorted(REGIONS))
def test_domestic_abuse_lines_are_confirmed_with_their_source_and_date(code):
    for line in REGIONS[code].abuse:
        assert line.source.startswith("https://"), (code, line.name)
        assert line.checked == CHECKED and ISO_DATE.match(line.checked), (code, line.name)


def test_every_line_says_when_it_was_checked():
    for region in REGIONS.values():
        for line in region.lines:
            assert line.checked in (CHECKED, EARLIER_ROUND), line
            assert bool(line.source) == (line.checked == CHECKED), line


def test_every_line_for_adults_in_crisis_is_confirmed_with_its_source():
    for code, region in REGIONS.items():
        for line in region.adults:
            assert line.source.startswith(("https://", "http://")), (code, line.name)
            assert line.checked == CHECKED, (code, line.name)


def test_the_guidance_lists_the_lines_by_purpose():
    text = render('{% include "safety_guidance" %}', {"crisis": crisis_context("IE"), "case": {}})
    adults = text.index("For you, if you are struggling")
    abuse = text.index("Domestic abuse")
    assert adults < text.index("Samaritans") < abuse < text.index("Women's Aid**: 1800 341 900")
    assert "Childline (ISPCC)" in text[abuse:]


def test_an_unknown_region_gets_the_lines_that_fit_anywhere():
    context = crisis_context("XX")
    assert context["emergency"] == "your local emergency number"
    assert [line["number"] for line in context["abuse_lines"]] == ["hotpeachpages.net"]
