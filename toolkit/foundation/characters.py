"""Which characters record text may hold: those every output can carry as plain text.

Record text ends up in HTML, Markdown, YAML front matter, XML, iCalendar, CSV, JSON and
terminals. Some characters have a meaning of their own in one of them, or are forbidden by it:
control characters (a terminal obeys ``ESC``; XML forbids most of C0; Python-Markdown uses
``STX``/``ETX`` internally), line and paragraph separators (JavaScript, YAML 1.1 and some
readers break lines there), bidirectional controls (they make text read differently from what
it is), surrogates and noncharacters. The loader refuses them all; ``scrub`` replaces them at
every output's boundary anyway, so no output depends on validation alone.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Unicode's ``Bidi_Control`` property (PropList.txt), whole: the Arabic letter mark, the
left-to-right and right-to-left marks, the embeddings, overrides and isolates. Each changes the
order in which text is displayed without being seen. ``tests/test_characters.py`` checks this
against the property in the Unicode data of the ``regex`` module, so a member Unicode adds
fails the tests instead of slipping through."""

_NONCHARACTERS = "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 (all but the line feed), DEL and C1 controls
    "\u2028\u2029"  # line and paragraph separators
    + BIDI_CONTROLS  # marks, embeddings, overrides and isolates that reorder what is shown
    + "\ud800-\udfff"  # surrogates: never text on their own
    "\ufdd0-\ufdef\ufffe\uffff" + _NONCHARACTERS + "]"
)
"""Characters no record text may hold. The line feed is the one control allowed: it separates
paragraphs in multi-line text."""


def _class_members(pattern: str) -> frozenset[str]:
    """The characters a ``[...]`` class of literal characters and ranges matches."""
    body, at = pattern[1:-1], 0
    members: set[str] = set()
    while at < len(body):
        if at + 2 < len(body) and body[at + 1] == "-":
            members.update(map(chr, range(ord(body[at]), ord(body[at + 2]) + 1)))
            at += 3
        else:
            members.add(body[at])
            at += 1
    return frozenset(members)


FORBIDDEN_CHARACTERS = _class_members(FORBIDDEN.pattern)
"""The same characters as a set: asking whether a text holds any of them goes over its
characters a few times faster than the regular expression's search."""
_NOT_ASCII_CONTROL = bytes(range(0x20, 0x7F)) + b"\n" + bytes(range(0x80, 0x100))
"""Every byte but the ASCII controls the records forbid (all but the line feed, and DEL)."""


def holds_forbidden(raw: bytes, text: str) -> bool:
    """Whether a file's text (``raw`` its UTF-8 bytes) holds a forbidden character. An ASCII
    file's bytes are checked in one pass of ``bytes.translate``."""
    if raw.translate(None, _NOT_ASCII_CONTROL):
        return True  # an ASCII control character
    return not raw.isascii() and not FORBIDDEN_CHARACTERS.isdisjoint(text)


LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Every character some reader takes as the end of a line (what ``str.splitlines`` splits on)."""

REPLACEMENT = "\ufffd"


def find_forbidden(value: str) -> str | None:
    """The first character of ``value`` that no output can carry safely, or None."""
    found = FORBIDDEN.search(value)
    return found.group() if found else None


def describe(character: str) -> str:
    """A character as contributors can look it up: ``U+2028 (LINE SEPARATOR)``."""
    name = unicodedata.name(character, "")
    if not name and unicodedata.category(character) == "Cc":
        name = "control character"
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def scrub(value: str) -> str:
    """``value`` with every forbidden character replaced by U+FFFD, for outputs that must never
    carry one even if validation was bypassed."""
    return FORBIDDEN.sub(REPLACEMENT, value)


def one_line(value: str) -> str:
    """``value`` scrubbed and on one line: every line break becomes a space."""
    return scrub(LINE_BREAKS.sub(" ", value))
