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
import secrets
import struct
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from stat import S_ISREG
from typing import Any

from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.problems import FieldPath, Problem, Severity
from toolkit.reading.discovery import read_file
from toolkit.reading.loader import LoadedFile, StrPath
from toolkit.reading.references import Reference

CACHE_DIR_VARIABLE = "TOOLKIT_CACHE_DIR"
"""Overrides the folder holding the caches and their key (tests point it at a temporary one)."""
PROJECT_FOLDER = "india-canada-security-dialogue"
"""The subfolder of ``$XDG_CACHE_HOME`` (or ``~/.cache``) used by default."""
KEY_NAME = "key"
KEY_BYTES = 32
MAC_BYTES = hashlib.sha256().digest_size
MAC_CONTEXT = b"toolkit-validate-cache-1"
TIMESTAMP_SLACK_NS = 2_000_000_000
"""How long after a file's modification time it may still change without its time changing
(coarse file-system timestamps): a row is trusted on size and time alone only if its content
was last read or hashed at least this long after the file was modified."""
FRAME = struct.Struct("<Q")
"""Each block of the file is its length, its MAC, then that many bytes of ``marshal`` output."""
COMPACT_RATIO = 4
"""Rewrite the snapshot when the journal grows past a quarter of it."""

ROW_LENGTH = 11
Row = tuple[Any, ...]
"""(size, mtime_ns, verified_ns, digest, collection, stem, id, references, problem_paths, facts,
problems): one file's result, in types ``marshal`` writes (``facts`` is a dict of plain values,
whatever the collection declares)."""


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
        self.chain = _first_link(self.key, self.code, self.path)
        for mac, block in _blocks(content):
            expected = _mac(self.key, self.chain, block)
            if not hmac.compare_digest(mac, expected):
                raise ValueError("a cache block is not signed with this machine's key")
            self.chain = expected
            yield block

    def lookup(self, name: str, path: StrPath) -> tuple[CheckedRecord, list[Problem]] | None:
        """The cached result if the file's content is unchanged (``name`` as messages show it)."""
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
        if self.key is None or not (self.fresh or removed or self.damaged):
            return
        with suppress(OSError):
            if self.damaged or self.journal_bytes * COMPACT_RATIO >= self.snapshot_bytes:
                self._write_snapshot(self.key)
            else:
                with self.path.open("ab") as handle:
                    handle.write(_framed(self.key, self.chain, (self.fresh, removed)))

    def _write_snapshot(self, key: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        first = _first_link(key, self.code, self.path)
        try:
            temporary.write_bytes(_framed(key, first, (self.code, self.rows)))
            temporary.replace(self.path)
        finally:
            temporary.unlink(missing_ok=True)


def cache_folder() -> Path:
    """Where the caches and their key live: ``$TOOLKIT_CACHE_DIR``, else the user's cache folder
    (``$XDG_CACHE_HOME`` or ``~/.cache``), never the project, whose files anyone can propose."""
    override = os.environ.get(CACHE_DIR_VARIABLE)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if Path(base).is_absolute() else Path.home() / ".cache"  # as XDG says
    return root / PROJECT_FOLDER


def cache_path(data_dir: Path) -> Path:
    """The cache file for ``data_dir``: one per data folder, named by its resolved path."""
    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:32]
    return cache_folder() / f"validate-{digest}.marshal"


def machine_key(folder: Path) -> bytes | None:
    """The key that signs the caches in ``folder``, made on first use; ``None`` if the folder or
    the key cannot be made or read, or the key is not this user's alone."""
    path = folder / KEY_NAME
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            return _read_key(path)
        except FileNotFoundError:
            return _create_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    """The key in ``path`` if it is a regular file of the right size that only its owner, this
    user, can read or write."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            return None
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _create_key(path: Path) -> bytes | None:
    """A new key, written whole to a private file and then linked into place, so no reader ever
    sees part of one; when another process links its key first, that key is the one used."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(8)}")
    key = secrets.token_bytes(KEY_BYTES)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        os.link(temporary, path)  # fails if the key exists: two first runs agree on one key
    except FileExistsError:
        return _read_key(path)
    finally:
        temporary.unlink(missing_ok=True)
    return key


def _first_link(key: bytes, code: str, path: Path) -> bytes:
    """What the first block's MAC covers besides the block: this format, the toolkit's code and
    the cache file's name, so a file signed for other code or another data folder fails."""
    return hmac.digest(key, b"\0".join((MAC_CONTEXT, code.encode(), path.name.encode())), "sha256")


def _mac(key: bytes, previous: bytes, block: bytes | memoryview) -> bytes:
    """A block's MAC, covering the MAC before it so blocks keep their order and their file."""
    signer = hmac.new(key, previous, "sha256")
    signer.update(block)
    return signer.digest()


def _framed(key: bytes, previous: bytes, value: Any) -> bytes:
    """``value`` marshalled, after its length and its MAC, so blocks can be read back one by
    one and checked before they are unmarshalled."""
    block = marshal.dumps(value)
    return FRAME.pack(len(block)) + _mac(key, previous, block) + block


def _blocks(content: memoryview) -> Iterator[tuple[memoryview, memoryview]]:
    """The (MAC, block) pairs in ``content``; a block cut short raises ``ValueError``."""
    offset = 0
    while offset < len(content):
        if offset + FRAME.size + MAC_BYTES > len(content):
            raise ValueError("the cache file ends inside a block header")
        (length,) = FRAME.unpack_from(content, offset)
        offset += FRAME.size
        mac = content[offset : offset + MAC_BYTES]
        offset += MAC_BYTES
        if offset + length > len(content):
            raise ValueError("the cache file ends inside a block")
        yield mac, content[offset : offset + length]
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
        record.facts,
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
        facts,
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
        facts=facts,
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
    """The SHA-256 of a file's bytes, read as the loader reads them (never through a link,
    never past the size limit); empty, which matches no row, when they cannot be read."""
    content = read_file(path, os.fspath(path))
    return "" if isinstance(content, Problem) else hashlib.sha256(content.raw).hexdigest()


@cache
def code_digest() -> str:
    """A digest of the toolkit's own source files and the Python version: any change to the
    rules, or to how ``marshal`` writes, empties the cache."""
    package = Path(__file__).resolve().parents[1]  # the whole toolkit package
    digest = hashlib.sha256(sys.version.encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()
