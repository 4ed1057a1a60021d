"""Text as people typed it, made safe to keep, print and export.

Kept apart from the field checks so the store and the exporters can clean a name or a title
without loading the flow models.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Half of a UTF-16 pair on its own (e.g. "\\ud800" in a JSON file) cannot be stored or printed.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")


def clean_text(text: str) -> str:
    """Drop terminal escape sequences and control characters (newline and tab stay).

    The bidirectional embedding, override and isolate controls go too: they can make text
    show in another order than it was typed, so a phone number could read reversed. The plain
    direction marks that right-to-left writing needs (LRM, RLM, ALM) stay."""
    text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text)
    text = _BIDI_CONTROL.sub("", text)
    text = _LONE_SURROGATE.sub("", text)
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n")
