"""The source records a check reads and writes: which ones a command names, what each cites
(its address and passages), and the findings written back in place, layout and comments kept."""

from __future__ import annotations

import datetime as dt
import io
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from toolkit.authoring.formatting import round_trip_yaml
from toolkit.authoring.source_outcomes import Cited, SourceResult
from toolkit.foundation.problems import Problem
from toolkit.foundation.staging import replace_file
from toolkit.models.sources import Source
from toolkit.reading.discovery import (
    RecordFile,
    UnknownPathError,
    discover,
    display_name,
    read_file,
    select,
)
from toolkit.reading.loader import parse_bytes

SOURCES = "sources"
_FIELD_ORDER = list(Source.model_fields)
"""Where a new key goes in a record: the model's field order, as `toolkit fmt` lays it out."""


def select_sources(
    data_dir: Path, targets: Sequence[str]
) -> tuple[list[RecordFile], list[Problem]]:
    """The source records ``targets`` name (each an id or a file or folder; all when there are
    none), and the problems discovery found with files among them."""
    found = discover(data_dir)
    sources = {file.name: file for file in found.records if file.collection == SOURCES}
    by_id = {file.stem: file for file in sources.values()}
    folder = display_name(data_dir / SOURCES) + "/"
    problem_names = {p.file for p in found.problems if p.file.startswith(folder)}
    if not targets:
        chosen = set(sources) | problem_names
    else:
        chosen = set()
        for target in targets:
            if target in by_id and not Path(target).exists():
                chosen.add(by_id[target].name)
                continue
            picked = select(found.names(), [Path(target)]) & (set(sources) | problem_names)
            if not picked:
                raise UnknownPathError(f"{target} is not a source id, file or folder")
            chosen |= picked
    files = [sources[name] for name in sorted(chosen) if name in sources]
    return files, [p for p in found.problems if p.file in chosen]


def read_source(file: RecordFile) -> Cited | Problem:
    """The address and passages of one source file, or why they cannot be had."""
    content = read_file(file.path, file.name)
    if isinstance(content, Problem):
        return content
    loaded = parse_bytes(content.raw, file.name, file.path)
    if loaded.problems:
        return loaded.problems[0]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    url = data.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return Problem.at(
            file.name,
            "E-URL",
            "the source has no http(s) url to check",
            path=("url",),
            hint="run `toolkit validate` and fix what it reports",
        )
    archive_url = data.get("archive_url")
    passages = data.get("passages")
    texts = [
        passage["text"]
        for passage in (passages if isinstance(passages, list) else [])
        if isinstance(passage, dict) and isinstance(passage.get("text"), str)
    ]
    return Cited(
        file,
        url,
        archive_url if isinstance(archive_url, str) else None,
        "accessed" in data,
        tuple(texts),
    )


def write_findings(source: Cited, result: SourceResult, day: dt.date) -> None:
    """Write ``accessed`` (when the source is verified and has the field) and a proposed
    ``archive_url`` into the file; a failure is noted on the result."""
    changes: dict[str, Any] = {}
    if result.verified and source.has_accessed:
        changes["accessed"] = day
    if result.proposed_archive_url is not None:
        changes["archive_url"] = result.proposed_archive_url
    if not changes:
        return
    error = update_record(source.file, changes)
    if error is None:
        result.updated = sorted(changes, key=_FIELD_ORDER.index)
    else:
        result.write_error = error


def update_record(file: RecordFile, changes: dict[str, Any]) -> str | None:
    """Set top-level fields of one record in place, keeping everything else as written
    (layout, quotes, comments, key order; a new key goes where the model orders it), and
    replace the file atomically. None when done, else why the file was left alone."""
    content = read_file(file.path, file.name)
    if isinstance(content, Problem):
        return content.message
    before = parse_bytes(content.raw, file.name, file.path)
    if before.problems:  # ruamel.yaml must never see what the loader refuses
        return f"the file has errors to fix first ({before.problems[0].code})"
    yaml = round_trip_yaml()
    yaml.preserve_quotes = True
    try:
        document = yaml.load(content.raw.decode("utf-8"))
    except (YAMLError, ValueError, TypeError, RecursionError) as error:
        return f"cannot read the YAML: {error}"
    if not isinstance(document, CommentedMap):
        return "the file is not a mapping"
    for key, value in changes.items():
        _set_in_order(document, key, value)
    output = io.StringIO()
    yaml.dump(document, output)
    text = output.getvalue()
    after = parse_bytes(text.encode("utf-8"), file.name, file.path)
    expected = {**before.data, **{key: str(value) for key, value in changes.items()}}
    if after.problems or after.data != expected:
        return "rewriting would change other values; update it by hand"
    try:
        replace_file(Path(file.path), text, stat.S_IMODE(content.mode))
    except OSError as error:
        return f"cannot write the file: {error.strerror}"
    return None


def _set_in_order(document: CommentedMap, key: str, value: Any) -> None:
    """Replace ``key``'s value where it stands, or insert it after the last key the model
    orders before it."""
    if key in document:
        document[key] = value
        return
    rank = _FIELD_ORDER.index(key)
    earlier = [
        position
        for position, existing in enumerate(document)
        if existing in _FIELD_ORDER and _FIELD_ORDER.index(existing) < rank
    ]
    document.insert(earlier[-1] + 1 if earlier else len(document), key, value)
