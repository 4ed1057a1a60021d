"""Advice on what a parent writes, with one set of rules for every flow.

A field names the rules that fit it (``advice: [says]`` where the parent writes what they
will say or do, for the things DOMAIN.md says the coach never suggests: threats, ultimatums,
punishments, conditions, shaming, restraint, revenge and secrecy; ``advice: [label,
concern_topic]`` where they name a behaviour), so no flow keeps a word list of its own,
and templates ask the same rules through Jinja tests (``{% if item.behaviour is
concern_like %}``). Like a field's ``warn``, advice is shown
once; submitting again keeps the answer: the parent decides, the coach only points it out.

Patterns are matched case-insensitively on the words as written, with straight and curly
apostrophes treated alike. They are tested against two corpora in
``tests/fixtures/advice/``: what should be advised, and calm words that never should.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)


def _unless_promised_not(pattern: str) -> str:
    """The pattern, unless a "not", "never", "without", "no longer" or "n't" comes earlier in
    its sentence: "we will never block the door" is a promise, not a plan."""
    return r"(?:^|[.?!;]\s*)(?:(?!\b(?:not|never|without|no\s+longer)\b|n't\b)[^.?!;])*?" + pattern


_YOU_WILL = r"\byou(?:'ll|\s+will)\b"
_WE_I = r"(?:i|we)(?:'ll|'m|\s+will|\s+am|\s+are|'re)"

THREAT = _compile(
    _YOU_WILL + r"\s+(?:be\s+sorry|regret|pay|lose|see|be\s+sleeping|be\s+out)\b",
    r"\bor\s+else\b",
    r"\b(?:see|watch)\s+what\s+happens\b",
    r"\bkeep\s+(?:this|that|it)\s+up\s+and\b",
    r"\b(?:do|try)\s+(?:that|it|this)\s+again\s+and\b",
    r"\bone\s+more\s+(?:word|time|thing)\s+and\b",
    r"\bnext\s+time\s+you\b",
    r"\bcarry\s+on\s+like\s+(?:this|that)\b|\bif\s+this\s+carries\s+on\b",
    r"\bforget\s+about\b",
    r"\byou(?:'re|\s+are)\s+out\b",
    r"\b" + _WE_I + r"\s+(?:sell|smash|break|bin|throw\s+away)\b",
    r"\bif\s+you\s+(?:don't|do\s+not|won't|will\s+not|ever|hit|swear|keep)\b",
    r"\bpay\s+for\s+(?:this|that|it)\b|\botherwise\b|\bunless\s+you\b|\blose\s+your\b",
    r"\b(?:kick|throw)\w*\s+you\s+out\b",
)
ULTIMATUM = _compile(
    r"\b(?:we're|we\s+are|i'm|i\s+am)\s+not\s+(?:leaving|going|moving)\s+(?:until|till|unless)\b",
    r"\beither\s+you\b[^.?!]*\bor\b",
    r"\b(?:last|final|one\s+more)\s+(?:chance|warning)\b",
    r"\byou\s+have\s+until\b",
    r"\b(?:now|today|tonight),?\s+or\s+(?:we|i|you)\b",
    r"\bmy\s+way\s+or\b",
    r"\buntil\s+you\s+(?:apologi[sz]e|say\s+sorry|change|start|stop|learn|admit)\b",
    r"\bmake\s+(?:you|him|her|them)\s+(?:say\s+sorry|apologi[sz]e)\b",
)
CONDITION = _compile(
    r"\b(?:when|once|as\s+soon\s+as)\s+you(?:'ve|\s+have)?\s+"
    r"(?:say|said|apologi|behave|start|stop|learn|earn|show|prove|calm|chang|been)\w*",
    r"\bif\s+you(?:'re|\s+are)?\s+(?:behave|good|nice|polite|do\s+as|listen)\w*",
    r"\bonly\s+if\b|\bas\s+long\s+as\b|\bprovided\s+(?:that\s+)?you\b|\bin\s+(?:return|exchange)\b",
    r"\bearn\w*\b",
    r"\bfor\s+being\s+(?:good|nice|kind|polite)\b",
    r"\breward\w*\b|\bdeserve\w*\b|\byou\s+owe\b",
)
PUNISHMENT = _compile(
    r"\bgrounded\b|\bground(?:ing)?\s+you\b",
    r"\bpunish\w*|\bconsequences?\b|\bconfiscat\w*",
    r"\btak(?:e|es|ing|en)\s+(?:\w+\s+){0,3}away\b|\bout\s+of\s+your\s+room\b",
    r"\bno\s+(?:phone|laptop|tablet|wifi|internet|tv|telly|games?|console|xbox|playstation"
    r"|pocket\s+money|allowance|friends|lifts?|sleepovers?)\b",
    r"\b(?:pocket\s+money|allowance)\b[^.?!]*\b(?:stopped|cancelled|gone|cut)\b",
    r"\bban(?:ned|ning|s)?\b",
    r"\bcancel\w*\s+your\b",
    r"\b(?:take|taking|took)\s+(?:the|his|her|their|your)\s+(?:bedroom\s+)?door\s+off\b",
    r"\b(?:has|have|had)\s+to\s+pay\b|\bout\s+of\s+(?:his|her|their|your)\s+"
    r"(?:pocket\s+money|allowance)\b",
    r"\bbed\s+(?:\w+\s+){0,2}early\b",
)
SHAMING = _compile(
    r"\bashamed\s+of\s+(?:you|yourself|him|her|them|my\s+(?:son|daughter|child|kid|boy|girl))\b"
    r"|\bshame\s+on\s+(?:you|him|her|them)\b",
    r"\bembarrassed\s+(?:of\s+(?:you|him|her|them)\b|to\s+call\s+(?:you|him|her|them)\b)",
    r"\bwhat(?:'s|\s+is)\s+wrong\s+with\s+you\b",
    r"\bdisgrac\w*|\bdisgust\w*",
    r"\beveryone\s+will\s+(?:know|see|hear)\b",
    r"\b(?:tell|show)\s+(?:the\s+)?(?:whole|entire)\s+(?:school|family|class|street)\b",
    r"\bpost\s+(?:it|this|that)\s+online\b",
    r"\btell\s+everyone\s+(?:at|in|on)\b",
    r"\bpost\w*\s+(?:\w+\s+){0,4}(?:on|in)\s+(?:the\s+|our\s+)?(?:family\s+)?"
    r"(?:group\s+chat|chat|facebook|instagram|tiktok|snapchat|whatsapp|social\s+media)\b",
    r"\bin\s+front\s+of\s+(?:everyone|(?:his|her|their|your)\s+friends|the\s+whole)\b",
    r"\b(?:brat|spoilt|spoiled|selfish|lazy|stupid|idiot|useless|pathetic|monster|psycho"
    r"|thug|liar|evil|ungrateful|bully)\b",
    r"\blike\s+a\s+(?:baby|child|toddler|animal)\b|\bgrow\s+up\b|\bno\s+wonder\b",
    r"\b(?:just|exactly)\s+like\s+your\s+(?:father|dad|mother|mum|mom)\b",
    r"\byour\s+(?:brother|sister)\s+would\s+never\b|\bwhy\s+can't\s+you\s+be\b",
    r"\bshut\s+up\b|\blittle\s+sod\b",
    r"\b(?:you|he|she|they)(?:'re|'s|\s+are|\s+is)\s+(?:so\s+|such\s+an?\s+|an?\s+|just\s+an?\s+)?"
    r"(?:horrible|nasty|animal|nightmare|waste\s+of\s+space)\b",
)
# Never hold, block, lock in or drag: the way out always stays open.
RESTRAINT = _compile(
    r"\brestrain\w*",
    _unless_promised_not(r"\b(?:hold|holding|pin|pinning)\s+(?:you|him|her|them)\s+down\b"),
    _unless_promised_not(
        r"\b(?:hold|holds|holding)\s+(?:you|him|her|them)\b(?!\s+(?:close|to\s+account|in\s+mind))"
    ),
    _unless_promised_not(
        r"\b(?:hold|holds|holding)\s+(?:your|his|her|their)\s+(?:arms?|hands?|wrists?|legs?)\b"
    ),
    _unless_promised_not(r"\bsit(?:s|ting)?\s+on\s+(?:you|him|her|them)\b"),
    _unless_promised_not(
        r"\bblock(?:s|ed|ing)?\s+(?:the|his|her|their|your)\s+(?:door|doorway|way|exit)\b"
    ),
    r"\b(?:stand|standing|sit|sitting)\s+(?:in|across|against|in\s+front\s+of)\s+the\s+door(?:way)?\b",
    r"\bacross\s+the\s+door(?:way)?\b",
    r"\bso\s+(?:he|she|they|you)\s+(?:has|have)\s+to\s+stay\b",
    r"\bso\s+(?:he|she|they|you)\s+(?:can't|cannot|won't\s+be\s+able\s+to)\s+(?:leave|get\s+out|go)\b",
    _unless_promised_not(r"\block(?:s|ed|ing)?\s+(?:you|him|her|them)\s+(?:in|out)\b"),
    r"\b(?:grab|snatch|yank|drag)\w*\s+(?:you\b|him\b|her\b|them\b|(?:the|his|her|their|your)\s+"
    r"(?:phone|laptop|tablet|console|controller|arm|wrist|hand|collar|hair|hood))",
    r"\bwon't\s+let\s+(?:you|him|her|them)\s+(?:leave|out|go)\b",
    r"\b(?:you're|you\s+are|he's|he\s+is|she's|she\s+is|they're|they\s+are)\s+not\s+"
    r"(?:leaving|going\s+out|coming\s+out)\b",
    r"\bphysically\s+(?:stop|make|remove|take|move)\b|\bby\s+force\b",
)
REVENGE = _compile(
    r"\brevenge\b|\bget\s+(?:back\s+at|even\s+with)\b|\bpay\s+(?:you|him|her|them)\s+back\b",
    r"\btaste\s+of\s+(?:your|his|her|their)\s+own\s+medicine\b",
    r"\bsee\s+how\s+(?:you|he|she|they)\s+likes?\s+it\b",
    r"\bsilent\s+treatment\b",
    r"\bshow\s+(?:you|him|her|them)\s+what\s+it\s+feels\s+like\b",
    r"\bteach\s+(?:you|him|her|them)\s+a\s+lesson\b",
    r"\btwo\s+can\s+play\b|\bserves?\s+(?:you|him|her|them)\s+right\b",
)
SECRECY = _compile(
    r"\bdon'?t\s+tell\s+(?:anyone|anybody|others|the\s+school|the\s+police|your\s+\w+)\b",
    _unless_promised_not(
        r"\bkeep\s+(?:it|this|that)\s+(?:between\s+us|quiet|to\s+ourselves|in\s+the\s+family)\b"
    ),
    r"\bour\s+(?:little\s+)?secret\b",
    _unless_promised_not(r"\bkeep(?:ing)?\s+(?:it|this|that|them)\s+(?:a\s+)?secret\b"),
    r"\b(?:nobody|no\s+one)\b[^.?!]{0,25}\b(?:needs?\s+to|has\s+to|will\s+ever)\s+know\b",
    r"\bstays?\s+in\s+the\s+family\b",
    r"\b(?:won't|will\s+not|not\s+going\s+to)\s+tell\s+(?:the\s+school|the\s+police|social\s+services"
    r"|your\s+\w+)\b",
)
GIVES_IN = _compile(
    r"\bwhat\s+(?:he|she|they)\s+(?:demanded|keeps?\s+demanding|kept\s+asking\s+for)\b",
    r"(?<!without )(?<!not )(?<!never )(?<!no )\bgiv(?:e|ing)\s+in\b",
    r"\blet\s+(?:him|her|them)\s+(?:stay\s+up|skip|have\s+(?:his|her|their)\s+way)\b",
    r"\b(?:the|that)\s+\w+\s+(?:he|she|they)\s+(?:demanded|insisted\s+on)\b",
)
BACKHANDED = _compile(
    r"\bbut\b|\bfor\s+once\b|\bfinally\b|\bat\s+last\b|\babout\s+time\b",
    r"\bwhy\s+(?:can't|don't)\s+you\b|\bkeep\s+it\s+up\b",
)
LABEL = _compile(
    r"\b(?:rude|rudeness|disrespect\w*|attitude|naughty|lazy|badly|bad\s+behaviour|horrible"
    r"|nasty|defiant|defiance|manipulative|selfish|spoilt|spoiled|moody|out\s+of\s+control"
    r"|kicking\s+off|playing\s+up|acting\s+up|being\s+difficult)\b",
)
CONCERN = _compile(
    r"\bself[-\s]?harm\w*|\bsuicid\w*|\boverdos\w*",
    r"\b(?:cut|cuts|cutting|burn\w*|hurt\w*|harm\w*|kill\w*|starv\w*)\s+"
    r"(?:her|him|them|my|your)sel(?:f|ves)\b",
    r"\bcut(?:s|ting)?\s+(?:her|his|their|my)\s+(?:arms?|legs?|wrists?|skin|thighs?)\b",
    r"\bcut(?:s|ting)\b(?!\s+(?:class|classes|school|lessons?|corners?|in|the|up|out|off|down"
    r"|back|short|it))",
    r"\bend(?:s|ing)?\s+(?:her|his|their|my)\s+life\b|\bwants?\s+to\s+die\b",
    r"\bgroom\w*|\bexploit\w*|\bcounty\s+lines\b|\bsexting\b|\bnudes?\b",
    r"\bolder\s+(?:men|man|boys?|lads?|guys?|friends?|boyfriend|girlfriend|adults?)\b",
    r"\b(?:adults?|men|man|strangers?)\s+(?:(?:she|he|they)\s+)?met\s+online\b|\bmet\s+online\b",
    r"\bunexplained\s+(?:money|cash|gifts|phones?|clothes)\b",
    r"\b(?:drug\s+(?:runs?|running|deal\w*)|carrying\s+drugs|gangs?)\b",
    r"\b(?:go|goes|going|went|gone)\s+missing\b|\bruns?\s+away\b|\bran\s+away\b",
    r"\bstays?\s+out\s+all\s+night\b|\b(?:doesn't|does\s+not|won't)\s+come\s+home\b",
)
WEAPON = _compile(
    r"\b(?:knife|knives|blade|blades|machete|gun|guns|firearm|weapon|weapons|axe)\b",
    r"\b(?:baseball|cricket)\s+bat\b",
)

_OWN_WAY = "Keep it if you are sure, or try rewording it."
_KEEP = "Submit again to keep it as it is."
_WORRY = (
    "That sounds like it may be a safeguarding worry: self-harm or talk of suicide, "
    "exploitation or grooming, or going missing. Those need professional help first"
)


@dataclass(frozen=True)
class Rule:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    message: str

    def matches(self, text: str) -> bool:
        plain = text.replace("\u2019", "'").replace("\u2018", "'")
        return any(pattern.search(plain) for pattern in self.patterns)


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "threat",
            THREAT,
            "That could be heard as a threat: it says what will happen to them. Calm words "
            f"say what you will do. {_OWN_WAY}",
        ),
        Rule(
            "ultimatum",
            ULTIMATUM,
            "That sounds like an ultimatum, a demand with an 'or' or a deadline, and it "
            f"invites a contest. Say what you will do, then stop. {_OWN_WAY}",
        ),
        Rule(
            "punishment",
            PUNISHMENT,
            "That sounds like a penalty. NVR stands up to the behaviour without making them "
            f"pay for it: nothing is taken from them. Say what you yourself will do. {_OWN_WAY}",
        ),
        Rule(
            "condition",
            CONDITION,
            "That makes it depend on something. In NVR, kindness is given freely, and "
            f"nothing you do is a reward or a deal. {_OWN_WAY}",
        ),
        Rule(
            "shaming",
            SHAMING,
            "That could feel shaming or insulting, and it tends to start a new battle. "
            f"Describe what happened, not what kind of person they are. {_OWN_WAY}",
        ),
        Rule(
            "restraint",
            RESTRAINT,
            "That sounds like holding or blocking them. In NVR no one is held, locked in or "
            "kept from leaving, and the way out stays open. Say what you will do instead. "
            f"{_OWN_WAY}",
        ),
        Rule(
            "revenge",
            REVENGE,
            "That sounds like paying them back. Getting even tends to start the next round. "
            f"Say calmly what you will do about the behaviour. {_OWN_WAY}",
        ),
        Rule(
            "secrecy",
            SECRECY,
            "That sounds like keeping it hidden. In NVR, openness protects everyone: tell the "
            f"people who can help, never someone who has hurt you. {_OWN_WAY}",
        ),
        Rule(
            "gives_in",
            GIVES_IN,
            "That may give in to a demand you are resisting, which can feel like a reward for "
            f"the pressure. Choose something you offer freely instead. {_OWN_WAY}",
        ),
        Rule(
            "backhanded",
            BACKHANDED,
            'Kind words land best on their own. Words like "but", "for once" or "keep it up" '
            "can turn appreciation into criticism or pressure. Try it without them, or submit "
            "again to keep it.",
        ),
        Rule(
            "label",
            LABEL,
            "That sounds more like a mood or a label than something you can see or hear. What "
            'actually happens, and when? For example, "swears at me when I ask them to log '
            f'off" rather than "being rude". {_KEEP}',
        ),
        Rule(
            "concern_basket",
            CONCERN,
            f'{_WORRY}, not a basket. If it is one, choose "Not a basket" as its place. {_KEEP}',
        ),
        Rule(
            "concern_topic",
            CONCERN,
            f"{_WORRY}, and are never the topic of a letter, a sit-in, a 'rules' plan or amends. "
            "Please choose another behaviour, or submit again if it is not one.",
        ),
        Rule(
            "concern_message",
            CONCERN,
            f"{_WORRY}, and are never the subject of a supporter's message, which would share "
            "them. Please write about another incident, or submit again if it is not one.",
        ),
        Rule(
            "weapon_sit_in",
            WEAPON,
            "A weapon, or a threat with one, is never the topic of a sit-in. It needs a safety "
            "plan and the police first. Please choose another behaviour, or submit again if no "
            "weapon is involved.",
        ),
        Rule(
            "weapon_letter",
            WEAPON,
            "Violence with a weapon needs a safety plan and the police first. Name it in the "
            f"letter only once a professional is helping you with it. {_KEEP}",
        ),
        Rule(
            "weapon_basket",
            WEAPON,
            "Violence with a weapon needs a safety plan and the police first, before any plan "
            f"to stand up to it. The question after the list asks about it. {_KEEP}",
        ),
    )
}

# Names a field may use for several rules at once, tried in this order.
GROUPS: dict[str, tuple[str, ...]] = {
    "says": (
        "threat",
        "ultimatum",
        "punishment",
        "condition",
        "shaming",
        "restraint",
        "revenge",
        "secrecy",
    ),
}

# Jinja tests for templates: ``{% if text is concern_like %}``.
TESTS = {
    "concern_like": CONCERN,
    "weapon_like": WEAPON,
    "label_like": LABEL,
}


def known(name: str) -> bool:
    return name in RULES or name in GROUPS


def rules(names: list[str]) -> list[Rule]:
    """The rules these names stand for, groups expanded, each once, in order."""
    found: list[Rule] = []
    for name in names:
        for rule_name in GROUPS.get(name, (name,)):
            rule = RULES[rule_name]
            if rule not in found:
                found.append(rule)
    return found


def advice_for(names: list[str], text: str) -> str | None:
    """The first piece of advice these rules give on this text, if any."""
    for rule in rules(names):
        if rule.matches(text):
            return rule.message
    return None


def looks_like(kind: str, text: object) -> bool:
    """Whether ``text`` has the words of a kind of concern (see ``TESTS``)."""
    plain = str(text or "").replace("\u2019", "'")
    return any(pattern.search(plain) for pattern in TESTS[kind])
