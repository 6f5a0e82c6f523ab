"""The quick path to a record file's values, taken by every file it can be proved to read alike.

Building values through libyaml's node tree costs as much as PyYAML's own loader: a Python call
per scalar to type it, a node object per value, a walk over the nodes. yaml-rs (a Rust parser)
builds the same values five times faster, but it reads YAML 1.2 on its own terms: it expands
aliases, accepts tags, reads ``012`` as a number, and is more lenient than libyaml in places. So
a file takes the quick path only when nothing in it can tell the two apart:

* its bytes end with a line break (as editors save a file: a block scalar left open at the
  end reads with a line break in yaml-rs, without one in libyaml), and hold no anchor, alias,
  tag, directive or document marker, no U+FEFF (libyaml skips it where a line starts, yaml-rs
  reads it as text), no escape sequence and no character the records forbid
  (tabs, carriage returns and the Unicode line separators among them, where the two parsers'
  line handling differs);
* libyaml's own C parser accepts it (counting its events, building nothing), so any syntax
  error, and libyaml's nesting limit, is reported by the full path exactly as before;
* yaml-rs reads it as one mapping with text keys, no duplicate key, no value nested deeper or
  more numerous than the full path allows, no value that is a number or could be one (a
  quoted ``"012"`` is text to both, but only the full path knows whether it was quoted), and
  none that starts with a line break (an empty block scalar, which the two read differently).

Anything else returns None and the file goes the full way (``toolkit.reading.loader``), which
decides every meaning and reports every problem. A differential test holds the two paths to the
same values.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
import yaml_rs
from yaml._yaml import CParser

from toolkit.reading.node_builder import MAX_DEPTH, MAX_NODES, NUMBER_TAG
from toolkit.reading.scalars import NUMBER_STARTS, plain_tag

_NODE_PROPERTY = re.compile(rb"[&*!](?<=[\s\[{,:][&*!])(?:(?<=!)|\S)")
"""Where an anchor (``&name``), alias (``*name``) or tag (``!``) could begin a node: after a
space, a line break or flow punctuation. ``Q&A`` and ``Q & A`` never match (an anchor or alias
without a name is a syntax error libyaml reports); ``*emphasis*`` does, which only sends that
file the full way. Written to start with the indicators, so the search skips to them."""
_LINE_STARTS = (b"%", b"---", b"...")
"""What begins a directive or a document marker, at the start of a line."""
_AFTER_BREAK = tuple(b"\n" + start for start in _LINE_STARTS)


def _marked(raw: bytes) -> bool:
    """Whether the bytes may hold an anchor, an alias, a tag, a directive or a document
    marker: the YAML that yaml-rs reads otherwise than the full path or not at all."""
    return (
        raw.startswith((*_LINE_STARTS, b"&", b"*", b"!"))
        or any(marker in raw for marker in _AFTER_BREAK)
        or _NODE_PROPERTY.search(raw) is not None
    )


_DUPLICATES_REFUSED = yaml_rs.DuplicateKeyPolicy.Error


def quick_values(raw: bytes, text: str) -> dict[str, Any] | None:
    """The values of a record file whose bytes are ``raw`` (``text`` decoded), or None when the
    file must take the full path. ``text`` must already be free of escapes and of forbidden
    characters (``toolkit.foundation.characters.FORBIDDEN``)."""
    if not raw.endswith(b"\n"):
        return None  # a block scalar ending the file: libyaml keeps no line break, yaml-rs one
    if b"\xef\xbb\xbf" in raw:
        return None  # libyaml skips U+FEFF at the start of a line, yaml-rs reads it as text
    if _marked(raw):
        return None
    parser = CParser(raw)
    try:
        events = parser.raw_parse()
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    if events > 2 * MAX_NODES:
        return None
    try:
        values = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=_DUPLICATES_REFUSED)
    except Exception:  # a mapping as a key raises TypeError: the full path reports it
        return None
    if type(values) is not dict or not _plain(values):
        return None
    return values


def _plain(top: dict[str, Any]) -> bool:
    """Whether every key is text and every value text, true/false, null, a list or a mapping,
    none of it a number or text that reads as one, within the full path's depth and size."""
    pending: list[tuple[Any, int]] = [(top, 0)]
    count = 0
    while pending:
        value, depth = pending.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            return False
        kind = type(value)
        if kind is str:
            if value and value[0] in _UNSURE_STARTS and _unsure(value):
                return False
        elif kind is dict:
            for key, item in value.items():
                if type(key) is not str or (key and key[0] in _UNSURE_STARTS and _unsure(key)):
                    return False
                pending.append((item, depth + 1))
        elif kind is list:
            pending.extend((item, depth + 1) for item in value)
        elif value is not None and kind is not bool:
            return False
    return True


_UNSURE_STARTS = NUMBER_STARTS | {"\n"}


def _unsure(text: str) -> bool:
    """Whether text may read otherwise on the full path: it could be a number, or it starts
    with a line break (an empty block scalar is ``""`` to libyaml, a line break to yaml-rs)."""
    return text[0] == "\n" or plain_tag(text) == NUMBER_TAG
