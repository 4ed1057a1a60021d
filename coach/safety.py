"""Where to turn in danger: emergency numbers and helplines by region.

The region is a setting the user chooses, with a generic fallback that fits anywhere. Each
region lists lines for adults in crisis (the parent's own), domestic abuse lines (or a
directory where a region has no single number), lines about children, and who protects
children there. What the coach says around them is in ``coach.guidance``.

Every number added or changed for issue 14 carries the page it was confirmed on and the date
it was checked (``source``, ``checked``). The lines about children were checked in the round
of 2026-11-27 against the services' own pages, whose addresses were not recorded then.
Helplines change: check them all again before each release.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CHECKED = "2026-11-30"
EARLIER_ROUND = "2026-11-27"


@dataclass(frozen=True)
class Line:
    name: str
    number: str
    note: str
    source: str = ""
    checked: str = EARLIER_ROUND

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


def _confirmed(name: str, number: str, note: str, source: str) -> Line:
    return Line(name, number, note, source, CHECKED)


SAMARITANS = _confirmed(
    "Samaritans",
    "116 123",
    "free, day or night, for anyone struggling",
    "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
)
HOT_PEACH_PAGES = _confirmed(
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
                _confirmed(
                    "NHS 111",
                    "111",
                    "urgent health or mental health help; in England, choose the mental "
                    "health option",
                    "https://shsc.nhs.uk/news/call-nhs-111-if-you-are-experiencing-mental-health-crisis",
                ),
            ),
            abuse=(
                _confirmed(
                    "National Domestic Abuse Helpline (England)",
                    "0808 2000 247",
                    "free, day or night",
                    "https://refuge.org.uk/news/refuge-response-to-home-secretary-announcement"
                    "-of-support-for-domestic-abuse-victims",
                ),
                _confirmed(
                    "Scotland's Domestic Abuse and Forced Marriage Helpline",
                    "0800 027 1234",
                    "free, day or night",
                    "https://safer.scot/information/da/report/",
                ),
                _confirmed(
                    "Live Fear Free (Wales)",
                    "0808 80 10 800",
                    "free, day or night",
                    "https://www.gov.wales/live-fear-free/sexual-violence",
                ),
                _confirmed(
                    "Domestic and Sexual Abuse Helpline (Northern Ireland)",
                    "0808 802 1414",
                    "free, day or night",
                    "https://www.victimsupportni.com/help-for-victims/domestic-violence",
                ),
            ),
            children=(
                Line("NSPCC helpline", "0808 800 5000", "for adults worried about a child"),
                Line("Childline", "0800 1111", "for children and young people themselves"),
            ),
            children_services="your local council's children's services",
        ),
        Region(
            "IE",
            "Ireland",
            "112 or 999",
            adults=(
                _confirmed(
                    "Samaritans",
                    "116 123",
                    "free, day or night",
                    "https://www.samaritans.org/news/samaritans-ireland-responds-one-call-help"
                    "-every-minute-last-year",
                ),
                _confirmed(
                    "Pieta",
                    "1800 247 247",
                    "suicide and self-harm crisis support",
                    "https://iradio.ie/pieta-christmasday/",
                ),
            ),
            abuse=(
                _confirmed(
                    "Women's Aid",
                    "1800 341 900",
                    "free, day or night",
                    "https://www.womensaid.ie/about/newsevents/news/2016/09/05/media-release"
                    "-41-calls-a-day-to-womens-aid-in-2016/",
                ),
            ),
            children=(Line("Childline (ISPCC)", "1800 66 66 66", "for children and young people"),),
            children_services="Tusla, the Child and Family Agency",
        ),
        Region(
            "US",
            "United States",
            "911",
            adults=(
                _confirmed(
                    "988 Suicide & Crisis Lifeline",
                    "988",
                    "call or text, day or night",
                    "https://www.mcphs.edu/student-life/counseling-services/emergency-services"
                    "/988-suicide-and-crisis-lifeline",
                ),
                _confirmed(
                    "Crisis Text Line",
                    "text HOME to 741741",
                    "support by text message",
                    "https://www.alexproject.org/crisis-text-line-text-home-to-741741",
                ),
            ),
            abuse=(
                _confirmed(
                    "National Domestic Violence Hotline",
                    "1-800-799-7233",
                    "day or night; or text START to 88788",
                    "https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline"
                    "-answers-6-million-contacts",
                ),
            ),
            children=(Line("Childhelp", "1-800-422-4453", "for concerns about a child's safety"),),
            children_services="your state's child protective services (CPS)",
        ),
        Region(
            "CA",
            "Canada",
            "911",
            adults=(
                _confirmed(
                    "9-8-8 Suicide Crisis Helpline",
                    "988",
                    "call or text, day or night",
                    "https://www.newswire.ca/news-releases/government-of-canada-launches"
                    "-three-digit-suicide-crisis-helpline-896472116.html",
                ),
            ),
            abuse=(
                _confirmed(
                    "ShelterSafe",
                    "sheltersafe.ca",
                    "a map of women's shelters, each with a crisis line open day or night",
                    "https://endvaw.ca/archives/news/sheltersafe-ca-launches-new-and-improved"
                    "-search-features-for-women-and-children-escaping-violence/",
                ),
            ),
            children=(Line("Kids Help Phone", "1-800-668-6868", "for young people; text 686868"),),
            children_services="your local child protection service (a children's aid society "
            "in Ontario)",
        ),
        Region(
            "AU",
            "Australia",
            "000",
            adults=(
                _confirmed(
                    "Lifeline",
                    "13 11 14",
                    "crisis support, day or night",
                    "https://www.suicidepreventionaust.org/october-member-of-the-month-lifeline/",
                ),
            ),
            abuse=(
                _confirmed(
                    "1800RESPECT",
                    "1800 737 732",
                    "family, domestic and sexual violence support, day or night",
                    "https://plan4womenssafety.dss.gov.au/initiatives/1800respect",
                ),
            ),
            children=(Line("Kids Helpline", "1800 55 1800", "for young people aged 5 to 25"),),
            children_services="your state or territory's child protection service",
        ),
        Region(
            "NZ",
            "New Zealand",
            "111",
            adults=(
                _confirmed(
                    "Need to talk?",
                    "1737",
                    "call or text, day or night",
                    "https://www.pegasus.health.nz/?p=6300",
                ),
                _confirmed(
                    "Lifeline",
                    "0800 543 354",
                    "crisis support",
                    "http://www.lifeline.co.nz/history-lifeline/",
                ),
            ),
            abuse=(
                _confirmed(
                    "Women's Refuge",
                    "0800 733 843",
                    "crisis line, day or night",
                    "https://womensrefuge.org.nz/get-help/",
                ),
            ),
            children=(Line("Youthline", "0800 376 633", "for young people and their families"),),
            children_services="Oranga Tamariki, the Ministry for Children",
        ),
        Region(
            "NL",
            "Netherlands",
            "112",
            adults=(
                _confirmed(
                    "113 Zelfmoordpreventie",
                    "113 or 0800-0113",
                    "suicide prevention, free, day or night",
                    "https://www.upday.com/nl/binnenland/nummer-113-nu-gratis-betere-hulp-bij"
                    "-zelfdodingsgedachten/pj8neqt",
                ),
            ),
            abuse=(
                _confirmed(
                    "Veilig Thuis",
                    "0800-2000",
                    "domestic violence and child safety advice, free, day or night",
                    "https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld/vraag-en-antwoord"
                    "/wat-moet-ik-doen-bij-huiselijk-geweld",
                ),
            ),
            children=(Line("De Kindertelefoon", "0800-0432", "for children and young people"),),
            children_services="Veilig Thuis",
        ),
        Region(
            "DE",
            "Germany",
            "112 (police 110)",
            adults=(
                _confirmed(
                    "TelefonSeelsorge",
                    "0800 111 0 111 or 0800 111 0 222",
                    "free, day or night",
                    "https://www.domradio.de/glossar/telefonseelsorge-0",
                ),
                _confirmed(
                    "Elterntelefon",
                    "0800 111 0 550",
                    "for parents, on weekdays",
                    "https://www.kinderschutzbund-schaumburg.de/jubilaeum-20-jahre-elterntelefon-der-nummer-gegen-kummer/",
                ),
            ),
            abuse=(
                _confirmed(
                    "Hilfetelefon Gewalt gegen Frauen",
                    "116 016",
                    "free, day or night, in many languages",
                    "https://www.hilfetelefon.de/das-hilfetelefon/angebot-im-ueberblick.html",
                ),
                _confirmed(
                    "Hilfetelefon Gewalt an Männern",
                    "0800 123 99 00",
                    "for men experiencing violence",
                    "https://www.baden-wuerttemberg.de/de/service/presse/pressemitteilung/pid"
                    "/maennerhilfetelefon-wird-fuer-immer-mehr-maenner-anlaufstelle",
                ),
            ),
            children=(Line("Nummer gegen Kummer", "116 111", "for children and young people"),),
            children_services="the Jugendamt (youth welfare office)",
        ),
        Region(
            "EU",
            "Elsewhere in Europe",
            "112",
            adults=(
                _confirmed(
                    "Emotional support",
                    "116 123",
                    "in many European countries",
                    "https://www.vmnvd.gov.lv/en/toll-free-unified-crisis-line-116123",
                ),
            ),
            abuse=(HOT_PEACH_PAGES,),
            children=(
                Line(
                    "Child helpline", "116 111", "the European number for children and young people"
                ),
            ),
            children_services="your local child protection service",
        ),
        Region(
            "OTHER",
            "Anywhere else",
            "your local emergency number",
            adults=(
                _confirmed(
                    "A local crisis line",
                    "see findahelpline.com",
                    "a directory of free helplines in every country",
                    "https://findahelpline.com/AU",
                ),
                _confirmed(
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
