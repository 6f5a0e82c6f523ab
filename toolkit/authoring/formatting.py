"""`toolkit fmt`: rewrite records into one canonical layout, keeping their comments.

Keys follow the model's field order, indentation is two spaces (list dashes indented under
their key), short lists of plain values sit on one line (`[IN, CA]`), and strings carry quotes
only where YAML needs them. ruamel.yaml's round-trip mode keeps comments and folded text. A
rewrite is refused if it would change any value the loader reads, so formatting never alters
data.

Files are found and read exactly as ``toolkit validate`` finds and reads them (no links, no
special files, never past the size limit), and the loader checks each one before ruamel.yaml
sees it: ruamel would expand an alias bomb or build tagged objects, the loader refuses both.
A rewrite replaces the file atomically, never writing through a link.
"""

from __future__ import annotations

import difflib
import io
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import PlainScalarString

from toolkit.checking.report import Report
from toolkit.checking.reporters import render_text
from toolkit.foundation.escaping import terminal
from toolkit.foundation.problems import Problem, count
from toolkit.foundation.staging import replace_file
from toolkit.models import COLLECTIONS
from toolkit.reading.discovery import RecordFile, discover, read_file, select
from toolkit.reading.loader import parse_bytes
from toolkit.reading.schema_export import collection_schema, resolve_ref, schema_file_name

LINE_WIDTH = 100
"""Lists of plain values go on one line when it fits in this many columns."""


class FormatError(Exception):
    """The text cannot be formatted safely; the message says why."""


@dataclass(frozen=True)
class Formatted:
    """The outcome for one file: whether it changed, or why it could not be formatted."""

    name: str
    changed: bool = False
    problem: Problem | None = None
    diff: str = ""
    """A unified diff of the change, when one was asked for."""
    unwritable: bool = False
    """The file could not be written (a read-only folder or disk): the environment's fault,
    not the data's."""


@dataclass(frozen=True)
class FormatRun:
    """What one `toolkit fmt` run did: the files it rewrote (or, checking, would rewrite),
    and the problems with the files it could not."""

    changed: list[str]
    report: Report
    diffs: list[str] = field(default_factory=list)
    """Unified diffs of the changes (with ``diff``), record text escaped for a terminal."""
    unwritable: list[str] = field(default_factory=list)
    """Files that needed formatting but could not be written."""

    def lines(self, *, check: bool) -> tuple[list[str], str]:
        """What the command prints: a line per file (then the diffs and problems), and the
        one-line summary for standard error."""
        verb = "would reformat" if check else "reformatted"
        out = [f"{verb} {terminal(name)}" for name in self.changed] + self.diffs
        if self.report.problems:
            out.append(render_text(self.report).rstrip("\n"))
        return out, f"{count(len(self.changed), 'file')} {verb}"

    @property
    def failed(self) -> bool:
        """Whether any file could not be formatted."""
        return bool(self.report.problems)


class _Constructor(RoundTripConstructor):
    """Round-trip construction that keeps an impossible date (2023-02-30) as text, so the
    formatter can still lay out a file that `toolkit validate` will report on."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return PlainScalarString(node.value)

    def construct_as_text(self, node: Any) -> Any:
        """A plain value YAML 1.2 reads as a number (``2026``, ``012``) kept as the text it
        is written as: no field holds a number, and the dump quotes it (``"2026"``), so every
        YAML 1.2 tool reads it as the text the toolkit reads."""
        return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_as_text)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_as_text)


def round_trip_yaml() -> YAML:
    """ruamel.yaml in round-trip mode with the project's indentation: comments, folded text
    and key order survive a load and dump."""
    yaml = YAML()  # round-trip mode: comments, folded text and key order survive
    yaml.Constructor = _Constructor
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a long line; folded text keeps its own line breaks
    return yaml


MODELINE = "# yaml-language-server: $schema="
"""The comment by which the YAML language server (VS Code, Neovim, Helix, Zed...) finds a file's
schema, so an editor flags `country: XX` as it is typed. Chosen over an editor's settings file
because it travels with the file and works in every editor that runs the server."""


def modeline(schema_name: str) -> str:
    """The schema line for a record of ``schema_name``: records sit in ``data/<collection>/``,
    ``dataset.yaml`` and ``changelog.yaml`` in ``data/``; the schemas in ``schema/``."""
    up = "../../" if schema_name in COLLECTIONS else "../"
    return f"{MODELINE}{up}schema/{schema_file_name(schema_name)}"


def with_modeline(text: str, schema_name: str) -> str:
    """The text opening with its schema line: added when missing, corrected when it names
    another schema."""
    first, _, rest = text.partition("\n")
    if first.startswith(MODELINE):
        text = rest
    return f"{modeline(schema_name)}\n{text}"


def format_text(text: str, schema_name: str) -> str:
    """The canonical form of one record's YAML text, opening with its schema line."""
    yaml = round_trip_yaml()
    try:
        document = yaml.load(text)
    except YAMLError as error:
        raise FormatError(f"not valid YAML: {str(error).splitlines()[0]}") from None
    except (ValueError, TypeError, RecursionError) as error:  # odd scalars the parser rejects
        raise FormatError(f"cannot read the YAML: {error}") from None
    root = collection_schema(schema_name)
    _arrange(document, root, root, 0)
    output = io.StringIO()
    yaml.dump(document, output)
    return with_modeline(output.getvalue(), schema_name)


def _arrange(value: Any, root: dict[str, Any], schema: dict[str, Any], depth: int) -> None:
    """Order keys as the schema declares them and choose list styles, recursively."""
    schema = resolve_ref(root, schema)
    if isinstance(value, CommentedMap):
        properties = schema.get("properties", {})
        order = {name: position for position, name in enumerate(properties)}
        for key in sorted(value, key=lambda k: order.get(k, len(order))):
            value.move_to_end(key)
        for key, child in value.items():
            _arrange(child, root, properties.get(key, {}), depth + 1)
            if isinstance(child, CommentedSeq):
                _choose_list_style(value, key, len(str(key)) + 2 * depth)
    elif isinstance(value, CommentedSeq):
        for item in value:
            _arrange(item, root, schema.get("items", {}), depth + 1)


def _choose_list_style(parent: CommentedMap, key: Any, indent: int) -> None:
    """One line for a short list of plain values, one item per line otherwise. Full-line
    comments that follow the list belong after it, so they move to the parent key."""
    items: CommentedSeq = parent[key]
    plain = bool(items) and all(isinstance(i, str) and i.strip() == i for i in items)
    fits = indent + len(": []") + len(", ".join(map(str, items))) <= LINE_WIDTH
    trailing = _trailing_comment(items)
    if not (plain and fits) or (items.ca.items and trailing is None):
        items.fa.set_block_style()
        return
    if trailing is not None:
        del items.ca.items[len(items) - 1]
        parent.ca.items[key] = [None, None, trailing, None]
    items.fa.set_flow_style()


def _trailing_comment(items: CommentedSeq) -> Any:
    """Whole-line comments after the list's last item (ruamel files them under that item)."""
    last = len(items) - 1
    if set(items.ca.items) != {last}:
        return None
    token = items.ca.items[last][0]
    if token is None or not str(token.value).startswith("\n") or any(items.ca.items[last][1:]):
        return None
    return token


def format_data(
    data_dir: Path, only: Sequence[Path] = (), *, check: bool, diff: bool = False
) -> FormatRun:
    """Format every record and top-level document of ``data_dir`` (with ``only``, those
    files and folders alone) in place; with ``check``, change nothing; with ``diff``, keep a
    unified diff of each change. Raises ``UnknownPathError`` for a path in ``only`` that is not
    in the data folder."""
    found = discover(data_dir)
    chosen = select(found.names(), only) if only else found.names()
    problems = [problem for problem in found.problems if problem.file in chosen]
    changed, diffs = [], []
    files = [*found.records, *found.documents.values()]
    unwritable: list[str] = []
    for file in sorted(files, key=lambda file: file.name):
        if file.name not in chosen:
            continue
        result = format_file(file, check=check, diff=diff)
        if result.problem is not None:
            problems.append(result.problem)
            unwritable += [file.name] if result.unwritable else []
        elif result.changed:
            changed.append(file.name)
            diffs += [result.diff] if result.diff else []
    return FormatRun(changed, Report(problems, files_checked=len(chosen)), diffs, unwritable)


FMT_FIXES = frozenset({"E-YAML-NUMBER"})
"""Loader problems formatting itself mends (it quotes a value YAML 1.2 reads as a number), so
they do not stop it; the loader reads the same text before and after."""


def format_file(file: RecordFile, *, check: bool, diff: bool = False) -> Formatted:
    """Format one discovered file in place (or, with ``check``, only say whether it would
    change); ``file.collection`` names the schema it follows."""
    name = file.name
    content = read_file(file.path, name)
    if isinstance(content, Problem):
        return Formatted(name, problem=_not_formatted(name, content))
    before = parse_bytes(content.raw, name, file.path)
    refused = [p for p in before.problems if p.code not in FMT_FIXES]
    if refused:  # ruamel.yaml must never see what the loader refuses
        return Formatted(name, problem=_not_formatted(name, refused[0]))
    original = content.raw.decode("utf-8")  # the loader has checked it is UTF-8
    try:
        formatted = format_text(original, file.collection)
    except FormatError as error:
        return Formatted(name, problem=Problem.at(name, "E-YAML", str(error)))
    if formatted == original:
        return Formatted(name)
    after = parse_bytes(formatted.encode("utf-8"), name, file.path)
    if after.problems or after.data != before.data:
        return Formatted(
            name,
            problem=Problem.at(
                name,
                "E-FMT",
                "formatting would change a value as the loader reads it",
                hint="quote the values that look like numbers or dates (e.g. '012') and run "
                "fmt again",
            ),
        )
    if not check:
        try:
            replace_file(Path(file.path), formatted, stat.S_IMODE(content.mode))
        except OSError as error:
            problem = Problem.at(name, "E-FMT", f"cannot write the file: {error.strerror}")
            return Formatted(name, problem=problem, unwritable=True)
    return Formatted(
        name, changed=True, diff=unified_diff(name, original, formatted) if diff else ""
    )


def unified_diff(name: str, before: str, after: str) -> str:
    """What formatting changes, as a unified diff with every line escaped for a terminal."""
    lines = difflib.unified_diff(
        before.splitlines(), after.splitlines(), f"{name} (now)", f"{name} (formatted)", lineterm=""
    )
    return "\n".join(terminal(line) for line in lines)


def _not_formatted(name: str, first: Problem) -> Problem:
    """The loader's (or the reader's) first problem, as the reason the file was left alone."""
    return Problem.at(
        name,
        "E-FMT",
        f"not formatted: the file has errors to fix first ({first.code}: {first.message})",
        line=first.line,
        column=first.column,
        hint="run `toolkit validate` and fix what it reports",
    )
