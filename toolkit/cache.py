"""A cache of per-file results, so unchanged files are not parsed or checked again.

Each entry is keyed by the file's content hash; the file's size and modification time are a
shortcut that saves reading it when neither changed. The whole cache is tied to the toolkit's
own code, so changing a rule discards it. The dataset-wide pass always runs over every file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from toolkit.checks.records import CheckedRecord
from toolkit.problems import Problem

CACHE_FOLDER = ".cache"
CACHE_NAME = "toolkit-validate.pickle"
TIMESTAMP_SLACK_NS = 2_000_000_000


@dataclass
class Entry:
    """One file's result, with what identifies its content."""

    size: int
    mtime_ns: int
    digest: str
    record: CheckedRecord
    problems: list[Problem]


@dataclass
class ResultCache:
    """Per-file results by file path, valid for one version of the toolkit's code."""

    path: Path
    code: str
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False
    saved_ns: int = 0
    """When the run that wrote the cache started, before it read any file. A file modified
    shortly before that may have changed again within the file system's timestamp resolution,
    so only older files skip the hash."""
    started_ns: int = 0
    """When this run started; saved as the next run's ``saved_ns``."""

    @classmethod
    def open(cls, data_dir: Path) -> ResultCache:
        """The cache beside ``data_dir``, or an empty one if it is missing, stale or unreadable."""
        path = data_dir.resolve().parent / CACHE_FOLDER / CACHE_NAME
        cached = cls(path, code_digest(), started_ns=time.time_ns())
        try:
            with path.open("rb") as handle:
                code, saved_ns, entries = pickle.load(handle)
        except Exception:  # a missing, truncated or foreign file is just an empty cache
            return cached
        if code == cached.code:
            cached.entries, cached.saved_ns = entries, saved_ns
        return cached

    def lookup(self, name: str, file: Path) -> tuple[CheckedRecord, list[Problem]] | None:
        """The cached result if the file's content is unchanged (``name`` as messages show it)."""
        entry = self.entries.get(name)
        if entry is None:
            return None
        try:
            stat = file.stat()
        except OSError:
            return None
        settled = entry.mtime_ns < self.saved_ns - TIMESTAMP_SLACK_NS
        if settled and (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns):
            return entry.record, entry.problems
        if stat.st_size == entry.size and content_digest(file) == entry.digest:
            entry.mtime_ns = stat.st_mtime_ns
            self.changed = True
            return entry.record, entry.problems
        return None

    def store(self, name: str, record: CheckedRecord, problems: list[Problem]) -> None:
        """Remember a fresh result, identified by the bytes that were checked."""
        if record.loaded.identity is None:  # the file could not be read: nothing to reuse
            return
        size, mtime_ns, digest = record.loaded.identity
        self.entries[name] = Entry(size, mtime_ns, digest, record, problems)
        self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the cache if anything changed, forgetting files that are gone."""
        for gone in set(self.entries) - keep:
            del self.entries[gone]
            self.changed = True
        if not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            with temporary.open("wb") as handle:
                state = (self.code, self.started_ns, self.entries)
                pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time


def content_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def code_digest() -> str:
    """A digest of the toolkit's own source files: any change to the rules empties the cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()
