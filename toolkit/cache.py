"""A cache of per-file results, so unchanged files are not parsed or checked again.

Each row is keyed by the file's name and identified by its content hash; its size and
modification time are a shortcut that saves reading the file when neither changed. Rows are
plain tuples written with ``marshal``, so loading 100,000 of them takes a tenth of a second.

The file is a snapshot followed by a journal: a run that changed a few rows appends just those
rows instead of rewriting every one, and the next run that finds the journal grown past a
quarter of the snapshot writes a fresh snapshot. Every row carries everything needed to decide
whether it still holds, so losing any of them (a torn append, two runs at once) only costs
time, never a stale answer. The whole cache is tied to the toolkit's code and the Python
version, so changing a rule discards it. The dataset-wide pass always runs over every file.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import struct
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from toolkit.checks.records import CheckedRecord
from toolkit.loader import LoadedFile, StrPath
from toolkit.problems import FieldPath, Problem, Severity
from toolkit.references import Reference

CACHE_FOLDER = ".cache"
CACHE_NAME = "toolkit-validate.marshal"
TIMESTAMP_SLACK_NS = 2_000_000_000
"""How long after a file's modification time it may still change without its time changing
(coarse file-system timestamps): a row is trusted on size and time alone only if its content
was last read or hashed at least this long after the file was modified."""
FRAME = struct.Struct("<Q")
"""Each block of the file is its length, then that many bytes of ``marshal`` output."""
COMPACT_RATIO = 4
"""Rewrite the snapshot when the journal grows past a quarter of it."""

Row = tuple[Any, ...]
"""(size, mtime_ns, verified_ns, digest, collection, stem, id, references, problem_paths,
date, previous, deadline, last_assessed, problems): one file's result, in types ``marshal``
writes."""


@dataclass
class ResultCache:
    """Per-file results by file name, valid for one version of the toolkit's code."""

    path: Path
    code: str
    rows: dict[str, Row] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)
    """When this run started, before it read any file: the time a fresh row was verified."""
    fresh: dict[str, Row] = field(default_factory=dict)
    """Rows this run added or re-verified, for the journal."""
    snapshot_bytes: int = 0
    journal_bytes: int = 0
    damaged: bool = False
    """Part of the file could not be read: the next save writes a clean snapshot."""

    @classmethod
    def open(cls, data_dir: Path) -> ResultCache:
        """The cache beside ``data_dir``, or an empty one if it is missing, stale or unreadable."""
        cached = cls(data_dir.resolve().parent / CACHE_FOLDER / CACHE_NAME, code_digest())
        try:
            content = memoryview(cached.path.read_bytes())
        except OSError:
            return cached
        cached._read(content)
        return cached

    def _read(self, content: memoryview) -> None:
        """Load the snapshot, then apply each appended batch in order."""
        blocks = _blocks(content)
        try:
            snapshot = next(blocks)
            code, rows = marshal.loads(snapshot)
        except Exception:  # an empty, truncated or foreign file is just an empty cache
            self.damaged = True
            return
        if code != self.code or not isinstance(rows, dict):
            self.damaged = True
            return
        self.rows = rows
        self.snapshot_bytes = len(snapshot) + FRAME.size
        try:
            for block in blocks:
                changed, removed = marshal.loads(block)
                rows.update(changed)
                for name in removed:
                    rows.pop(name, None)
                self.journal_bytes += len(block) + FRAME.size
        except Exception:  # a torn append: the rows before it still hold
            self.damaged = True

    def lookup(self, name: str, path: StrPath) -> tuple[CheckedRecord, list[Problem]] | None:
        """The cached result if the file's content is unchanged (``name`` as messages show it)."""
        row = self.rows.get(name)
        if row is None:
            return None
        try:
            stat = os.stat(path)  # noqa: PTH116 (plain strings: see RecordFile.path)
        except OSError:
            return None
        size, mtime_ns, verified_ns, digest = row[:4]
        if stat.st_size != size:
            return None
        if stat.st_mtime_ns != mtime_ns or mtime_ns >= verified_ns - TIMESTAMP_SLACK_NS:
            if content_digest(path) != digest:
                return None
            row = (size, stat.st_mtime_ns, self.started_ns, *row[3:])
            self.rows[name] = self.fresh[name] = row
        return from_row(name, path, row)

    def store(self, name: str, record: CheckedRecord, problems: list[Problem]) -> None:
        """Remember a fresh result, identified by the bytes that were checked."""
        if record.loaded.identity is None:  # the file could not be read: nothing to reuse
            return
        self.rows[name] = self.fresh[name] = to_row(record, problems, self.started_ns)

    def save(self, keep: set[str]) -> None:
        """Record what changed, forgetting files that are gone; a cache that cannot be written
        only costs time."""
        removed = [name for name in self.rows if name not in keep]
        for name in removed:
            del self.rows[name]
        if not (self.fresh or removed or self.damaged):
            return
        with suppress(OSError):
            if self.damaged or self.journal_bytes * COMPACT_RATIO >= self.snapshot_bytes:
                self._write_snapshot()
            else:
                with self.path.open("ab") as handle:
                    handle.write(_framed((self.fresh, removed)))

    def _write_snapshot(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            temporary.write_bytes(_framed((self.code, self.rows)))
            temporary.replace(self.path)
        finally:
            temporary.unlink(missing_ok=True)


def _framed(value: Any) -> bytes:
    """``value`` marshalled, after its length, so blocks can be read back one by one."""
    block = marshal.dumps(value)
    return FRAME.pack(len(block)) + block


def _blocks(content: memoryview) -> Iterator[memoryview]:
    """The framed blocks in ``content``; a block cut short raises ``ValueError``."""
    offset = 0
    while offset < len(content):
        (length,) = FRAME.unpack_from(content, offset)
        offset += FRAME.size
        if offset + length > len(content):
            raise ValueError("the cache file ends inside a block")
        yield content[offset : offset + length]
        offset += length


def to_row(record: CheckedRecord, problems: list[Problem], verified_ns: int) -> Row:
    """One file's result as plain values, verified (read) at ``verified_ns``."""
    assert record.loaded.identity is not None
    size, mtime_ns, digest = record.loaded.identity
    return (
        size,
        mtime_ns,
        verified_ns,
        digest,
        record.collection,
        record.stem,
        record.id,
        tuple(tuple(reference) for reference in record.references),
        tuple(record.problem_paths),
        record.date,
        record.previous,
        record.deadline,
        record.last_assessed,
        tuple(_problem_fields(problem) for problem in problems),
    )


def from_row(name: str, path: StrPath, row: Row) -> tuple[CheckedRecord, list[Problem]]:
    """The record's facts and problems from a row, as the per-file passes gave them."""
    (
        _,
        _,
        _,
        _,
        collection,
        stem,
        record_id,
        references,
        paths,
        date,
        previous,
        deadline,
        last_assessed,
        problems,
    ) = row
    record = CheckedRecord(
        collection,
        name,
        stem,
        LoadedFile(path, name),
        id=record_id,
        references=list(map(Reference._make, references)),
        problem_paths=frozenset(paths),
        date=date,
        previous=previous,
        deadline=deadline,
        last_assessed=last_assessed,
    )
    return record, [_problem(*fields) for fields in problems]


def _problem(
    file: str,
    code: str,
    message: str,
    line: int | None,
    column: int | None,
    path: FieldPath,
    hint: str | None,
    severity: str,
) -> Problem:
    return Problem(file, code, message, line, column, path, hint, Severity(severity))


def _problem_fields(problem: Problem) -> tuple[Any, ...]:
    return (
        problem.file,
        problem.code,
        problem.message,
        problem.line,
        problem.column,
        problem.path,
        problem.hint,
        str(problem.severity),
    )


def content_digest(path: StrPath) -> str:
    """The SHA-256 of a file's bytes."""
    with open(path, "rb") as handle:  # noqa: PTH123 (plain strings: see RecordFile.path)
        return hashlib.sha256(handle.read()).hexdigest()


@cache
def code_digest() -> str:
    """A digest of the toolkit's own source files and the Python version: any change to the
    rules, or to how ``marshal`` writes, empties the cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256(sys.version.encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()
