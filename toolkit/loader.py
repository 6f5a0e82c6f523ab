"""Read one record file into plain values, remembering where every value was written.

libyaml (PyYAML's C parser) builds the node tree; this module turns nodes into dicts, lists and
strings itself, so it decides what each scalar means. Only ``null``/``~``/empty and
``true``/``false`` get a type: everything else stays the string the contributor wrote, so
``NO``, ``012``, ``12:30`` and ``2026-02-07`` reach the models unchanged. Tags, anchors and
aliases, duplicate keys and non-UTF-8 bytes are refused. Failures are returned as problems,
never raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.problems import FieldPath, Problem

MAX_FILE_BYTES = 1_000_000
"""Records are a few kilobytes; anything this large is a mistake or an attack."""
MAX_DEPTH = 32
"""The deepest record nests about five levels; this leaves room without allowing abuse."""
MAX_NODES = 100_000
"""A bound on values per file, so no file can make validation slow."""

_STR = "tag:yaml.org,2002:str"
_NULL = "toolkit:null"
_BOOL = "toolkit:bool"
_ALLOWED_EXPLICIT_TAGS = {_STR, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PLAIN_SCALARS: dict[str, str] = {
    "": _NULL,
    "~": _NULL,
    "null": _NULL,
    "Null": _NULL,
    "NULL": _NULL,
    "true": _BOOL,
    "True": _BOOL,
    "TRUE": _BOOL,
    "false": _BOOL,
    "False": _BOOL,
    "FALSE": _BOOL,
}
_DEFAULT_TAGS = {
    ScalarNode: _STR,
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}

Position = tuple[int, int]
"""A 1-based (line, column) in the file."""


@dataclass
class LoadedFile:
    """A parsed file: its value, where each value and key sits, and any problems found."""

    path: Path
    data: Any = None
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: FieldPath, *, key: bool = False) -> Position | None:
        """Where the value at ``path`` (or its key) was written, or its nearest parent."""
        if key and path in self.keys:
            return self.keys[path]
        for depth in range(len(path), -1, -1):
            found = self.values.get(path[:depth])
            if found is not None:
                return found
        return None


class _NodeParser(CParser):
    """libyaml's parser and composer, with a resolver that types almost nothing."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            return _PLAIN_SCALARS.get(value, _STR)
        return _DEFAULT_TAGS[kind]


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read and parse one YAML record file; problems are collected, never raised."""
    loaded = LoadedFile(path)
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            loaded.problems.append(
                Problem.at(
                    name,
                    "E-FILE-SIZE",
                    f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                    hint="a record is a few kilobytes: split it or remove what does not belong",
                )
            )
            return loaded
        raw = path.read_bytes()
    except OSError as error:
        loaded.problems.append(
            Problem.at(name, "E-FILE-READ", f"cannot read file: {error.strerror}")
        )
        return loaded
    text = _decode(raw, name, loaded.problems)
    if text is not None:
        _parse(text, name, loaded)
    return loaded


def _decode(raw: bytes, name: str, problems: list[Problem]) -> str | None:
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            Problem.at(
                name,
                "E-FILE-ENCODING",
                "file starts with a byte-order mark",
                line=1,
                column=1,
                hint="save the file as UTF-8 without a byte-order mark (BOM)",
            )
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(
            Problem.at(
                name,
                "E-FILE-ENCODING",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                line=line,
                column=column,
                hint="save the file as UTF-8",
            )
        )
        return None


def _parse(text: str, name: str, loaded: LoadedFile) -> None:
    parser = _NodeParser(text)
    try:
        node = parser.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        message = _yaml_message(error)
        code = "E-YAML-MULTIDOC" if "single document" in message else "E-YAML"
        hint = (
            "put one record in each file; remove the `---` line and what follows"
            if code == "E-YAML-MULTIDOC"
            else _syntax_hint(message, _character_at(text, line, column))
        )
        loaded.problems.append(Problem.at(name, code, message, line=line, column=column, hint=hint))
        return
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        loaded.problems.append(
            Problem.at(
                name,
                "E-YAML",
                f"character U+{error.character:04X} is not allowed in YAML",
                line=line,
                column=column,
                hint="remove control characters from the text",
            )
        )
        return
    except yaml.YAMLError as error:
        loaded.problems.append(Problem.at(name, "E-YAML", str(error)))
        return
    finally:
        parser.dispose()
    if node is None:
        loaded.problems.append(
            Problem.at(
                name, "E-FILE-EMPTY", "file holds no record", hint="start the record with `id:`"
            )
        )
        return
    try:
        loaded.data = _Builder(name, loaded).build(node, (), 0)
    except _LimitExceededError:
        loaded.data = None


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    return ": ".join(parts) if parts else "invalid YAML"


def _character_at(text: str, line: int | None, column: int | None) -> str:
    if line is None or column is None:
        return ""
    lines = text.split("\n")
    if line > len(lines) or column > len(lines[line - 1]):
        return ""
    return lines[line - 1][column - 1]


def _syntax_hint(message: str, character: str) -> str | None:
    if character == "\t" or "'\\t'" in message:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "quote text that contains ': ' (a colon followed by a space)"
    return None


class _Builder:
    """Turns a node tree into plain values while recording each value's position."""

    def __init__(self, name: str, loaded: LoadedFile) -> None:
        self.name = name
        self.loaded = loaded
        self.seen: set[int] = set()
        self.count = 0
        self.aliased = False

    def problem(self, code: str, message: str, node: Node, path: FieldPath, hint: str) -> None:
        mark = node.start_mark
        self.loaded.problems.append(
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

    def build(self, node: Node, path: FieldPath, depth: int) -> Any:
        if id(node) in self.seen:
            self.alias(path)
            return None
        self.loaded.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.count += 1
        self.seen.add(id(node))
        if depth > MAX_DEPTH or self.count > MAX_NODES:
            limit = f"nesting deeper than {MAX_DEPTH}" if depth > MAX_DEPTH else "too many values"
            self.problem(
                "E-YAML-LIMIT",
                f"{limit} in one record",
                node,
                path,
                "records are shallow: check the indentation",
            )
            raise _LimitExceededError
        if node.tag not in _ALLOWED_EXPLICIT_TAGS and node.tag not in (_NULL, _BOOL):
            self.problem(
                "E-YAML-TAG",
                f"tag '{node.tag}' is not allowed",
                node,
                path,
                "remove the `!` tag; quote the value if it must stay text",
            )
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        assert isinstance(node, MappingNode)
        return self.mapping(node, path, depth)

    def alias(self, path: FieldPath) -> None:
        if self.aliased:
            return  # one report per file is enough, however many aliases a bomb holds
        self.aliased = True
        line, column = self.loaded.position(path, key=True) or (None, None)
        self.loaded.problems.append(
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

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL:
            return node.value.lower() == "true"
        return node.value

    def mapping(self, node: MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None or key_node.tag != _STR:
                self.problem(
                    "E-YAML-KEY",
                    "keys must be plain text",
                    key_node,
                    path,
                    "write the key as a word such as `title`",
                )
                continue
            child = (*path, key)
            if key in result:
                first = self.loaded.keys[child]
                self.problem(
                    "E-YAML-DUPKEY",
                    f"duplicate key '{key}' (first at line {first[0]})",
                    key_node,
                    child,
                    "keep one of the two entries",
                )
                continue
            self.loaded.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result


class _LimitExceededError(Exception):
    """Stops building a file that exceeds a limit."""
