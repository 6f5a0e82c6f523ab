"""Read one record file into plain values, remembering where every value was written.

libyaml (PyYAML's C parser) builds the node tree; this module turns nodes into dicts, lists and
strings itself, so it decides what each scalar means. Only ``null``/``~``/empty and
``true``/``false`` get a type: everything else stays the string the contributor wrote, so
``NO``, ``012``, ``12:30`` and ``2026-02-07`` reach the models unchanged. Tags, anchors and
aliases, duplicate keys and non-UTF-8 bytes are refused. Failures are returned as problems,
never raised.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from toolkit.foundation.characters import holds_forbidden
from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.problems import FieldPath, Problem
from toolkit.reading.discovery import MAX_FILE_BYTES, read_file, too_large
from toolkit.reading.discovery import StrPath as StrPath
from toolkit.reading.node_builder import (
    LocatedBuilder,
    NeedsLocatingError,
    Position,
    Positions,
    build_plain,
)
from toolkit.reading.quick_parse import quick_values
from toolkit.reading.scalars import NodeParser


@dataclass
class LoadedFile:
    """A parsed file: its values, any problems, and where each value sits (found on demand)."""

    path: StrPath
    name: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    _positions: Positions | None = None
    identity: tuple[int, int, str] | None = None
    """(size, modification time in ns, SHA-256) of the bytes read, for the result cache."""
    text: str | None = None
    """The file's text, while it is being checked (the checks let it go with the values)."""

    @property
    def positions(self) -> Positions:
        """Line and column of every key and value; valid files are re-read only if asked."""
        if self._positions is None:
            self._positions = _locate(self.path, self.name)
        return self._positions

    def position(self, path: FieldPath, *, key: bool = False) -> Position | None:
        """Where the value at ``path`` (or its key) was written, or its nearest parent."""
        return self.positions.find(path, key=key)

    def fragment_position(self, path: FieldPath, fragment: str) -> Position | None:
        """Where some words inside the value at ``path`` were written (a quote inside free
        text), found by reading the file again; the value's own position if they cannot be."""
        start = self.position(path)
        content = read_file(self.path, self.name)
        if start is None or isinstance(content, Problem):
            return start
        return find_words(content.raw.decode("utf-8", "replace"), start, fragment) or start


def load_file(path: StrPath, display: str | None = None) -> LoadedFile:
    """Read (the one way discovery reads: no links, no special files, never past the limit)
    and parse one YAML record file; problems are collected, never raised."""
    name = display or os.fspath(path)
    content = read_file(path, name)
    if isinstance(content, Problem):
        return LoadedFile(path, name, problems=[content])
    loaded = parse_bytes(content.raw, name, path)
    loaded.identity = (content.size, content.mtime_ns, hashlib.sha256(content.raw).hexdigest())
    return loaded


def parse_bytes(raw: bytes, name: str, path: StrPath | None = None) -> LoadedFile:
    """Parse a record file's bytes read already (by ``read_file``, or from a git revision),
    with the same limits and typing rules as ``load_file``."""
    loaded = LoadedFile(name if path is None else path, name)
    if len(raw) > MAX_FILE_BYTES:
        loaded.problems.append(too_large(name, len(raw)))
        return loaded
    text = _decode(raw, name, loaded.problems)
    loaded.text = text
    if text is not None and not _lone_carriage_return(raw, name, loaded.problems):
        _parse(raw, text, name, loaded)
    return loaded


_LONE_CR = re.compile(rb"\r(?!\n)")


def _lone_carriage_return(raw: bytes, name: str, problems: list[Problem]) -> bool:
    """Whether the file breaks a line with a carriage return alone. YAML reads it as a line
    break; git and GitHub do not, so the lines a reviewer sees (and every line number reported)
    would differ from what is parsed. Located as git numbers lines."""
    found = _LONE_CR.search(raw) if b"\r" in raw else None
    if found is None:
        return False
    line, column = _byte_position(raw, found.start())
    problems.append(
        Problem.at(
            name,
            "E-FILE-LINE-END",
            "a carriage return (U+000D) not followed by a line feed ends a line here for YAML, "
            "but not for git or GitHub",
            line=line,
            column=column,
            hint="save the file with LF (or CRLF) line endings",
        )
    )
    return True


def load_bytes(raw: bytes, name: str) -> Any:
    """The values in a record file's bytes read from elsewhere (a git revision), or None when
    they would not load as a file."""
    return parse_bytes(raw, name).data


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and character column of a byte offset in UTF-8 text."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


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
        line, column = _byte_position(raw, error.start)
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


def _parse(raw: bytes, text: str, name: str, loaded: LoadedFile) -> None:
    """Parse the checked UTF-8 bytes (libyaml reads them without a second encoding step);
    ``text`` is the same content decoded, for locating problems."""
    # Forbidden characters reach a value only raw or through a double-quoted escape: a file
    # with neither (almost every file) skips looking at each value, and may take the quick path.
    suspect = b"\\" in raw or holds_forbidden(raw, text)
    if not suspect:
        values = quick_values(raw, text)
        if values is not None:
            loaded.data = values
            return
    parser = NodeParser(raw)
    try:
        node = parser.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        message = _yaml_message(error)
        code: ProblemCode = "E-YAML-MULTIDOC" if "single document" in message else "E-YAML"
        hint = (
            "put one record in each file; remove the `---` line and what follows"
            if code == "E-YAML-MULTIDOC"
            else _syntax_hint(message, _character_at(text, line, column))
        )
        loaded.problems.append(Problem.at(name, code, message, line=line, column=column, hint=hint))
        return
    except yaml.reader.ReaderError as error:
        line, column = _byte_position(raw, error.position)  # libyaml counts bytes here
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
        loaded.data = build_plain(node, check_text=suspect)
    except NeedsLocatingError:
        builder = LocatedBuilder(name, loaded.problems)
        loaded.data = builder.build(node)
        loaded._positions = builder.positions


def find_words(text: str, start: Position, fragment: str) -> Position | None:
    """The position of the first few words of ``fragment`` at or after ``start``, whatever
    line breaks and indentation a folded value put between them."""
    words = fragment.split()[:6]
    if not words:
        return None
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: start[0] - 1]) + start[1] - 1
    found = re.compile(r"\s+".join(map(re.escape, words))).search(text, offset)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return line, found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1


def _locate(path: StrPath, name: str) -> Positions:
    """Positions of a file that parsed cleanly before, by reading it again."""
    content = read_file(path, name)
    try:
        text = None if isinstance(content, Problem) else content.raw.decode("utf-8")
        node = None if text is None else NodeParser(text).get_single_node()
    except (UnicodeDecodeError, yaml.YAMLError):
        node = None
    if node is None:
        return Positions()  # changed since it was checked: messages go without a position
    builder = LocatedBuilder(name, [])
    builder.build(node)
    return builder.positions


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
