"""Where to turn in danger: crisis lines by region and the guidance every safety stop shows.

The same guidance appears on the help-now screen, in every flow's safety stop and on the
command line, so it is written once here. Numbers are public helplines; the region is a
setting the user chooses, with a generic fallback that fits anywhere.

Every number was checked against the services' own pages or public notices in November 2026
(113 became free to call in the Netherlands in October 2025). Helplines change: check them
again before each release.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Line:
    name: str
    number: str
    note: str


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency: str
    lines: tuple[Line, ...]


REGIONS: dict[str, Region] = {
    region.code: region
    for region in (
        Region(
            "GB",
            "United Kingdom",
            "999",
            (
                Line("Samaritans", "116 123", "free, day or night, for anyone struggling"),
                Line(
                    "NHS 111",
                    "111",
                    "urgent health or mental health help; in England, choose the mental "
                    "health option",
                ),
                Line("NSPCC helpline", "0808 800 5000", "for adults worried about a child"),
                Line("Childline", "0800 1111", "for children and young people themselves"),
            ),
        ),
        Region(
            "IE",
            "Ireland",
            "112 or 999",
            (
                Line("Samaritans", "116 123", "free, day or night"),
                Line("Pieta", "1800 247 247", "suicide and self-harm crisis support"),
                Line("Childline (ISPCC)", "1800 66 66 66", "for children and young people"),
            ),
        ),
        Region(
            "US",
            "United States",
            "911",
            (
                Line("988 Suicide & Crisis Lifeline", "988", "call or text, day or night"),
                Line("Childhelp", "1-800-422-4453", "for concerns about a child's safety"),
                Line("Crisis Text Line", "text HOME to 741741", "support by text message"),
            ),
        ),
        Region(
            "CA",
            "Canada",
            "911",
            (
                Line("9-8-8 Suicide Crisis Helpline", "988", "call or text, day or night"),
                Line("Kids Help Phone", "1-800-668-6868", "for young people; text 686868"),
            ),
        ),
        Region(
            "AU",
            "Australia",
            "000",
            (
                Line("Lifeline", "13 11 14", "crisis support, day or night"),
                Line("Kids Helpline", "1800 55 1800", "for young people aged 5 to 25"),
                Line("1800RESPECT", "1800 737 732", "family and domestic violence support"),
            ),
        ),
        Region(
            "NZ",
            "New Zealand",
            "111",
            (
                Line("Need to talk?", "1737", "call or text, day or night"),
                Line("Lifeline", "0800 543 354", "crisis support"),
                Line("Youthline", "0800 376 633", "for young people and their families"),
            ),
        ),
        Region(
            "NL",
            "Netherlands",
            "112",
            (
                Line(
                    "113 Zelfmoordpreventie", "113 or 0800-0113", "suicide prevention, day or night"
                ),
                Line("Veilig Thuis", "0800-2000", "domestic violence and child safety advice"),
                Line("De Kindertelefoon", "0800-0432", "for children and young people"),
            ),
        ),
        Region(
            "DE",
            "Germany",
            "112 (police 110)",
            (
                Line("TelefonSeelsorge", "0800 111 0 111 or 0800 111 0 222", "free, day or night"),
                Line("Nummer gegen Kummer", "116 111", "for children and young people"),
                Line("Elterntelefon", "0800 111 0 550", "for parents, on weekdays"),
            ),
        ),
        Region(
            "EU",
            "Elsewhere in Europe",
            "112",
            (
                Line(
                    "Child helpline", "116 111", "the European number for children and young people"
                ),
                Line("Emotional support", "116 123", "in many European countries"),
            ),
        ),
        Region(
            "OTHER",
            "Anywhere else",
            "your local emergency number",
            (
                Line(
                    "A local crisis line",
                    "see findahelpline.com",
                    "a directory of free helplines in every country",
                ),
            ),
        ),
    )
}
DEFAULT_REGION = "OTHER"
REGION_SETTING = "region"

GUIDANCE = """\
**If anyone is in danger right now, call {{ crisis.emergency }} now.** Keep yourself and \
others safe first; you do not need to handle this alone or calmly.

- If your young person is missing, call {{ crisis.emergency }} and tell them: the police want \
to know straight away.
- If they have hurt themselves or talk about ending their life, stay with them if it is safe, \
remove what they could use to hurt themselves if you can do so calmly, and call \
{{ crisis.emergency }} or a crisis line.
{% for line in crisis.lines %}
- **{{ line.name }}**: {{ line.number }}, {{ line.note }}
{% endfor %}
{% if case.contacts %}

Your own professional contacts:
{% for contact in case.contacts %}
- **{{ contact.name }}**{% if contact.role %} ({{ contact.role }}){% endif %}\
{% if contact.phone %}: {{ contact.phone }}{% endif %}

{% endfor %}
{% endif %}
"""


def region(code: str | None) -> Region:
    return REGIONS.get((code or "").upper(), REGIONS[DEFAULT_REGION])


def crisis_context(code: str | None) -> dict[str, Any]:
    chosen = region(code)
    return {
        "code": chosen.code,
        "name": chosen.name,
        "emergency": chosen.emergency,
        "lines": [{"name": x.name, "number": x.number, "note": x.note} for x in chosen.lines],
    }
