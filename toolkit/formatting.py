"""`toolkit fmt`: rewrite records into one canonical layout, keeping their comments.

Keys follow the model's field order, indentation is two spaces (list dashes indented under
their key), short lists of plain values sit on one line (`[IN, CA]`), and strings carry quotes
only where YAML needs them. ruamel.yaml's round-trip mode keeps comments and folded text. A
rewrite is refused if it would change any value the loader reads, so formatting never alters
data.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import PlainScalarString

from toolkit.loader import load_file
from toolkit.problems import Problem
from toolkit.schema_export import SCHEMA_MODELS, collection_schema, resolve_ref

TOP_LEVEL_FILES = {"dataset.yaml": "dataset", "changelog.yaml": "changelog"}
"""Files at the top of the data folder, and the schema each follows."""

LINE_WIDTH = 100
"""Lists of plain values go on one line when it fits in this many columns."""


class FormatError(Exception):
    """The text cannot be formatted safely; the message says why."""


@dataclass(frozen=True)
class Formatted:
    """The outcome for one file: whether it changed, or why it could not be formatted."""

    path: Path
    changed: bool = False
    problem: Problem | None = None


class _Constructor(RoundTripConstructor):
    """Round-trip construction that keeps an impossible date (2023-02-30) as text, so the
    formatter can still lay out a file that `toolkit validate` will report on."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return PlainScalarString(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode: comments, folded text and key order survive
    yaml.Constructor = _Constructor
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a long line; folded text keeps its own line breaks
    return yaml


def format_text(text: str, schema_name: str) -> str:
    """The canonical form of one record's YAML text."""
    yaml = _yaml()
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
    return output.getvalue()


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


def format_file(path: Path, schema_name: str, name: str, *, check: bool) -> Formatted:
    """Format one file in place (or, with ``check``, only say whether it would change)."""
    try:
        original = path.read_text(encoding="utf-8")
        formatted = format_text(original, schema_name)
    except (OSError, UnicodeDecodeError) as error:
        return Formatted(
            path, problem=Problem.at(name, "E-FILE-READ", f"cannot read file: {error}")
        )
    except FormatError as error:
        return Formatted(path, problem=Problem.at(name, "E-YAML", str(error)))
    if formatted == original:
        return Formatted(path)
    problem = _changes_values(path, formatted, name)
    if problem is not None:
        return Formatted(path, problem=problem)
    if not check:
        path.write_text(formatted, encoding="utf-8")
    return Formatted(path, changed=True)


def _changes_values(path: Path, formatted: str, name: str) -> Problem | None:
    """A problem if the formatted text would read differently from the original."""
    rewritten = path.with_name(f".{path.name}.fmt")
    try:
        rewritten.write_text(formatted, encoding="utf-8")
        before, after = load_file(path, name), load_file(rewritten, name)
    finally:
        rewritten.unlink(missing_ok=True)
    if before.problems:
        first = before.problems[0]
        return Problem.at(
            name,
            "E-FMT",
            f"not formatted: the file has errors to fix first ({first.code}: {first.message})",
            line=first.line,
            column=first.column,
            hint="run `toolkit validate` and fix what it reports",
        )
    if before.data == after.data:
        return None
    return Problem.at(
        name,
        "E-FMT",
        "formatting would change a value as the loader reads it",
        hint="quote the values that look like numbers or dates (e.g. '012') and run fmt again",
    )


def record_files(paths: list[Path]) -> list[Path]:
    """The YAML files named, with folders expanded, in a stable order."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*.yaml") if not p.name.startswith("."))
        else:
            found.add(path)
    return sorted(found)


def schema_for(path: Path) -> str | None:
    """Which schema a file follows: its collection folder, or the top-level document it is."""
    if path.name in TOP_LEVEL_FILES:
        return TOP_LEVEL_FILES[path.name]
    folder = path.parent.name
    return folder if folder in SCHEMA_MODELS and folder not in TOP_LEVEL_FILES.values() else None
