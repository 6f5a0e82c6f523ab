"""Record text made inert where it enters an output with a syntax of its own.

Each output is a language: a terminal obeys escape sequences, Markdown turns punctuation into
links, images and HTML, a spreadsheet runs a cell that starts with ``=``. Text from records
(and from file names, which contributors choose too) passes through the function for the
language it enters, at the point where it enters it. HTML has its own in ``site/markup.py``;
XML and iCalendar text go through ``characters.scrub``/``one_line`` before their serialisers.
"""

from __future__ import annotations

import re

from toolkit.foundation.characters import FORBIDDEN, one_line, scrub

_TERMINAL_UNSAFE = re.compile(f"{FORBIDDEN.pattern}|[\n\x85]")


def terminal(value: str) -> str:
    """Text for one line of a terminal or log: every control character, line break, direction
    override and the like shown as a visible escape (``\\x1b``, ``\\u2028``), never obeyed."""
    return _TERMINAL_UNSAFE.sub(_visible, value)


def _visible(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_MARKDOWN_SPECIALS = re.compile(r"([!#$&()*.:<>@\[\\\]_`{|}~])")
"""ASCII punctuation that can open a link, image, HTML tag, entity, emphasis, code span, table
cell, autolink, mention or list anywhere in a line; CommonMark lets a backslash escape each."""
_LINE_START_SPECIALS = ("-", "+", "=")
"""Punctuation that means something only at the start of a line (a list, a setext heading)."""


def markdown_text(value: str) -> str:
    """Text for a Markdown line (a heading, a list item, a paragraph), shown exactly as written:
    on one line (stripped, so leading spaces cannot make a code block), with every character
    that could start Markdown or HTML backslash-escaped."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", one_line(value).strip())
    return f"\\{escaped}" if escaped.startswith(_LINE_START_SPECIALS) else escaped


def markdown_code(value: str) -> str:
    """Text as an inline code span that no backtick, line break or markup inside can end."""
    shown = one_line(value)
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or shown.startswith(" ") or shown.endswith(" ") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
"""What a cell may not start with (OWASP's CSV injection guidance), plus the apostrophe itself,
so the protection can be undone without ambiguity."""


def csv_cell(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula: a cell that starts with
    a trigger gets one leading apostrophe (remove one leading ``'`` to get the value back)."""
    return f"'{value}" if value.startswith(SPREADSHEET_TRIGGERS) else value


_ICS_SPECIALS = re.compile(r"([\\;,])")


def ics_text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545, 3.3.11) written out in full: backslash, semicolon and
    comma escaped, line feeds as ``\\n``. A literal ``\\N`` in the text stays two characters."""
    return _ICS_SPECIALS.sub(r"\\\1", scrub(value)).replace("\n", "\\n")
