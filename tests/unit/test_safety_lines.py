"""Every region's lines: one for adults in crisis, one for domestic abuse (or a directory), and
every number carries the page it was checked on, the date, and whether that page is the
service's own; the lines still to confirm on their own page are named here, so a change to
them is a change to this test."""

from __future__ import annotations

import re

import pytest

from coach.safety import CHECKED, REGIONS, UNCONFIRMED, crisis_context
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


# Confirmed only on a page that quotes the service (news, a funder, a GP practice, a
# directory): each still to be confirmed on the service's own page before a release.
SECONDARY = {
    ("GB", "Scotland's Domestic Abuse and Forced Marriage Helpline"),
    ("GB", "Domestic and Sexual Abuse Helpline (Northern Ireland)"),
    ("GB", "Childline"),
    ("IE", "Pieta"),
    ("IE", "Childline (ISPCC)"),
    ("US", "988 Suicide & Crisis Lifeline"),
    ("US", "Crisis Text Line"),
    ("US", "National Domestic Violence Hotline"),
    ("US", "Childhelp"),
    ("CA", "9-8-8 Suicide Crisis Helpline"),
    ("AU", "Lifeline"),
    ("AU", "Kids Helpline"),
    ("NZ", "Need to talk?"),
    ("NZ", "Youthline"),
    ("NL", "113 Zelfmoordpreventie"),
    ("NL", "Veilig Thuis"),
    ("NL", "De Kindertelefoon"),
    ("DE", "TelefonSeelsorge"),
    ("DE", "Hilfetelefon Gewalt an Männern"),
    ("DE", "Nummer gegen Kummer"),
    ("EU", "Emotional support"),
}


def test_every_line_carries_its_source_and_the_date_it_was_checked():
    for code, region in REGIONS.items():
        for line in region.lines:
            assert line.source.startswith(("https://", "http://")), (code, line.name)
            assert ISO_DATE.match(line.checked), (code, line.name)
            assert (line.checked == CHECKED) == (line.name not in UNCONFIRMED), (code, line.name)


def test_the_lines_still_to_confirm_on_their_own_page_are_known():
    secondary = {
        (code, line.name)
        for code, region in REGIONS.items()
        for line in region.lines
        if not line.primary
    }
    assert secondary == SECONDARY
    assert {name for _, name in SECONDARY} >= UNCONFIRMED


def test_the_lines_about_children_are_confirmed_with_their_source():
    for code, region in REGIONS.items():
        for line in region.children:
            assert line.source.startswith(("https://", "http://")), (code, line.name)


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
