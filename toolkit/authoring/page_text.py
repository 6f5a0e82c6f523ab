"""The visible text of a fetched HTML page, read in a child process held to a deadline.

Passages are looked for in all the text a reader sees (recall first: a passage missed would be
reported gone while the page still prints it), not in a heuristic "main text": the main-text
extractor this replaced spent time growing faster than the page on some shapes (a paragraph of
32,000 links, half a megabyte, took over six minutes). The page is parsed by libxml2 through lxml,
linear on every shape measured but one: an element with tens of thousands of attributes, which
libxml2 checks for duplicates pairwise. So that no page, whatever flaw of the parser it finds,
can stall or crash the scheduled run, parsing happens in a separate process with an address-space
limit, killed at the deadline; the run reports that source and goes on.

    python -m toolkit.authoring.page_text [CHARSET] < page.html > text.txt
"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
from dataclasses import dataclass

CHILD_MEMORY = 1 << 30
"""Address space the child may map: lxml's tree of a page at the size limit needs a fraction."""
SKIPPED = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object")
"""Elements whose content a reader never sees as text."""
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hgroup",
        "hr",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
"""Elements that break a line: text either side is never one word; inline elements
(``<b>``, ``<a>``, ``<span>``) join their text to the words around them as a browser does."""
WEB_CODECS = frozenset(
    codecs.lookup(label).name
    for label in (
        "utf-8",
        "utf-16-le",
        "utf-16-be",
        "utf-16",
        "ascii",
        "latin-1",
        "iso-8859-2",
        "iso-8859-3",
        "iso-8859-4",
        "iso-8859-5",
        "iso-8859-6",
        "iso-8859-7",
        "iso-8859-8",
        "iso-8859-10",
        "iso-8859-13",
        "iso-8859-14",
        "iso-8859-15",
        "iso-8859-16",
        "windows-1250",
        "windows-1251",
        "windows-1252",
        "windows-1253",
        "windows-1254",
        "windows-1255",
        "windows-1256",
        "windows-1257",
        "windows-1258",
        "cp874",
        "koi8-r",
        "koi8-u",
        "mac-cyrillic",
        "cp866",
        "gbk",
        "gb18030",
        "big5",
        "big5hkscs",
        "euc-jp",
        "iso-2022-jp",
        "shift_jis",
        "euc-kr",
    )
)
"""The encodings of the WHATWG Encoding Standard that Python has."""
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)
"""A ``<meta charset>`` in the page's first kilobyte, where the HTML standard says to look;
each repetition is bounded, so the search is linear in that kilobyte."""


class PageTextError(Exception):
    """The page could not be read to its end (nested past libxml2's limit): its text would be
    incomplete, and a passage after the point it stopped reported missing when it is not."""


_BYTE_ORDER_MARKS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class PageText:
    """The page's text, or None with the reason it could not be read."""

    text: str | None
    detail: str = ""


def extract(body: bytes, charset: str | None, seconds: float) -> PageText:
    """The visible text of ``body``, read in a child process killed after ``seconds``. The
    child is isolated (``-I``): no module from the working folder, no ``PYTHON*`` setting."""
    command = [sys.executable, "-I", "-m", "toolkit.authoring.page_text", charset or ""]
    try:
        done = subprocess.run(
            command, input=body, capture_output=True, timeout=seconds, check=False
        )
    except subprocess.TimeoutExpired:
        return PageText(None, f"its text could not be read within {seconds:g} s")
    if done.returncode != 0:
        return PageText(None, "its text could not be read whole (the HTML parser stopped)")
    return PageText(done.stdout.decode("utf-8"))


def decode(body: bytes, charset: str | None) -> str:
    """The page as text, as the HTML standard has browsers decode it: a byte-order mark first,
    else the charset the server declared, else the one the page declares (bytes invalid in it
    become U+FFFD, and the rest of the page stays readable); with none of those, UTF-8 when the
    page is valid UTF-8, else Windows-1252."""
    for mark, marked in _BYTE_ORDER_MARKS:
        if body.startswith(mark):
            return body[len(mark) :].decode(marked, errors="replace")
    declared = _META_CHARSET.search(body[:1024])
    for label in (charset, declared.group(1).decode("ascii") if declared else None):
        codec = _web_codec(label) if label else None
        if codec:
            return body.decode(codec, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("windows-1252", errors="replace")


def _web_codec(label: str) -> str | None:
    """Python's codec for an encoding label, only among the encodings web pages use: a page
    may not pick any codec Python has (``punycode`` decodes in quadratic time)."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return name if name in WEB_CODECS else None


def visible_text(body: bytes, charset: str | None = None) -> str:
    """The text a reader sees on the page, one line per block element, in document order."""
    from lxml import etree

    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=True,  # nesting to 2,048 levels, not 256: old pages leave tags unclosed
    )
    root = etree.fromstring(decode(body, charset).encode("utf-8"), parser)
    if any(error.level_name == "FATAL" for error in parser.error_log):
        raise PageTextError("the parser stopped before the end of the page")
    if root is None:
        return ""
    etree.strip_elements(root, *SKIPPED, with_tail=False)
    pieces: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = element.tag in BLOCKS
        if event == "start":
            pieces += ["\n"] * block + [element.text or ""]
        else:
            pieces += ["\n"] * block + [element.tail or ""]
    return "".join(pieces)


def _child() -> None:
    """Read a page on standard input, write its text on standard output."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    charset = sys.argv[1] if len(sys.argv) > 1 else ""
    text = visible_text(sys.stdin.buffer.read(), charset or None)
    sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))


if __name__ == "__main__":
    _child()
