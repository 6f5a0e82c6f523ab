"""Find and read the files of a data folder: the one way every command reaches a record.

Records come from strangers' pull requests, so nothing under the data folder is reached
through a symbolic link: a link (to a record, a collection folder, a top-level document or
anything else) is reported and never followed, so no file outside the project is published or
echoed into a report, and a link loop is just one more link. Anything that is neither a regular
file nor a folder (a named pipe, a socket, a device) is reported and skipped, since opening one
can block forever. A file is never read past ``MAX_FILE_BYTES``. Failures are problems, never
exceptions. The data folder itself may be a link: the user chose it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.foundation.problems import Problem
from toolkit.foundation.suggestions import suggest
from toolkit.models import COLLECTIONS, SINGULAR

RECORD_SUFFIX = ".yaml"
MAX_FILE_BYTES = 1_000_000
"""Records are a few kilobytes; anything this large is a mistake or an attack."""
TOP_LEVEL_DOCUMENTS = {
    "dataset.yaml": "dataset",
    "changelog.yaml": "changelog",
    "redirects.yaml": "redirects",
}
"""The files read at the top of the data folder, and the schema each follows."""

StrPath = str | os.PathLike[str]
"""A file's location: discovery passes plain strings, which are much cheaper than ``Path``."""

_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
"""Refuse a link at the last moment too, never wait on a named pipe, and keep the descriptor
out of child processes."""
_SINGULARS = {singular: plural for plural, singular in SINGULAR.items()} | {
    "organisation": "organizations",
    "organisations": "organizations",
}
"""Folder names contributors write by mistake, and the collection they mean."""
_LINK_HINT = "replace the link with a copy of the file or folder it points to"


@dataclass(frozen=True)
class RecordFile:
    """A file that should hold one record of ``collection``; ``name`` is how messages show it.

    For a top-level document (``dataset.yaml``, ``changelog.yaml``), ``collection`` is the
    schema it follows (``dataset``, ``changelog``)."""

    path: str
    """Where the file is; a string, since making 100,000 ``Path`` objects costs most of a
    second."""
    collection: str
    name: str
    stem: str
    """The file name without ``.yaml``: the id the record must have."""


@dataclass
class DataFiles:
    """Everything discovery found: the record files in a stable order, the top-level
    documents present (by file name), and the problems with whatever else is there."""

    records: list[RecordFile] = field(default_factory=list)
    documents: dict[str, RecordFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def names(self) -> set[str]:
        """Every file discovery looked at, as messages show it."""
        found = {file.name for file in self.records} | {p.file for p in self.problems}
        return found | {file.name for file in self.documents.values()}


@dataclass(frozen=True)
class FileBytes:
    """The bytes of a regular file, read whole (it is within the limit), and its status."""

    raw: bytes
    size: int
    mtime_ns: int
    mode: int


class UnknownPathError(ValueError):
    """A path given on the command line is not a record file or folder inside the data folder."""


def display_name(path: Path) -> str:
    """The path as contributors know it: relative to the working folder when inside it,
    normalised (no ``./``, no ``..`` detours) so the same file always has the same name."""
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix() if path.is_absolute() else os.path.normpath(path)


def discover(data_dir: Path) -> DataFiles:
    """Every record file and top-level document under ``data_dir``, never through a link, and
    problems with links, special files and files in the wrong place."""
    found = DataFiles()
    root_name = display_name(data_dir)
    shown_root = "" if root_name == "." else f"{root_name}/"
    for entry in _entries(data_dir, root_name, found.problems):
        shown = f"{shown_root}{entry.name}"
        if (refused := _refused(entry, shown)) is not None:
            found.problems.append(refused)
        elif entry.is_dir(follow_symlinks=False):
            _collect(entry, shown, found)
        elif entry.name in TOP_LEVEL_DOCUMENTS:
            stem = entry.name.removesuffix(RECORD_SUFFIX)
            schema = TOP_LEVEL_DOCUMENTS[entry.name]
            found.documents[entry.name] = RecordFile(entry.path, schema, shown, stem)
    return found


def top_level_document(data_dir: Path, file_name: str) -> tuple[RecordFile | None, list[Problem]]:
    """One top-level document when it is a regular file, or the problem that keeps it from
    being read (a link, a special file); neither when it is absent. The same rules as
    ``discover``, without walking the records."""
    path = data_dir / file_name
    shown = display_name(path)
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None, []
    except OSError as error:
        return None, [Problem.at(shown, "E-FILE-READ", f"cannot read file: {error.strerror}")]
    if stat.S_ISLNK(mode):
        return None, [_link(shown)]
    if stat.S_ISDIR(mode):
        return None, []  # a folder of that name is walked, and reported, as a collection
    if not stat.S_ISREG(mode):
        return None, [_special(shown, mode)]
    stem = file_name.removesuffix(RECORD_SUFFIX)
    return RecordFile(str(path), TOP_LEVEL_DOCUMENTS[file_name], shown, stem), []


def read_file(path: StrPath, name: str) -> FileBytes | Problem:
    """A discovered file's bytes, or why they cannot be had. The file is opened without
    following a link and without blocking, checked to be a regular file on the open descriptor
    (it may have been swapped since discovery), and never read past the limit."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _unopenable(error, name)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return _special(name, info.st_mode)
        # Asking for the file's own size (not the limit) spares allocating a megabyte buffer
        # for every small record; one byte more shows the file grew past the limit.
        expected = info.st_size if 0 < info.st_size <= MAX_FILE_BYTES else MAX_FILE_BYTES
        raw = _read_up_to(descriptor, expected + 1)
    except OSError as error:
        return Problem.at(name, "E-FILE-READ", f"cannot read file: {error.strerror}")
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        return too_large(name, max(info.st_size, len(raw)))
    return FileBytes(raw, info.st_size, info.st_mtime_ns, info.st_mode)


def _read_up_to(descriptor: int, limit: int) -> bytes:
    """At most ``limit`` bytes: all of them, unless the file ends first."""
    chunks = []
    while limit > 0 and (chunk := os.read(descriptor, limit)):
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def too_large(name: str, size: int) -> Problem:
    """The problem with a file of ``size`` bytes, past the limit."""
    return Problem.at(
        name,
        "E-FILE-SIZE",
        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
        hint="a record is a few kilobytes: split it or remove what does not belong",
    )


def select(names: Collection[str], only: Sequence[Path]) -> set[str]:
    """The discovered names that ``only`` (files and folders given on the command line) picks
    out; a path that picks out none is outside the data folder or not there at all."""
    selected: set[str] = set()
    for path in only:
        prefix = display_name(path)
        matches = {
            name
            for name in names
            if prefix == "." or name == prefix or name.startswith(prefix.rstrip("/") + "/")
        }
        if not matches:
            raise UnknownPathError(f"{path} is not a record file or folder in the data folder")
        selected |= matches
    return selected


def _collect(collection: os.DirEntry[str], shown: str, found: DataFiles) -> None:
    """The records of one collection folder, and problems with everything else under it.
    Subfolders are walked without recursion (however deep) so their files can be reported."""
    pending = [(collection.path, shown, False)]
    while pending:
        folder, folder_shown, nested = pending.pop()
        for entry in _entries(folder, folder_shown, found.problems):
            entry_shown = f"{folder_shown}/{entry.name}"
            if (refused := _refused(entry, entry_shown)) is not None:
                found.problems.append(refused)
            elif entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, entry_shown, True))
            elif (misplaced := _misplaced(entry.name, collection.name, nested=nested)) is None:
                stem = entry.name.removesuffix(RECORD_SUFFIX)
                found.records.append(RecordFile(entry.path, collection.name, entry_shown, stem))
            else:
                message, hint = misplaced
                found.problems.append(Problem.at(entry_shown, "E-PATH", message, hint=hint))


def _entries(folder: StrPath, shown: str, problems: list[Problem]) -> list[os.DirEntry[str]]:
    """The folder's entries by name, hidden ones left out; a problem if it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        problems.append(Problem.at(shown, "E-FILE-READ", f"cannot read folder: {error.strerror}"))
        return []


def _refused(entry: os.DirEntry[str], shown: str) -> Problem | None:
    """The problem with an entry that is a link or neither a file nor a folder, else None."""
    if entry.is_symlink():
        return _link(shown)
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return None
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        mode = 0  # gone since the folder was listed
    return _special(shown, mode)


def _link(shown: str) -> Problem:
    return Problem.at(
        shown,
        "E-PATH",
        "symbolic link: links in the data folder are never followed",
        hint=_LINK_HINT,
    )


def _special(shown: str, mode: int) -> Problem:
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe")]
    kinds += [(stat.S_ISSOCK, "a socket")]
    kinds += [(stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")]
    kind = next((kind for test, kind in kinds if test(mode)), "a special file")
    return Problem.at(
        shown,
        "E-PATH",
        f"not a regular file ({kind})",
        hint="remove it: records are plain text files",
    )


def _unopenable(error: OSError, name: str) -> Problem:
    """Why a file could not be opened: a link met at open time, a file that cannot be opened
    for reading at all (a socket), or an ordinary read error."""
    if error.errno == errno.ELOOP:
        return _link(name)
    if error.errno == errno.ENXIO:
        return _special(name, 0)
    return Problem.at(name, "E-FILE-READ", f"cannot read file: {error.strerror}")


def _misplaced(name: str, collection: str, *, nested: bool) -> tuple[str, str] | None:
    """Why a regular file cannot be read as a record, as (message, hint), or None when it can."""
    if collection not in COLLECTIONS:
        guess = _SINGULARS.get(collection) or suggest(collection, set(COLLECTIONS))
        where = f"data/{guess}/" if guess else f"one of: {', '.join(COLLECTIONS)}"
        return f"'{collection}' is not a collection", f"move the file to {where}"
    if nested:
        return "records sit directly in their collection folder", f"move it to {collection}/"
    if not name.endswith(RECORD_SUFFIX):
        stem = name.rsplit(".", 1)[0]
        return f"record files end in {RECORD_SUFFIX}", f"rename it to {stem}{RECORD_SUFFIX}"
    return None
