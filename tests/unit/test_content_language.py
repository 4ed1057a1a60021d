"""Every word a flow can show is checked against phrases the coach must never suggest.

DOMAIN.md: never suggest punishment, threats, restraint, grounding, taking things away as a
penalty, revenge, humiliation or secrecy, and never label the young person. This test reads
every YAML file under flows/ (so flows added later are covered without touching it), walks
every text a caregiver or practitioner can read (messages, labels, hints, help, practitioner
notes, choice labels, warn messages, examples, plan and follow-up templates, titles) and
fails on any phrase in EXCLUDED, naming file:line and the phrase.

Not scanned: YAML comments, and values that are never shown (ids, choice values, field
types, case keys, event references) or that *detect* such words in the caregiver's answers
(a warn rule's ``contains_any`` and ``pattern``).

Where such a word is right (e.g. "this is not a punishment", "carries no threat"), allow it
explicitly with a YAML comment naming the exact text and why, on the line of the text or,
for a block (``say: |``), on the key's line:

    label: I threatened a consequence  # language-ok: "I threatened" their own past action

The quoted text must appear in that value and contain the excluded phrase; a marker that
allows nothing, or has no reason, fails the test too, so the allowances stay few and honest.
``grep -rn language-ok flows/`` lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from coach.paths import shipped_flows_folder

FLOWS = shipped_flows_folder() / "flows"
FLOW_FILES = sorted(FLOWS.glob("*.yaml"))
BLOCK_FILES = sorted((FLOWS / "blocks").glob("*.yaml"))
CONTENT_FILES = [*FLOW_FILES, *BLOCK_FILES]

# Keys whose values are never shown, or detect excluded words in answers rather than say them.
NOT_SHOWN = frozenset(
    {
        "id",
        "value",
        "type",
        "flow",
        "machine",
        "case_field",
        "choices_from",
        "contains_any",
        "pattern",
        "date",
        "time",
        "duration",
        "makes",
    }
)

_THEM = r"(?:them|him|her)"
# (what it is, pattern). Matched case-insensitively; whitespace between words may be a line break.
EXCLUDED: list[tuple[str, str]] = [
    ("punishment", r"\bpunish\w*"),
    ("punishment", r"\bpenal(?:ty|ties|is\w*|iz\w*)\b"),
    ("punishment", r"\bsanctions?\b"),
    ("punishment", r"\b(?:there\s+will\s+be|face\s+the|suffer\s+the)\s+consequences?\b"),
    ("physical punishment", r"\b(?:smack|spank|slap)\w*"),
    ("threat", r"\bthreat(?:s|en|ens|ened|ening)?\b"),
    ("threat", r"\bultimatums?\b"),
    ("threat", r"\bor\s+else\b"),
    ("threat", r"\byou(?:'ll|\s+will)\s+be\s+sorry\b"),
    ("restraint", r"\brestrain\w*"),
    ("restraint", rf"\b(?:hold|pin)\w*\s+{_THEM}\s+down\b"),
    ("restraint", rf"\b(?:physical\s+force|by\s+force|forc\w*\s+{_THEM})\b"),
    ("restraint", rf"\block\w*\s+{_THEM}\s+(?:in|out|up)\b"),
    ("shutting out", rf"\b(?:kick|throw)\w*\s+{_THEM}\s+out\b"),
    ("grounding", rf"\bgrounded\b|\bground(?:ing)?\s+{_THEM}\b"),
    ("taking away as a penalty", r"\btak(?:e|es|ing|en)\s+(?:\w+\s+){0,2}away\b"),
    ("taking away as a penalty", r"\bconfiscat\w*"),
    ("taking away as a penalty", r"\bprivileges?\b"),
    (
        "taking away as a penalty",
        r"\b(?:los(?:e|es|ing)|lost)\s+(?:it|them|their|his|her|your|the)\b[^.\n]{0,30}?"
        r"\bfor\s+a\s+(?:day|week|month)\b",
    ),
    (
        "taking away as a penalty",
        r"\b(?:dock|cut)\w*\s+(?:their|his|her|your)\s+(?:pocket\s+money|allowance)\b",
    ),
    ("taking away as a penalty", rf"\bbann?(?:ed|ing)?\s+{_THEM}\b|\bbanned\s+from\b"),
    ("taking away as a penalty", r"\bearn\w*\s+(?:it|them|this|that)\s+back\b"),
    (
        "secrecy",
        r"\bsecretly\b|\bin\s+secret\b|\bkeep\w*\s+(?:it\s+|this\s+|that\s+)?(?:a\s+)?secret\b",
    ),
    (
        "secrecy",
        r"\bdon'?t\s+tell\s+(?:anyone|anybody|others|the\s+school)\b"
        r"|\bkeep\s+(?:it|this)\s+(?:quiet|between\s+us)\b"
        r"|\bbehind\s+(?:their|his|her)\s+back\b",
    ),
    (
        "revenge",
        rf"\brevenge\b|\bget\s+(?:back\s+at|even\s+with)\b|\bpay\s+(?:for\s+this|{_THEM}\s+back)\b"
        rf"|\bteach\s+{_THEM}\s+a\s+lesson\b",
    ),
    ("humiliation", r"\bhumiliat\w*"),
    ("humiliation", rf"\b(?:shame|embarrass|mock)\w*\s+{_THEM}\b|\bname\s+and\s+shame\b"),
    ("bribery", r"\bbrib\w*"),
    (
        "labelling the young person",
        r"\b(?:naughty|brat|manipulative|evil|monster|psycho|attention[-\s]seeking"
        r"|spoil(?:t|ed)\s+(?:child|kid)|bad\s+(?:kid|child|boy|girl))\b",
    ),
    ("insult", r"\bshut\s+up\b"),
    (
        "blaming what the parent taught",
        r"\btaught\b|\bteach(?:es|ing)?\s+(?:that|them|him|her|your|the\s+child)\b",
    ),
]
_COMPILED = [(what, re.compile(pattern, re.I)) for what, pattern in EXCLUDED]
_MARKER = re.compile(r"#\s*language-ok\b:?(.*)$")
_MARKER_BODY = re.compile(r'^\s*"([^"]+)"\s*(.*?)\s*$')


@dataclass(frozen=True)
class Text:
    """One shown value: where its words are in the file, and the lines markers may sit on."""

    where: str  # e.g. states.welcome.say
    start: int  # index in the file of the first character of the words
    end: int
    first_line: int  # the key's line (1-based), where a block's marker goes
    last_line: int


@dataclass(frozen=True)
class Marker:
    line: int
    text: str | None
    reason: str


def shown_texts(source: str) -> list[Text]:
    """Every string a person can read in a flow file, with its place in the source."""
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    found: list[Text] = []

    def walk(node: yaml.Node, where: str, key_line: int) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                if key.value in NOT_SHOWN and where != "states":  # a state may be called 'pattern'
                    continue
                walk(value, f"{where}.{key.value}".lstrip("."), key.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, f"{where}[{index}]", item.start_mark.line + 1)
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            start, end = node.start_mark.index, node.end_mark.index
            if node.style in ("|", ">"):  # the words begin after the header line
                start = source.index("\n", start) + 1
            if start < end:
                last = source.count("\n", 0, max(start, end - 1)) + 1
                found.append(Text(where, start, end, key_line, last))

    if root is not None:
        walk(root, "", 1)
    return found


def markers(source: str, texts: list[Text]) -> list[Marker]:
    """The language-ok comments; a '#' inside a shown value is text, not a comment."""
    found = []
    offset = 0
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        for match in _MARKER.finditer(line):
            at = offset + match.start()
            is_comment = match.start() == 0 or line[match.start() - 1] in " \t"
            if is_comment and not any(t.start <= at < t.end for t in texts):
                body = _MARKER_BODY.match(match.group(1))
                if body:
                    found.append(Marker(number, body.group(1), body.group(2)))
                else:
                    found.append(Marker(number, None, ""))
        offset += len(line)
    return found


def _flexible(text: str) -> re.Pattern[str]:
    """The exact text, allowing any run of whitespace (a line break) where it has a space."""
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def language_problems(source: str, shown_path: str) -> list[str]:
    """Each problem as 'FILE:LINE: ...', ready to print."""
    texts = shown_texts(source)
    notes = markers(source, texts)
    problems: list[str] = []
    used: set[Marker] = set()
    for marker in notes:
        if marker.text is None or not marker.reason:
            problems.append(
                f'{shown_path}:{marker.line}: write the marker as # language-ok: "<exact text>" '
                "<reason>, with the text in double quotes and a reason after it"
            )
    valid = [m for m in notes if m.text and m.reason]
    for text in texts:
        words = source[text.start : text.end]
        for what, pattern in _COMPILED:
            for hit in pattern.finditer(words):
                line = source.count("\n", 0, text.start + hit.start()) + 1
                allowed = [
                    m
                    for m in valid
                    if text.first_line <= m.line <= text.last_line
                    and any(
                        span.start() <= hit.start() and hit.end() <= span.end()
                        for span in _flexible(m.text or "").finditer(words)
                    )
                ]
                if allowed:
                    used.update(allowed)
                    continue
                phrase = " ".join(hit.group(0).split())
                problems.append(
                    f"{shown_path}:{line}: '{phrase}' ({what}) in {text.where}: reword it, or if "
                    f"the use is protective add '# language-ok: \"<exact text>\" <reason>' on "
                    f"line {text.first_line}"
                )
    for marker in valid:
        if marker not in used:
            problems.append(
                f'{shown_path}:{marker.line}: language-ok marker for "{marker.text}" allows '
                "nothing on its line (the text is not there, or holds no excluded phrase); "
                "remove it or move it to the right line"
            )
    return problems


@pytest.mark.parametrize(
    "flow_file", CONTENT_FILES, ids=[f"{f.parent.name}/{f.stem}" for f in CONTENT_FILES]
)
def test_flow_never_suggests_punishment_threats_or_secrecy(flow_file: Path):
    shown = flow_file.relative_to(FLOWS.parent)
    problems = language_problems(flow_file.read_text(encoding="utf-8"), str(shown))
    assert not problems, "\n" + "\n".join(problems)


def test_every_flow_file_is_read():
    assert len(FLOW_FILES) >= 1
    for flow_file in FLOW_FILES:
        places = {t.where for t in shown_texts(flow_file.read_text(encoding="utf-8"))}
        makes_a_plan = "\nplan:\n" in flow_file.read_text(encoding="utf-8")
        assert "title" in places and ("plan.template" in places) == makes_a_plan, flow_file
        assert any(p.endswith(".say") for p in places), flow_file
        assert any(p.endswith(".label") for p in places), flow_file


# The checker itself ---------------------------------------------------------------------


def check(source: str) -> list[str]:
    return language_problems(source, "x.yaml")


def test_a_suggested_punishment_is_reported_with_its_line():
    source = "states:\n  a:\n    say: |\n      Be calm.\n      Then ground them for a week.\n"
    [problem] = check(source)
    assert problem.startswith("x.yaml:5: 'ground them' (grounding) in states.a.say:")
    assert "on line 3" in problem  # a block's marker goes on its key line


def test_each_kind_of_excluded_phrase_is_caught():
    for phrase in [
        "This is a punishment",
        "Give them an ultimatum",
        "Do it, or else",
        "hold him down",
        "He is grounded",
        "take the phone away",
        "confiscate it",
        "you lose it for a week",
        "keep it secret",
        "don't tell anyone",
        "teach her a lesson",
        "humiliate them",
        "name and shame",
        "they can earn it back",
        "a manipulative child",
        "shut up",
    ]:
        assert check(f"label: {phrase}\n"), phrase


def test_calm_wording_passes():
    source = (
        "label: Leave the room calmly and say you will come back\n"
        "hint: No more secrecy; the people who support you will know.\n"
        "help: Take a moment; this is not about blame or shame.\n"
        "say: Is your young person missing, or you don't know where they are?\n"
    )
    assert check(source) == []


def test_a_phrase_split_over_two_lines_is_caught():
    assert check("say: |\n  We will take the phone\n  away tonight.\n")


def test_a_marker_allows_exactly_its_text():
    source = (
        'label: "This is not a punishment."  # language-ok: "not a punishment" names a no\n'
        "hint: A punishment follows.\n"
    )
    [problem] = check(source)
    assert problem.startswith("x.yaml:2: 'punishment'")


def test_a_marker_on_a_block_goes_on_the_key_line():
    source = (
        'say: |  # language-ok: "carries no threat" names what to avoid\n'
        "  A phrase that\n  carries no threat.\n"
    )
    assert check(source) == []


def test_markers_without_reason_or_use_fail():
    no_reason = 'label: "not a punishment"  # language-ok: "not a punishment"\n'
    assert "reason after it" in check(no_reason)[0]
    unused = 'label: "Be kind"  # language-ok: "Be kind" nothing to allow\n'
    assert "allows nothing" in check(unused)[0]
    elsewhere = 'label: "Be kind"  # language-ok: "punish" wrong line\nhint: punish\n'
    assert len(check(elsewhere)) == 2


def test_detectors_ids_and_comments_are_not_read():
    source = (
        "# punish is fine in a comment\n"
        "fields:\n"
        "  - id: threatened\n"
        "    type: choice\n"
        "    label: What did you do?\n"
        "    choices:\n"
        "      - {value: threatened, label: I raised my voice}\n"
        "    warn:\n"
        "      - contains_any: [or else, grounded, punish]\n"
        "        pattern: 'revenge'\n"
        "        message: That could sound harsh. Keep it, or reword it.\n"
    )
    assert check(source) == []


def test_a_state_named_like_a_hidden_key_is_still_read():
    source = "states:\n  pattern:\n    help: Say it, or else.\n"
    assert check(source)


def test_a_marker_written_inside_a_block_is_text_not_a_marker():
    source = 'say: |\n  A punishment  # language-ok: "A punishment" hidden\n'
    assert any("'punishment'" in p for p in check(source))


# Plain words stay plain: no sentence a parent reads is longer than 30 words -----------------

MAX_WORDS = 30
# Read by the practitioner, not the parent; or answers the parent might give, not the coach's.
NOT_READ_BY_THE_PARENT = frozenset({"practitioner", "example"})
_JINJA_TAG = re.compile(r"\{%.*?%\}", re.S)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_NOTE = re.compile(r"\{#.*?#\}", re.S)
_UNITS = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*>]|\d+\.|#+)\s)|\|")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a message, help text or template as a reader meets them: a value
    printed by the template counts as one word, and every paragraph, list item, heading and
    table cell ends a sentence."""
    text = _JINJA_NOTE.sub(" ", text)
    text = _JINJA_TAG.sub("\n", text)
    text = _JINJA_VALUE.sub("X", text)
    found = []
    for unit in _UNITS.split(text):
        unit = re.sub(r"^\s*(?:[-*>]|\d+\.)\s+", "", unit)
        unit = re.sub(r"[*_`#>]", "", unit)
        found += [" ".join(s.split()) for s in _SENTENCE_END.split(unit) if s.split()]
    return found


def long_sentences(source: str, shown_path: str) -> list[str]:
    problems = []
    for text in shown_texts(source):
        if set(text.where.replace("[", ".").split(".")) & NOT_READ_BY_THE_PARENT:
            continue
        for sentence in sentences(source[text.start : text.end]):
            words = len(sentence.split())
            if words > MAX_WORDS:
                problems.append(
                    f"{shown_path}:{text.first_line}: {words} words in {text.where}: "
                    f"{sentence!r}; split it (no sentence over {MAX_WORDS} words)"
                )
    return problems


@pytest.mark.parametrize(
    "flow_file", CONTENT_FILES, ids=[f"{f.parent.name}/{f.stem}" for f in CONTENT_FILES]
)
def test_no_sentence_a_parent_reads_is_longer_than_30_words(flow_file: Path):
    shown = flow_file.relative_to(FLOWS.parent)
    problems = long_sentences(flow_file.read_text(encoding="utf-8"), str(shown))
    assert not problems, "\n" + "\n".join(problems)


def test_the_shared_guidance_and_advice_are_short_and_free_of_excluded_words():
    from coach.advice import RULES
    from coach.guidance import TEMPLATES

    texts = {f"guidance {name}": text for name, text in TEMPLATES.items()}
    texts |= {f"advice {name}": rule.message for name, rule in RULES.items()}
    problems = [
        f"{where}: {len(sentence.split())} words: {sentence!r}"
        for where, text in texts.items()
        for sentence in sentences(text)
        if len(sentence.split()) > MAX_WORDS
    ]
    problems += [
        f"guidance {name}: '{hit.group(0)}' ({what})"
        for name, text in TEMPLATES.items()
        for what, pattern in _COMPILED
        for hit in pattern.finditer(text)
    ]
    assert not problems, "\n" + "\n".join(problems)


def test_a_long_sentence_is_found_and_values_count_as_one_word():
    long = " ".join(["word"] * 31) + "."
    assert long_sentences(f"say: {long}\n", "x.yaml")
    assert not long_sentences("say: " + " ".join(["word"] * 29) + " {{ a.b or 'c d e' }}.\n", "x")
    assert not long_sentences("practitioner: " + long + "\n", "x.yaml")
    assert sentences("- one item\n- two items\n\nA new paragraph. And another.") == [
        "one item",
        "two items",
        "A new paragraph.",
        "And another.",
    ]
