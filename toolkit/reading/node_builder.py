"""Turn libyaml's node tree into plain values: dicts, lists, text, booleans and None.

Two builders share one meaning of YAML. The plain builder is the fast path every file takes: it
records nothing and stops at the first unusual node. The located builder records the line and
column of every key and value and reports each problem; it runs only for files that need it
(a problem to report or to locate), so valid files never pay for positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.foundation.characters import FORBIDDEN, describe, scrub
from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.problems import FieldPath, Problem

MAX_DEPTH = 32
"""The deepest record nests about five levels; this leaves room without allowing abuse."""
MAX_NODES = 100_000
"""A bound on values per file, so no file can make validation slow."""

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "toolkit:null"
BOOL_TAG = "toolkit:bool"
NUMBER_TAG = "toolkit:number"
"""A plain scalar YAML 1.2 reads as a number: text to the toolkit, but not to JSON Schema tools
and editors, so it is reported (and read as its text, so the other checks still run)."""
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_ALLOWED_TAGS = {STR_TAG, SEQ_TAG, MAP_TAG, NULL_TAG, BOOL_TAG, NUMBER_TAG}

Position = tuple[int, int]
"""A 1-based (line, column) in the file; columns count characters."""


class NeedsLocatingError(Exception):
    """The plain builder met something to report; the located builder must take over."""


def build_plain(node: Node, *, check_text: bool = True) -> Any:
    """Values of a well-formed node tree, or NeedsLocatingError at the first unusual node.

    ``check_text=False`` skips looking for forbidden characters, for a file whose text was
    already found free of them and of escape sequences that could produce them.
    """
    seen: set[int] = set()
    forbidden = FORBIDDEN.search if check_text else None

    def build(node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH or id(node) in seen or len(seen) >= MAX_NODES:
            raise NeedsLocatingError
        seen.add(id(node))
        tag = node.tag
        if tag == STR_TAG and type(node) is ScalarNode:
            if forbidden is not None and forbidden(node.value):
                raise NeedsLocatingError
            return node.value
        if tag == MAP_TAG and type(node) is MappingNode:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value
                if key_node.tag != STR_TAG or type(key_node) is not ScalarNode or key in result:
                    raise NeedsLocatingError
                if forbidden is not None and forbidden(key):
                    raise NeedsLocatingError
                result[key] = build(value_node, depth + 1)
            return result
        if tag == SEQ_TAG and type(node) is SequenceNode:
            return [build(item, depth + 1) for item in node.value]
        if tag == NULL_TAG:
            return None
        if tag == BOOL_TAG:
            return node.value.lower() == "true"
        raise NeedsLocatingError

    return build(node, 0)


@dataclass
class Positions:
    """Where each value (by field path) and each key (by the path of its value) was written."""

    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)

    def find(self, path: FieldPath, *, key: bool = False) -> Position | None:
        """Where the value at ``path`` (or its key) was written, or its nearest parent."""
        if key and path in self.keys:
            return self.keys[path]
        for depth in range(len(path), -1, -1):
            found = self.values.get(path[:depth])
            if found is not None:
                return found
        return None


class LimitExceededError(Exception):
    """Stops building a file that exceeds a limit."""


class LocatedBuilder:
    """Builds values while recording every position, reporting each problem it meets."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = problems
        self.positions = Positions()
        self.seen: set[int] = set()
        self.aliased = False

    def build(self, node: Node) -> Any:
        """The values of the tree (None where a value was refused), or None past a limit."""
        try:
            return self._build(node, (), 0)
        except LimitExceededError:
            return None

    def _problem(
        self, code: ProblemCode, message: str, node: Node, path: FieldPath, hint: str
    ) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem.at(
                self.name,
                code,
                message,
                line=mark.line + 1,
                column=mark.column + 1,
                path=path,
                hint=hint,
            )
        )

    def _build(self, node: Node, path: FieldPath, depth: int) -> Any:
        if id(node) in self.seen:
            self._alias(path)
            return None
        self.positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.seen.add(id(node))
        if depth > MAX_DEPTH or len(self.seen) > MAX_NODES:
            limit = f"nesting deeper than {MAX_DEPTH}" if depth > MAX_DEPTH else "too many values"
            self._problem(
                "E-YAML-LIMIT",
                f"{limit} in one record",
                node,
                path,
                "records are shallow: check the indentation",
            )
            raise LimitExceededError
        if node.tag not in _ALLOWED_TAGS:
            self._problem(
                "E-YAML-TAG",
                f"tag '{node.tag}' is not allowed",
                node,
                path,
                "remove the `!` tag; quote the value if it must stay text",
            )
            return None
        if isinstance(node, ScalarNode):
            if node.tag == NULL_TAG:
                return None
            if node.tag == BOOL_TAG:
                return node.value.lower() == "true"
            if node.tag == NUMBER_TAG:
                self._problem(
                    "E-YAML-NUMBER",
                    f"{node.value} is a number in YAML 1.2, as JSON Schema tools and editors "
                    "read it; this field wants text",
                    node,
                    path,
                    f'quote it: "{node.value}" (toolkit fmt does this)',
                )
            return self._text(node, path)
        if isinstance(node, SequenceNode):
            return [
                self._build(item, (*path, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, MappingNode)
        return self._mapping(node, path, depth)

    def _text(self, node: ScalarNode, path: FieldPath) -> str:
        """The scalar's text; a forbidden character is reported and replaced, so the other
        passes still check the rest of the file."""
        value: str = node.value
        found = FORBIDDEN.search(value)
        if found is None:
            return value
        self._problem(
            "E-TEXT-CHAR",
            f"character {describe(found.group())} is not allowed in record text",
            node,
            path,
            "delete it: use a line break (in multi-line text) or a space, and plain text "
            "without control characters or direction overrides",
        )
        return scrub(value)

    def _alias(self, path: FieldPath) -> None:
        if self.aliased:
            return  # one report per file is enough, however many aliases a bomb holds
        self.aliased = True
        line, column = self.positions.find(path, key=True) or (None, None)
        self.problems.append(
            Problem.at(
                self.name,
                "E-YAML-ALIAS",
                "anchors and aliases (&name, *name) are not allowed",
                line=line,
                column=column,
                path=path,
                hint="write the value out in full",
            )
        )

    def _mapping(self, node: MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != STR_TAG:
                self._problem(
                    "E-YAML-KEY",
                    "keys must be plain text",
                    key_node,
                    path,
                    "write the key as a word such as `title`",
                )
                continue
            key = self._text(key_node, (*path, key_node.value))
            child = (*path, key)
            if key in result:
                first = self.positions.keys[child]
                self._problem(
                    "E-YAML-DUPKEY",
                    f"duplicate key '{key}' (first at line {first[0]})",
                    key_node,
                    child,
                    "keep one of the two entries",
                )
                continue
            mark = key_node.start_mark
            self.positions.keys[child] = (mark.line + 1, mark.column + 1)
            result[key] = self._build(value_node, child, depth + 1)
        return result
