"""What a plain YAML scalar means, and the libyaml parser that asks: only ``null``/``~``/empty
and ``true``/``false`` get a type, a value YAML 1.2 reads as a number is marked to be reported,
and everything else stays the string the contributor wrote."""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.resolver import VersionedResolver
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.reading.node_builder import BOOL_TAG, MAP_TAG, NULL_TAG, NUMBER_TAG, SEQ_TAG, STR_TAG

_PLAIN_SCALARS: dict[str, str] = {
    "": NULL_TAG,
    "~": NULL_TAG,
    "null": NULL_TAG,
    "Null": NULL_TAG,
    "NULL": NULL_TAG,
    "true": BOOL_TAG,
    "True": BOOL_TAG,
    "TRUE": BOOL_TAG,
    "false": BOOL_TAG,
    "False": BOOL_TAG,
    "FALSE": BOOL_TAG,
}
_DEFAULT_TAGS = {ScalarNode: STR_TAG, SequenceNode: SEQ_TAG, MappingNode: MAP_TAG}
_YAML_1_2_RESOLVERS: dict[str | None, list[tuple[Any, re.Pattern[str]]]] = VersionedResolver(
    version=(1, 2)
).versioned_resolver
"""ruamel.yaml's YAML 1.2 implicit types, by first character: how check-jsonschema and YAML 1.2
editors read a plain value, read from its table (not asked through its ``resolve``, which
extends the table's lists as it goes), so the toolkit agrees with them on which are numbers."""
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
NUMBER_STARTS = frozenset(
    start
    for start, resolvers in _YAML_1_2_RESOLVERS.items()
    if start and any(str(implicit) in _NUMBER_TAGS for implicit, _ in resolvers)
)
"""The first characters a YAML 1.2 number can have: text starting otherwise is never one."""


def plain_tag(value: str) -> str:
    """The tag of an unquoted scalar: null, a boolean, a number (to report) or text. Keys and
    short values repeat across files, so each is resolved once per process."""
    tag = _KNOWN_TAGS.get(value)
    if tag is not None:
        return tag
    tag = STR_TAG
    for implicit, pattern in _YAML_1_2_RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            tag = NUMBER_TAG if str(implicit) in _NUMBER_TAGS else STR_TAG
            break
    if len(value) <= _REMEMBERED_LENGTH and len(_KNOWN_TAGS) < _REMEMBERED:
        _KNOWN_TAGS[value] = tag
    return tag


_KNOWN_TAGS: dict[str, str] = dict(_PLAIN_SCALARS)
"""Plain scalars already resolved: the null and boolean spellings, then keys and short values
as they are met."""
_REMEMBERED_LENGTH = 40
_REMEMBERED = 50_000
"""At most this many remembered, so a file of distinct values cannot grow the table without
bound."""


class NodeParser(CParser):
    """libyaml's parser and composer, with a resolver that types almost nothing."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            return plain_tag(value)
        return _DEFAULT_TAGS[kind]
