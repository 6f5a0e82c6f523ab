"""A cache of per-file results, so unchanged files are not parsed or checked again.

Each row is keyed by the file's name and identified by its content hash; its size and
modification time are a shortcut that saves reading the file when neither changed. Rows are
plain tuples written with ``marshal``, so loading 100,000 of them takes a tenth of a second.

The file is a snapshot followed by a journal: a run that changed a few rows appends just those
rows instead of rewriting every one, and the next run that finds the journal grown past a
quarter of the snapshot writes a fresh snapshot. Every row carries everything needed to decide
whether it still holds, so losing any of them (a torn append, two runs at once) only costs
time, never a stale answer. The whole cache is tied to the toolkit's code, the Python version
and the versions of the libraries that read records or word messages, so changing a rule or
upgrading a parser discards it. The dataset-wide pass's answer is kept too, under a digest of
everything it reads (``toolkit.checking.dataset_pass``), and reused only while that holds.

The cache lives outside the project, in the user's cache folder, one file per data folder, so
nothing in a checkout (a pull request can add any file) is ever read as a cache. Every block is
signed with HMAC-SHA256 under a key made on first use and kept beside the caches, readable by
its owner only; each signature also covers the one before it, the code's digest and the file's
name, so blocks cannot be forged, reordered or moved between files. A block is checked before
``marshal`` reads it, since ``marshal`` is not safe on hostile bytes, and reading stops at the
first block that fails. Without a usable cache folder (a read-only home) nothing is cached.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from toolkit.checking.cache_rows import (
    ROW_LENGTH,
    Row,
    problem_fields,
    problem_from,
    to_row,
)
from toolkit.checking.cache_signing import (
    CACHE_DIR_VARIABLE,
    FRAME,
    KEY_NAME,
    MAC_BYTES,
    MAC_CONTEXT,
    PROJECT_FOLDER,
    blocks,
    cache_path,
    first_link,
    framed,
    mac,
    machine_key,
)
from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.problems import Problem
from toolkit.reading.discovery import read_file
from toolkit.reading.loader import StrPath

__all__ = [
    "CACHE_DIR_VARIABLE",
    "KEY_NAME",
    "MAC_CONTEXT",
    "PROJECT_FOLDER",
    "ResultCache",
    "Row",
    "cache_path",
    "code_digest",
    "content_digest",
    "machine_key",
]

TIMESTAMP_SLACK_NS = 2_000_000_000
"""How long after a file's modification time it may still change without its time changing
(coarse file-system timestamps): a row is trusted on size and time alone only if its content
was last read or hashed at least this long after the file was modified."""
COMPACT_RATIO = 4
"""Rewrite the snapshot when the journal grows past a quarter of it."""
DATASET_KEY = "\x00dataset"
"""The row of the dataset pass's last answer (no file name holds a NUL character)."""


@dataclass
class ResultCache:
    """Per-file results by file name, valid for one version of the toolkit's code."""

    path: Path
    code: str
    key: bytes | None
    """This machine's signing key; ``None`` when there is nowhere to keep one (nothing is saved)."""
    rows: dict[str, Row] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)
    """When this run started, before it read any file: the time a fresh row was verified."""
    fresh: dict[str, Row] = field(default_factory=dict)
    """Rows this run added or re-verified, for the journal."""
    snapshot_bytes: int = 0
    journal_bytes: int = 0
    damaged: bool = False
    """Part of the file could not be read: the next save writes a clean snapshot."""
    chain: bytes = b""
    """The MAC of the last block read: an appended block's MAC covers it."""

    @classmethod
    def open(cls, data_dir: Path) -> ResultCache:
        """The cache for ``data_dir``, or an empty one if it is missing, stale, unreadable or not
        signed with this machine's key."""
        try:
            path = cache_path(data_dir)
        except RuntimeError:  # no home folder to find the cache folder in
            return cls(Path(os.devnull), code_digest(), None)
        cached = cls(path, code_digest(), machine_key(path.parent))
        if cached.key is None:
            return cached
        try:
            content = memoryview(path.read_bytes())
        except OSError:
            return cached
        cached._read(content)
        return cached

    def _read(self, content: memoryview) -> None:
        """Load the snapshot, then apply each appended batch in order."""
        blocks = self._verified(content)
        try:
            snapshot = next(blocks)
            code, rows = marshal.loads(snapshot)
        except Exception:  # an empty, truncated, foreign or forged file is just an empty cache
            self.damaged = True
            return
        if code != self.code or not isinstance(rows, dict):
            self.damaged = True
            return
        self.rows = rows
        self.snapshot_bytes = len(snapshot) + FRAME.size + MAC_BYTES
        try:
            for block in blocks:
                changed, removed = marshal.loads(block)
                rows.update(changed)
                for name in removed:
                    rows.pop(name, None)
                self.journal_bytes += len(block) + FRAME.size + MAC_BYTES
        except Exception:  # a torn or forged append: the rows before it still hold
            self.damaged = True

    def _verified(self, content: memoryview) -> Iterator[memoryview]:
        """The blocks of ``content`` whose MAC holds, in order; the first that fails raises
        ``ValueError`` before anything reads it."""
        assert self.key is not None
        self.chain = first_link(self.key, self.code, self.path)
        for signature, block in blocks(content):
            expected = mac(self.key, self.chain, block)
            if not hmac.compare_digest(signature, expected):
                raise ValueError("a cache block is not signed with this machine's key")
            self.chain = expected
            yield block

    def lookup_row(self, name: str, path: StrPath) -> Row | None:
        """The cached row if the file's content is unchanged (``name`` as messages show it), as
        plain values (``cache_rows.row_record`` makes a record of it, when one is needed)."""
        row = self.rows.get(name)
        if row is None or len(row) != ROW_LENGTH:  # written by another version of the code
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
        return row

    def store_row(self, name: str, row: Row) -> None:
        """Remember a fresh result already made into a row (by a worker process)."""
        self.rows[name] = self.fresh[name] = row

    def store(self, name: str, record: CheckedRecord, problems: list[Problem]) -> None:
        """Remember a fresh result, identified by the bytes that were checked."""
        if record.loaded.identity is None:  # the file could not be read: nothing to reuse
            return
        self.rows[name] = self.fresh[name] = to_row(record, problems, self.started_ns)

    def dataset_problems(self, fingerprint: str) -> list[Problem] | None:
        """The dataset pass's problems found last time, if it read the same (``fingerprint``)
        and no file they point into has changed since; None when the rules must run."""
        stored = self.rows.get(DATASET_KEY)
        if stored is None or stored[0] != fingerprint:
            return None
        _, problems, files = stored
        for name, digest in files:
            row = self.rows.get(name)
            if row is None or row[3] != digest:
                return None
        return [problem_from(*fields) for fields in problems]

    def store_dataset_problems(self, fingerprint: str, problems: list[Problem]) -> None:
        """Remember the dataset pass's answer, with the content digest of each record file its
        problems point into."""
        named = {problem.file for problem in problems} - {DATASET_KEY}
        files = sorted((name, self.rows[name][3]) for name in named if name in self.rows)
        row = (fingerprint, tuple(problem_fields(problem) for problem in problems), tuple(files))
        self.rows[DATASET_KEY] = self.fresh[DATASET_KEY] = row

    def save(self, keep: set[str]) -> None:
        """Record what changed, forgetting files that are gone; a cache that cannot be written
        only costs time."""
        removed = [name for name in self.rows if name not in keep and name != DATASET_KEY]
        for name in removed:
            del self.rows[name]
        if self.key is None or not (self.fresh or removed or self.damaged):
            return
        with suppress(OSError):
            if self.damaged or self.journal_bytes * COMPACT_RATIO >= self.snapshot_bytes:
                self._write_snapshot(self.key)
            else:
                with self.path.open("ab") as handle:
                    handle.write(framed(self.key, self.chain, (self.fresh, removed)))

    def _write_snapshot(self, key: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        first = first_link(key, self.code, self.path)
        try:
            temporary.write_bytes(framed(key, first, (self.code, self.rows)))
            temporary.replace(self.path)
        finally:
            temporary.unlink(missing_ok=True)


def content_digest(path: StrPath) -> str:
    """The SHA-256 of a file's bytes, read as the loader reads them (never through a link,
    never past the size limit); empty, which matches no row, when they cannot be read."""
    content = read_file(path, os.fspath(path))
    return "" if isinstance(content, Problem) else hashlib.sha256(content.raw).hexdigest()


RESULT_LIBRARIES = (
    "PyYAML",
    "yaml-rs",
    "ruamel.yaml",
    "jsonschema-rs",
    "pydantic",
    "pydantic-core",
    "rapidfuzz",
    "ada-url",
    "pycountry",
)
"""The libraries whose behaviour a cached result depends on: the two YAML parsers, the schema and
model validators, the suggestions and closest wordings, URL parsing and the country list."""


@cache
def code_digest() -> str:
    """A digest of the toolkit's own source files, the Python version and the versions of the
    ``RESULT_LIBRARIES``: any change to the rules, to how ``marshal`` writes or to what a
    library answers empties the cache."""
    package = Path(__file__).resolve().parents[1]  # the whole toolkit package
    libraries = [f"{name}=={_version(name)}" for name in RESULT_LIBRARIES]
    digest = hashlib.sha256("\n".join([sys.version, *libraries]).encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"
