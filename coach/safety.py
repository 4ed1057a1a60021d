"""Where to turn in danger: emergency numbers and helplines by region.

The region is a setting the user chooses, with a generic fallback that fits anywhere. Each
region lists lines for adults in crisis (the parent's own), domestic abuse lines (or a
directory where a region has no single number), lines about children, and who protects
children there. What the coach says around them is in ``coach.guidance``.

Every line carries the page it was confirmed on and the date it was checked (``source``,
``checked``), and whether that page is the service's own, or its operator's (``primary``), or
only a page that quotes it: a news item, a funder, a directory. A secondary source is a
number still to confirm on the service's own page; ``UNCONFIRMED`` lists the lines no page
could confirm at all. Helplines change: check them all again before each release.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CHECKED = "2026-11-30"


@dataclass(frozen=True)
class Line:
    name: str
    number: str
    note: str
    source: str
    checked: str = CHECKED
    primary: bool = True

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "number": self.number, "note": self.note}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency: str
    adults: tuple[Line, ...]  # for adults in crisis: the parent's own lines
    abuse: tuple[Line, ...]  # domestic abuse, or a directory of services
    children: tuple[Line, ...]  # worried about a child, and lines for young people
    children_services: str  # who to tell when an adult hurts a young person

    @property
    def lines(self) -> tuple[Line, ...]:
        return (*self.adults, *self.abuse, *self.children)


SAMARITANS = Line(
    "Samaritans",
    "116 123",
    "free, day or night, for anyone struggling",
    "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
)
HOT_PEACH_PAGES = Line(
    "Hot Peach Pages",
    "hotpeachpages.net",
    "an international directory of domestic abuse help, by country",
    "https://www.hotpeachpages.net/a/HPParticle.htm",
)

REGIONS: dict[str, Region] = {
    region.code: region
    for region in (
        Region(
            "GB",
            "United Kingdom",
            "999",
            adults=(
                SAMARITANS,
                Line(
                    "NHS 111",
                    "111",
                    "urgent health or mental health help; in England, choose the mental "
                    "health option",
                    "https://shsc.nhs.uk/news/call-nhs-111-if-you-are-experiencing-mental-health-crisis",
                ),
            ),
            abuse=(
                Line(
                    "National Domestic Abuse Helpline (England)",
                    "0808 2000 247",
                    "free, day or night",
                    "https://refuge.org.uk/news/refuge-response-to-home-secretary-announcement"
                    "-of-support-for-domestic-abuse-victims",
                ),
                Line(
                    "Scotland's Domestic Abuse and Forced Marriage Helpline",
                    "0800 027 1234",
                    "free, day or night",
                    "https://safer.scot/information/da/report/",
                    primary=False,
                ),
                Line(
                    "Live Fear Free (Wales)",
                    "0808 80 10 800",
                    "free, day or night",
                    "https://www.gov.wales/live-fear-free/sexual-violence",
                ),
                Line(
                    "Domestic and Sexual Abuse Helpline (Northern Ireland)",
                    "0808 802 1414",
                    "free, day or night",
                    "https://www.victimsupportni.com/help-for-victims/domestic-violence",
                    primary=False,
                ),
            ),
            children=(
                Line(
                    "NSPCC helpline",
                    "0808 800 5000",
                    "for adults worried about a child",
                    "http://www.nspcc.org.uk/what-you-can-do/report-abuse/",
                ),
                Line(
                    "Childline",
                    "0800 1111",
                    "for children and young people under 19",
                    "https://www.norwoodmc.co.uk/2024/08/14/nhs-111-option-2-for-crisis-mental"
                    "-health-support/",
                    primary=False,
                ),
            ),
            children_services="your local council's children's services",
        ),
        Region(
            "IE",
            "Ireland",
            "112 or 999",
            adults=(
                Line(
                    "Samaritans",
                    "116 123",
                    "free, day or night",
                    "https://www.samaritans.org/news/samaritans-ireland-responds-one-call-help"
                    "-every-minute-last-year",
                ),
                Line(
                    "Pieta",
                    "1800 247 247",
                    "suicide and self-harm crisis support",
                    "https://iradio.ie/pieta-christmasday/",
                    primary=False,
                ),
            ),
            abuse=(
                Line(
                    "Women's Aid",
                    "1800 341 900",
                    "free, day or night",
                    "https://www.womensaid.ie/about/newsevents/news/2016/09/05/media-release"
                    "-41-calls-a-day-to-womens-aid-in-2016/",
                ),
            ),
            children=(
                Line(
                    "Childline (ISPCC)",
                    "1800 66 66 66",
                    "for children and young people",
                    "https://www.irishexaminer.com/news/arid-30005100.html",
                    checked="2026-11-27",
                    primary=False,
                ),
            ),
            children_services="Tusla, the Child and Family Agency",
        ),
        Region(
            "US",
            "United States",
            "911",
            adults=(
                Line(
                    "988 Suicide & Crisis Lifeline",
                    "988",
                    "call or text, day or night",
                    "https://www.mcphs.edu/student-life/counseling-services/emergency-services"
                    "/988-suicide-and-crisis-lifeline",
                    primary=False,
                ),
                Line(
                    "Crisis Text Line",
                    "text HOME to 741741",
                    "support by text message",
                    "https://www.alexproject.org/crisis-text-line-text-home-to-741741",
                    primary=False,
                ),
            ),
            abuse=(
                Line(
                    "National Domestic Violence Hotline",
                    "1-800-799-7233",
                    "day or night; or text START to 88788",
                    "https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline"
                    "-answers-6-million-contacts",
                    primary=False,
                ),
            ),
            children=(
                Line(
                    "Childhelp",
                    "1-800-422-4453",
                    "call or text, for concerns about a child's safety",
                    "https://thehopeline.com/reportabuse",
                    primary=False,
                ),
            ),
            children_services="your state's child protective services (CPS)",
        ),
        Region(
            "CA",
            "Canada",
            "911",
            adults=(
                Line(
                    "9-8-8 Suicide Crisis Helpline",
                    "988",
                    "call or text, day or night",
                    "https://www.newswire.ca/news-releases/government-of-canada-launches"
                    "-three-digit-suicide-crisis-helpline-896472116.html",
                    primary=False,
                ),
            ),
            abuse=(
                Line(
                    "ShelterSafe",
                    "sheltersafe.ca",
                    "a map of women's shelters, each with a crisis line open day or night",
                    "https://endvaw.ca/archives/news/sheltersafe-ca-launches-new-and-improved"
                    "-search-features-for-women-and-children-escaping-violence/",
                ),
            ),
            children=(
                Line(
                    "Kids Help Phone",
                    "text CONNECT to 686868",
                    "for young people, day or night; or call 1-800-668-6868",
                    "https://kidshelpphone.ca/text-about-it/",
                ),
            ),
            children_services="your local child protection service (a children's aid society "
            "in Ontario)",
        ),
        Region(
            "AU",
            "Australia",
            "000",
            adults=(
                Line(
                    "Lifeline",
                    "13 11 14",
                    "crisis support, day or night",
                    "https://www.suicidepreventionaust.org/october-member-of-the-month-lifeline/",
                    primary=False,
                ),
            ),
            abuse=(
                Line(
                    "1800RESPECT",
                    "1800 737 732",
                    "family, domestic and sexual violence support, day or night",
                    "https://plan4womenssafety.dss.gov.au/initiatives/1800respect",
                ),
            ),
            children=(
                Line(
                    "Kids Helpline",
                    "1800 55 1800",
                    "for young people aged 5 to 25, day or night",
                    "https://www.copmi.net.au/resources/national-kids-helpline/",
                    primary=False,
                ),
            ),
            children_services="your state or territory's child protection service",
        ),
        Region(
            "NZ",
            "New Zealand",
            "111",
            adults=(
                Line(
                    "Need to talk?",
                    "1737",
                    "call or text, day or night",
                    "https://www.pegasus.health.nz/?p=6300",
                    primary=False,
                ),
                Line(
                    "Lifeline",
                    "0800 543 354",
                    "crisis support",
                    "http://www.lifeline.co.nz/history-lifeline/",
                ),
            ),
            abuse=(
                Line(
                    "Women's Refuge",
                    "0800 733 843",
                    "crisis line, day or night",
                    "https://womensrefuge.org.nz/get-help/",
                ),
            ),
            children=(
                Line(
                    "Youthline",
                    "0800 376 633",
                    "for young people aged 12 to 24; or free text 234",
                    "http://youthaffairs.govt.nz/news/2012/youthline.html",
                    primary=False,
                ),
            ),
            children_services="Oranga Tamariki, the Ministry for Children",
        ),
        Region(
            "NL",
            "Netherlands",
            "112",
            adults=(
                Line(
                    "113 Zelfmoordpreventie",
                    "113 or 0800-0113",
                    "suicide prevention, free, day or night",
                    "https://www.upday.com/nl/binnenland/nummer-113-nu-gratis-betere-hulp-bij"
                    "-zelfdodingsgedachten/pj8neqt",
                    primary=False,
                ),
            ),
            abuse=(
                Line(
                    "Veilig Thuis",
                    "0800-2000",
                    "domestic violence and child safety advice, free, day or night",
                    "https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld/vraag-en-antwoord"
                    "/wat-moet-ik-doen-bij-huiselijk-geweld",
                    primary=False,
                ),
            ),
            children=(
                Line(
                    "De Kindertelefoon",
                    "0800-0432",
                    "for children and young people aged 8 to 18, free",
                    "https://www.vriendenkindertelefoon.nl/kindertelefoon",
                    primary=False,
                ),
            ),
            children_services="Veilig Thuis",
        ),
        Region(
            "DE",
            "Germany",
            "112 (police 110)",
            adults=(
                Line(
                    "TelefonSeelsorge",
                    "0800 111 0 111 or 0800 111 0 222",
                    "free, day or night",
                    "https://www.domradio.de/glossar/telefonseelsorge-0",
                    primary=False,
                ),
                Line(
                    "Elterntelefon",
                    "0800 111 0 550",
                    "for parents, on weekdays",
                    "https://www.kinderschutzbund-schaumburg.de/jubilaeum-20-jahre-elterntelefon"
                    "-der-nummer-gegen-kummer/",
                ),
            ),
            abuse=(
                Line(
                    "Hilfetelefon Gewalt gegen Frauen",
                    "116 016",
                    "free, day or night, in many languages",
                    "https://www.hilfetelefon.de/das-hilfetelefon/angebot-im-ueberblick.html",
                ),
                Line(
                    "Hilfetelefon Gewalt an Männern",
                    "0800 123 99 00",
                    "for men experiencing violence",
                    "https://www.baden-wuerttemberg.de/de/service/presse/pressemitteilung/pid"
                    "/maennerhilfetelefon-wird-fuer-immer-mehr-maenner-anlaufstelle",
                    primary=False,
                ),
            ),
            children=(
                Line(
                    "Nummer gegen Kummer",
                    "116 111",
                    "for children and young people, free and anonymous",
                    "https://www.bmfsfj.de/bmfsfj/mediathek/anrufen-mailen-chatten-gegen-sorgen"
                    "-154556",
                    primary=False,
                ),
            ),
            children_services="the Jugendamt (youth welfare office)",
        ),
        Region(
            "EU",
            "Elsewhere in Europe",
            "112",
            adults=(
                Line(
                    "Emotional support",
                    "116 123",
                    "in many European countries",
                    "https://www.vmnvd.gov.lv/en/toll-free-unified-crisis-line-116123",
                    primary=False,
                ),
            ),
            abuse=(HOT_PEACH_PAGES,),
            children=(
                Line(
                    "Child helpline",
                    "116 111",
                    "the European number for children and young people, in most countries",
                    "https://childhelplineinternational.org/15-years-of-116111/",
                ),
            ),
            children_services="your local child protection service",
        ),
        Region(
            "OTHER",
            "Anywhere else",
            "your local emergency number",
            adults=(
                Line(
                    "A local crisis line",
                    "see findahelpline.com",
                    "a directory of free helplines in every country",
                    "https://findahelpline.com/AU",
                ),
                Line(
                    "Befrienders Worldwide",
                    "befrienders.org",
                    "emotional support centres in many countries",
                    "https://www.befrienders.org/what-we-do",
                ),
            ),
            abuse=(HOT_PEACH_PAGES,),
            children=(),
            children_services="your local child protection service",
        ),
    )
}
# Lines kept from an earlier round that no page found in this one could confirm: the page
# named only shows the service exists. Confirm them on the service's own page, or remove them.
UNCONFIRMED = frozenset({"Childline (ISPCC)"})
DEFAULT_REGION = "OTHER"
REGION_SETTING = "region"


def region(code: str | None) -> Region:
    return REGIONS.get((code or "").upper(), REGIONS[DEFAULT_REGION])


def crisis_context(code: str | None) -> dict[str, Any]:
    """What templates read as ``crisis``: the number, every line, and the lines by purpose."""
    chosen = region(code)
    return {
        "code": chosen.code,
        "name": chosen.name,
        "emergency": chosen.emergency,
        "lines": [line.as_dict() for line in chosen.lines],
        "adult_lines": [line.as_dict() for line in chosen.adults],
        "abuse_lines": [line.as_dict() for line in chosen.abuse],
        "child_lines": [line.as_dict() for line in chosen.children],
        "children_services": chosen.children_services,
    }
